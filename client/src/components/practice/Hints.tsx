import { useId } from 'react';
import type { RenderedText } from '../../../../server/http/contract';
import { apiErrorText } from '../../errorText';
import type { RequestState } from '../../hooks/usePractice';
import { useT } from '../../i18n/I18nProvider';
import { RichText } from './RichText';

interface HintsProps {
  hints: readonly RenderedText[];
  available: number;
  request: RequestState;
  /** After the answer is checked, the hints opened so far stay but no more are offered. */
  answered: boolean;
  onShowHint: () => void;
}

/** Hints on request, one at a time; the ones already opened come back after a reload. */
export function Hints({ hints, available, request, answered, onShowHint }: HintsProps) {
  const t = useT();
  const headingId = useId();
  // Nothing to show: no hints for this item, or it was answered without opening any.
  if (hints.length === 0 && (available === 0 || answered)) return null;
  const remaining = available - hints.length;

  return (
    <section className="hints" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('practice.hintsHeading')}</h3>
      {/* Mounted before any hint arrives, so each new hint is read out once. */}
      <div aria-live="polite">
        {hints.length > 0 && (
          <ol className="hint-list">
            {hints.map((hint, index) => (
              <li key={index}>
                <RichText text={hint} />
              </li>
            ))}
          </ol>
        )}
      </div>
      {!answered &&
        (remaining > 0 ? (
          // aria-disabled, not disabled: the button keeps focus while the hint loads.
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={request.status === 'sending'}
            onClick={onShowHint}
          >
            {t('practice.hintButton', { number: hints.length + 1, total: available })}
          </button>
        ) : (
          // Kept (not removed) so focus stays here after the last hint.
          <button type="button" className="button button-secondary" aria-disabled="true">
            {t('practice.noMoreHints')}
          </button>
        ))}
      <div role="alert">
        {request.status === 'error' && (
          <p key={request.attempt} className="notice notice-error">
            {apiErrorText(request.error, t)}
          </p>
        )}
      </div>
    </section>
  );
}
