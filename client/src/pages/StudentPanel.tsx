import type { SessionView } from '../../../server/http/contract';
import { AssignmentSummary } from '../components/AssignmentSummary';
import { ComingSoon } from '../components/ComingSoon';
import { PageShell } from '../components/PageShell';
import { useT } from '../i18n/I18nProvider';

/** Learners: personalised practice, hints, progress and a grade passed back to the LMS. */
export function StudentPanel({ session }: { session: SessionView }) {
  const t = useT();
  const name = session.user?.displayName;
  return (
    <PageShell title={t('student.title')} session={session}>
      <p className="lead">{name ? t('student.greeting', { name }) : t('student.greetingAnonymous')}</p>
      {session.assignment && <AssignmentSummary assignment={session.assignment} />}
      <ComingSoon
        items={[t('student.item.practice'), t('student.item.hints'), t('student.item.progress'), t('student.item.grade')]}
      />
    </PageShell>
  );
}
