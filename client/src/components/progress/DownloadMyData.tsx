import { useRef, useState } from 'react';
import { downloadMyData, toApiError, type ApiError, type MyDataFormat } from '../../api';
import { apiErrorText } from '../../errorText';
import { useT } from '../../i18n/I18nProvider';
import { saveFile } from './saveFile';

type DownloadState =
  | { status: 'idle' }
  | { status: 'sending'; format: MyDataFormat }
  | { status: 'done'; filename: string }
  | { status: 'error'; error: ApiError };

/** "Download my data": the student's own answers and progress as JSON or CSV. */
export function DownloadMyData() {
  const t = useT();
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  // A ref, not state: a double click must not start two downloads.
  const busy = useRef(false);

  async function download(format: MyDataFormat) {
    if (busy.current) return;
    busy.current = true;
    setState({ status: 'sending', format });
    try {
      const file = await downloadMyData(format);
      saveFile(file);
      setState({ status: 'done', filename: file.filename });
    } catch (error) {
      setState({ status: 'error', error: toApiError(error) });
    } finally {
      busy.current = false;
    }
  }

  const sending = state.status === 'sending';
  return (
    <div className="my-data">
      <h3>{t('myProgress.downloadHeading')}</h3>
      <p>{t('myProgress.downloadIntro')}</p>
      <div className="section-actions">
        {(['json', 'csv'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button button-secondary"
            // Stays focusable while sending; aria-disabled says why a press does nothing.
            aria-disabled={sending || undefined}
            onClick={() => void download(format)}
          >
            {t(format === 'json' ? 'myProgress.downloadJson' : 'myProgress.downloadCsv')}
          </button>
        ))}
      </div>
      <div role="status" className="action-status">
        {sending && <p>{t('myProgress.downloading')}</p>}
        {state.status === 'done' && <p>{t('myProgress.downloaded', { filename: state.filename })}</p>}
      </div>
      {state.status === 'error' && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t('myProgress.downloadFailed')}</p>
          <p>{apiErrorText(state.error, t)}</p>
          <p className="notice-code">{t('error.code', { code: state.error.code })}</p>
        </div>
      )}
    </div>
  );
}
