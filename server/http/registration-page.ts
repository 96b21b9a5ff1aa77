// The page the LMS shows after Dynamic Registration. Its Close button sends the spec's
// org.imsglobal.lti.close message (script served from our origin: the CSP allows no inline JS).
import { translate, type Locale, type MessageKey } from '../i18n/catalog';
import { escapeHtml } from './html';


export const REGISTRATION_CLOSE_SCRIPT = `document.getElementById('close').addEventListener('click', function () {
  (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
});
`;

export function renderRegistrationDone(opts: { locale: Locale; platformName: string; pending: boolean }): string {
  const t = (key: MessageKey, params?: Record<string, string>) => escapeHtml(translate(opts.locale, key, params));
  return `<!doctype html>
<html lang="${opts.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('registration.doneTitle')}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 1.5rem; color: #1b1b1b; background: #fff; line-height: 1.5; }
  main { max-width: 40rem; margin: 0 auto; }
  button { font: inherit; padding: 0.5rem 1.25rem; border: 2px solid #0b5394; background: #0b5394; color: #fff; border-radius: 4px; cursor: pointer; }
  button:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <h1>${t('registration.doneTitle')}</h1>
  <p role="status">${t(opts.pending ? 'registration.donePending' : 'registration.doneActive', { platform: opts.platformName })}</p>
  <button id="close" type="button">${t('registration.close')}</button>
</main>
<script src="/lti/register-close.js"></script>
</body>
</html>`;
}
