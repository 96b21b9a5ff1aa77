import { isClientErrorCode, type ApiError } from '../../api';
import { useT } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/translate';
import type { DeepLinkSubmitState } from '../../hooks/useDeepLinkSubmit';

/**
 * Progress and failure of sending to the LMS, next to the submit button. Both regions stay
 * mounted so assistive tech is already listening when their text arrives.
 */
export function SendStatus({ state }: { state: DeepLinkSubmitState }) {
  const t = useT();
  return (
    <>
      <p role="status" className="status send-status">
        {state.status === 'sending' ? t('deepLinking.sending') : ''}
      </p>
      <div role="alert">
        {state.status === 'error' && (
          // Keyed by attempt so the same error after a resend is announced again.
          <div key={state.attempt} className="notice notice-error">
            <p className="notice-title">{t('deepLinking.sendFailedTitle')}</p>
            <p>{errorMessage(state.error, t)}</p>
            <p className="notice-code">{t('error.code', { code: state.error.code })}</p>
            <p>{t('deepLinking.sendFailedNext')}</p>
          </div>
        )}
      </div>
    </>
  );
}

// The server's messages are already in the launch's language; ours are not, so translate those.
function errorMessage(error: ApiError, t: Translate): string {
  if (error.code === 'network_error') return t('error.network');
  if (error.code === 'invalid_return_url') return t('deepLinking.error.returnUrl');
  if (isClientErrorCode(error.code)) return error.status === 401 ? t('error.unauthenticated') : t('error.generic');
  return error.message;
}
