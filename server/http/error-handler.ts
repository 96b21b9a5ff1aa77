// One error middleware: JSON {error:{code,message}} for /api, an HTML page for browser
// routes. Unknown errors become a generic 500 with the detail only in the logs.
import type { ErrorRequestHandler } from 'express';
import { localeFromAcceptLanguage, translate, type Locale } from '../i18n/catalog';
import type { Logger } from '../logger';
import { renderErrorPage } from './error-page';
import { AppError, isAppError } from './errors';

/** Maps body-parser and other framework errors to AppErrors with safe messages. */
function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const e = err as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.too.large') return new AppError('body_too_large', 413, 'error.bodyTooLarge');
  if (e.status === 404) return new AppError('not_found', 404, 'error.notFound', e.message);
  if (e.status && e.status >= 400 && e.status < 500) return new AppError('bad_request', 400, 'error.badRequest', e.message);
  // Every pooled database connection stayed busy past the wait limit: overload, not a bug.
  if (e.message === 'timeout exceeded when trying to connect') return new AppError('server_busy', 503, 'error.busy', e.message);
  return new AppError('internal_error', 500, 'error.internal', e.message);
}

const DETAIL_SHOWN = new Set(['launch.invalidClaims', 'registration.badConfiguration', 'api.invalidInput']);

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    const log = appError.status >= 500 ? logger.error.bind(logger) : logger.info.bind(logger);
    log({ code: appError.code, detail: appError.detail, path: req.path, err: appError.status >= 500 ? err : undefined }, 'request failed');
    if (res.headersSent) return;
    if (appError.status === 503) res.set('Retry-After', '2');
    const locale: Locale = (res.locals.locale as Locale | undefined) ?? localeFromAcceptLanguage(req.headers['accept-language']);
    // Only these messages show their detail (a claim name, a configuration field); others keep it in the logs.
    const detail = DETAIL_SHOWN.has(appError.messageKey) ? appError.detail : undefined;
    if (req.path.startsWith('/api/')) {
      res.status(appError.status).json({ error: { code: appError.code, message: translate(locale, appError.messageKey, { detail: detail ?? '' }) } });
      return;
    }
    res
      .status(appError.status)
      .type('html')
      .send(renderErrorPage({ locale, code: appError.code, messageKey: appError.messageKey, detail }));
  };
}
