import type { SessionView } from '../../../server/http/contract';
import { AssignmentSummary } from '../components/AssignmentSummary';
import { PageShell } from '../components/PageShell';
import { Practice } from '../components/practice/Practice';
import { MyProgress } from '../components/progress/MyProgress';
import { useT } from '../i18n/I18nProvider';

/**
 * Learners: personalised practice with hints and feedback, progress, and the score sent to the
 * LMS; below it "My progress" (every skill, growth, goals, download my data), loaded when opened.
 */
export function StudentPanel({ session }: { session: SessionView }) {
  const t = useT();
  const name = session.user?.displayName;
  return (
    <PageShell title={t('student.title')} session={session}>
      <p className="lead">{name ? t('student.greeting', { name }) : t('student.greetingAnonymous')}</p>
      {session.assignment && <AssignmentSummary assignment={session.assignment} />}
      <Practice />
      <MyProgress />
    </PageShell>
  );
}
