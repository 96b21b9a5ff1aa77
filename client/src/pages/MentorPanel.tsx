import type { MenteeView, SessionView } from '../../../server/http/contract';
import { ErrorNotice } from '../components/ErrorNotice';
import { MenteeCard } from '../components/mentor/MenteeCard';
import { PageShell } from '../components/PageShell';
import { useMentees } from '../hooks/useMentees';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';

/** Parents and mentors: their learner's progress, strengths first, and what to practise at home. */
export function MentorPanel({ session }: { session: SessionView }) {
  const t = useT();
  const { state, reload } = useMentees();

  return (
    <PageShell title={t('mentor.title')} session={session}>
      <p className="lead">{t('mentor.intro')}</p>
      {/* Always mounted so screen readers hear the change from loading to failed. */}
      <div aria-live="polite">
        {state.status === 'loading' && <p className="status">{t('mentor.loading')}</p>}
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      </div>
      {state.status === 'ready' &&
        (state.mentees.length === 0 ? (
          <div className="notice">
            <p className="notice-title">{t('mentor.menteesNone')}</p>
            <p>{t('mentor.emptyNext')}</p>
          </div>
        ) : (
          <>
            {state.mentees.map((mentee) => (
              <MenteeCard key={mentee.userId} mentee={mentee} displayName={menteeName(mentee, state.mentees, t)} />
            ))}
            <p className="notice mentor-note">{t('mentor.note')}</p>
          </>
        ))}
    </PageShell>
  );
}

/** The learner's name, or "Your learner" when the platform withholds it (numbered if there are several). */
function menteeName(mentee: MenteeView, all: readonly MenteeView[], t: Translate): string {
  if (mentee.name) return mentee.name;
  const unnamed = all.filter((m) => !m.name);
  if (unnamed.length <= 1) return t('mentor.learnerFallback');
  return t('mentor.learnerNumbered', { number: unnamed.indexOf(mentee) + 1 });
}
