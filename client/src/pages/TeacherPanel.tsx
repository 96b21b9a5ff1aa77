import type { SessionView } from '../../../server/http/contract';
import { AssignmentSummary } from '../components/AssignmentSummary';
import { ComingSoon } from '../components/ComingSoon';
import { CourseMembers } from '../components/CourseMembers';
import { PageShell } from '../components/PageShell';
import { useT } from '../i18n/I18nProvider';

/** Teaching staff: the class list today; mastery map, flags and groups to come. */
export function TeacherPanel({ session }: { session: SessionView }) {
  const t = useT();
  return (
    <PageShell title={t('teacher.title')} session={session}>
      <p className="lead">{t('teacher.intro')}</p>
      {session.assignment && <AssignmentSummary assignment={session.assignment} />}
      {/* Members are per course; a course-less launch has no class to list. */}
      {session.course ? <CourseMembers courseId={session.course.id} /> : <p>{t('members.noCourse')}</p>}
      <ComingSoon
        items={[
          t('teacher.item.mastery'),
          t('teacher.item.flags'),
          t('teacher.item.groups'),
          t('teacher.item.assignments'),
        ]}
      />
    </PageShell>
  );
}
