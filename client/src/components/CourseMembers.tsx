import { useCourseMembers } from '../hooks/useCourseMembers';
import { useT } from '../i18n/I18nProvider';
import { ErrorNotice } from './ErrorNotice';
import { MembersTable } from './MembersTable';

/**
 * The teacher's class list section: loading, error and loaded states in one place.
 * Change `refreshKey` to load the list again (the roster sync does, after it succeeds).
 */
export function CourseMembers({ courseId, refreshKey = 0 }: { courseId: string; refreshKey?: number }) {
  const t = useT();
  const state = useCourseMembers(courseId, refreshKey);

  return (
    <section className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('members.heading')}</h2>
      {/* Always mounted so screen readers announce the change from loading to loaded/failed. */}
      <div aria-live="polite">
        {state.status === 'loading' && <p className="status">{t('members.loading')}</p>}
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={state.reload} />}
        {state.status === 'ready' && <p className="visually-hidden">{t('members.loaded')}</p>}
      </div>
      {state.status === 'ready' &&
        (state.members.length > 0 ? <MembersTable members={state.members} /> : <p>{t('members.empty')}</p>)}
    </section>
  );
}
