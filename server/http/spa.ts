// Serves the built React client. A launch response is the client's index.html with the
// boot data (launch token + session view) inlined, so the panel paints without another
// round trip and without any cookie.
import fs from 'node:fs';
import path from 'node:path';
import type { BootData } from './contract';
import { AppError } from './errors';
import { inlineJson } from './html';

export const CLIENT_DIST = path.resolve(__dirname, '../../client/dist');
const BOOT_PLACEHOLDER = '<!--trellis-boot-->';

export class SpaRenderer {
  private template: string | null = null;

  constructor(private readonly distDir = CLIENT_DIST) {}

  get assetsDir(): string {
    return this.distDir;
  }

  render(boot: BootData): string {
    const template = this.load();
    // JSON inside <script> must not be able to close the tag.
    return template
      .replace(BOOT_PLACEHOLDER, `<script id="trellis-boot" type="application/json">${inlineJson(boot)}</script>`)
      .replace('<html lang="en">', `<html lang="${boot.session.locale}">`);
  }

  private load(): string {
    if (this.template) return this.template;
    const file = path.join(this.distDir, 'index.html');
    if (!fs.existsSync(file)) throw new AppError('client_not_built', 503, 'error.internal', `missing ${file}: run npm run build`);
    const html = fs.readFileSync(file, 'utf8');
    if (!html.includes(BOOT_PLACEHOLDER)) throw new AppError('client_not_built', 503, 'error.internal', 'index.html lacks the boot placeholder');
    this.template = html;
    return html;
  }
}
