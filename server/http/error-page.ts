// The HTML page a person sees when a browser request (login, launch) fails: what happened
// in their language, what to do, and a code to pass on. Never a stack trace.
import { translate, type Locale, type MessageKey } from '../i18n/catalog';
import { escapeHtml } from './html';


export function renderErrorPage(opts: { locale: Locale; code: string; messageKey: MessageKey; detail?: string }): string {
  const t = (key: MessageKey, params?: Record<string, string>) => escapeHtml(translate(opts.locale, key, params));
  return `<!doctype html>
<html lang="${opts.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('page.errorTitle')}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 1.5rem; color: #1b1b1b; background: #fff; line-height: 1.5; }
  main { max-width: 40rem; margin: 0 auto; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  .message { border-left: 4px solid #b3261e; padding: 0.5rem 1rem; background: #fdf3f2; }
  code { background: #f1f1f1; padding: 0.1rem 0.3rem; border-radius: 3px; }
</style>
</head>
<body>
<main>
  <h1>${t('page.errorTitle')}</h1>
  <p class="message" role="alert">${t(opts.messageKey, { detail: opts.detail ?? '' })}</p>
  <h2>${t('page.whatToDo')}</h2>
  <p>${t('page.tryAgain')}</p>
  <p><small>${t('page.code', { code: opts.code }).replace(escapeHtml(opts.code), `<code>${escapeHtml(opts.code)}</code>`)}</small></p>
</main>
</body>
</html>`;
}
