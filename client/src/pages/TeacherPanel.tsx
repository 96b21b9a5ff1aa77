import { useCallback, useState } from 'react';
import type { SessionView } from '../../../server/http/contract';
import { AssignmentSummary } from '../components/AssignmentSummary';
import { ComingSoon } from '../components/ComingSoon';
import { CourseMembers } from '../components/CourseMembers';
import { GradeSync } from '../components/GradeSync';
import { PageShell } from '../components/PageShell';
import { RosterSync } from '../components/RosterSync';
import { useT } from '../i18n/I18nProvider';

/** Teaching staff: the class list, roster sync and grade deliveries; mastery map, flags and groups to come. */
export function TeacherPanel({ session }: { session: SessionView }) {
  const t = useT();
  return (
    <PageShell title={t('teacher.title')} session={session}>
      <p className="lead">{t('teacher.intro')}</p>
      {session.assignment && <AssignmentSummary assignment={session.assignment} />}
      {/* Members, roster and grades are per course; a course-less launch has no class to list. */}
      {session.course ? <CourseSections courseId={session.course.id} /> : <p>{t('members.noCourse')}</p>}
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

function CourseSections({ courseId }: { courseId: string }) {
  // Bumped after a roster sync so the class list loads the people the LMS just sent.
  const [membersVersion, setMembersVersion] = useState(0);
  const refreshMembers = useCallback(() => setMembersVersion((v) => v + 1), []);
  return (
    <>
      <RosterSync courseId={courseId} onSynced={refreshMembers} />
      <CourseMembers courseId={courseId} refreshKey={membersVersion} />
      <GradeSync courseId={courseId} />
    </>
  );
}
