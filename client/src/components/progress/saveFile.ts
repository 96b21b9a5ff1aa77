import type { DownloadedFile } from '../../api';

/** Hands a fetched file to the browser's download, under the server's name. */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns; free it once the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
