import type { ApiError } from '../api';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/translate';

/** A failed request in plain words, with the code for support and an optional retry. */
export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT();
  return (
    // The heading text (not only the red border) says this is an error.
    <div className="notice notice-error">
      <p className="notice-title">{t('error.heading')}</p>
      <p>{t(errorMessageKey(error))}</p>
      <p className="notice-code">{t('error.code', { code: error.code })}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('members.retry')}
        </button>
      )}
    </div>
  );
}

// Server codes may grow; the HTTP status is the stable part to choose a message from.
function errorMessageKey(error: ApiError): MessageKey {
  if (error.status === 0) return 'error.network';
  if (error.status === 401) return 'error.unauthenticated';
  if (error.status === 403) return 'error.forbidden';
  if (error.status === 404) return 'error.notFound';
  return 'error.generic';
}
