import { useEffect, useId, useRef } from 'react';
import type { ApiError } from '../../api';
import { apiErrorText } from '../../errorText';
import { usePractice } from '../../hooks/usePractice';
import { useT } from '../../i18n/I18nProvider';
import { PracticeItem } from './PracticeItem';
import { ProgressSummary } from './ProgressSummary';
import { skillNamer } from './skillNames';

/** The student's practice: the open question (or why there is none), then their progress. */
export function Practice() {
  const t = useT();
  const practice = usePractice();
  const { state } = practice;

  return (
    <>
      {/* Always mounted so screen readers hear the change from loading to failed. */}
      <div aria-live="polite">
        {state.status === 'loading' && <p className="status">{t('practice.loading')}</p>}
        {state.status === 'error' && <LoadError error={state.error} onRetry={() => practice.reload(true)} />}
      </div>
      {state.status === 'ready' && (
        <>
          {state.item ? (
            <PracticeItem
              // A new key per item served: fresh draft answer, fresh focus handling.
              key={state.serial}
              session={{ ...state, item: state.item }}
              practice={practice}
              skillName={skillNamer(state.progress, state.item)}
            />
          ) : (
            <NoItem finished={state.progress.complete || state.progress.itemsAnswered > 0} focus={state.focusItem} />
          )}
          <ProgressSummary progress={state.progress} />
        </>
      )}
    </>
  );
}

/** Nothing to answer: the launch has no skills to practise, or everything is done for now. */
function NoItem({ finished, focus }: { finished: boolean; focus: boolean }) {
  const t = useT();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
    // Only on mount, like the item's heading.
  }, []);
  return (
    <section className="card practice-item" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('practice.heading')}
      </h2>
      <p>{t(finished ? 'practice.finished' : 'practice.nothing')}</p>
    </section>
  );
}

function LoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="notice notice-error">
      <p className="notice-title">{t('practice.loadFailedTitle')}</p>
      <p>{apiErrorText(error, t)}</p>
      <p className="notice-code">{t('error.code', { code: error.code })}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('practice.retry')}
      </button>
    </div>
  );
}
