import { apiErrorText } from '../../errorText';
import type { RequestState } from '../../hooks/usePractice';
import { useT } from '../../i18n/I18nProvider';

interface SubmitErrorProps {
  state: RequestState;
  /** False when the error is shown next to the answer box instead (an answer the server can't read). */
  show: boolean;
  /** The item is no longer open (answered elsewhere, or replaced): offer to load the open one. */
  conflict: boolean;
  onReload: () => void;
}

/** Why an answer wasn't checked, and what to do next. Always mounted so it is announced. */
export function SubmitError({ state, show, conflict, onReload }: SubmitErrorProps) {
  const t = useT();
  return (
    <div role="alert">
      {show && state.status === 'error' && (
        <div key={state.attempt} className="notice notice-error">
          <p className="notice-title">{t(conflict ? 'practice.conflictTitle' : 'practice.sendFailedTitle')}</p>
          <p>{apiErrorText(state.error, t)}</p>
          {!conflict && <p>{t('practice.sendFailedNext')}</p>}
          <p className="notice-code">{t('error.code', { code: state.error.code })}</p>
          {conflict && (
            <button type="button" className="button" onClick={onReload}>
              {t('practice.loadOpenItem')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
