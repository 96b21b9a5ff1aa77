import { useEffect, useRef, useState } from 'react';
import type { GradeSyncItemView } from '../../../server/http/contract';
import { retryGradeSync, toApiError } from '../api';
import { apiErrorText } from '../errorText';
import { useGradeSync } from '../hooks/useGradeSync';
import { useT } from '../i18n/I18nProvider';
import { ErrorNotice } from './ErrorNotice';
import { GradeSyncTable, studentName } from './GradeSyncTable';

/** What the last retry or refresh did; `n` re-keys the text so a repeat is announced again. */
type ActionMessage = { kind: 'none' } | { kind: 'progress' | 'success' | 'error'; text: string; n: number };

/** "Grades sent to the LMS": recent score deliveries, with a retry for the failed ones. */
export function GradeSync({ courseId }: { courseId: string }) {
  const t = useT();
  const { state, reload } = useGradeSync(courseId);
  const [retryingId, setRetryingId] = useState<string | null>(null);
  const [action, setAction] = useState<ActionMessage>({ kind: 'none' });
  // A ref, not state: a double click must not send two requests before React re-renders.
  const busy = useRef(false);
  const sequence = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const [focusCheck, setFocusCheck] = useState(0);

  // A successful retry removes the row's button (the row is no longer "failed"). If focus
  // went with it, put it on the section heading rather than leave it at the top of the page.
  useEffect(() => {
    if (focusCheck === 0) return;
    const active = document.activeElement;
    if (!active || active === document.body) heading.current?.focus();
  }, [focusCheck]);

  const retry = async (item: GradeSyncItemView) => {
    if (busy.current) return;
    busy.current = true;
    const student = studentName(item, t);
    const n = ++sequence.current;
    setRetryingId(item.id);
    setAction({ kind: 'progress', text: t('grades.retrying', { student }), n });
    let result: ActionMessage;
    try {
      await retryGradeSync(courseId, item.id);
      result = { kind: 'success', text: t('grades.retried', { student }), n };
    } catch (error) {
      result = { kind: 'error', text: t('grades.retryFailed', { student, message: apiErrorText(toApiError(error), t) }), n };
    }
    // Either way the row may have changed (a 409 means someone else already retried it).
    await reload();
    busy.current = false;
    setRetryingId(null);
    setAction(result);
    setFocusCheck((c) => c + 1);
  };

  const refresh = async () => {
    if (busy.current) return;
    busy.current = true;
    const n = ++sequence.current;
    setAction({ kind: 'progress', text: t('grades.refreshing'), n });
    const loaded = await reload();
    busy.current = false;
    // A failed refresh is explained by the error notice in the list's own live region.
    setAction(loaded ? { kind: 'success', text: t('grades.refreshed'), n } : { kind: 'none' });
  };

  return (
    <section className="card" aria-labelledby="grades-heading">
      <h2 id="grades-heading" ref={heading} tabIndex={-1}>
        {t('grades.heading')}
      </h2>
      <p>{t('grades.intro')}</p>
      {/* Always mounted so screen readers announce the change from loading to loaded/failed. */}
      <div aria-live="polite">
        {state.status === 'loading' && <p className="status">{t('grades.loading')}</p>}
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void refresh()} />}
        {state.status === 'ready' && <p className="visually-hidden">{t('grades.loaded')}</p>}
      </div>
      <p role="status" className="status action-status">
        {(action.kind === 'progress' || action.kind === 'success') && <span key={action.n}>{action.text}</span>}
      </p>
      <div role="alert">
        {action.kind === 'error' && (
          <p key={action.n} className="notice notice-error">
            {action.text}
          </p>
        )}
      </div>
      {state.status === 'ready' && (
        <>
          {state.items.length > 0 ? (
            <GradeSyncTable items={state.items} retryingId={retryingId} onRetry={(item) => void retry(item)} />
          ) : (
            <p>{t('grades.empty')}</p>
          )}
          <div className="section-actions">
            <button type="button" className="button button-secondary" onClick={() => void refresh()}>
              {t('grades.refresh')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
