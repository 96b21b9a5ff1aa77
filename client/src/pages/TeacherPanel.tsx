import { useCallback, useState } from 'react';
import type { SessionView } from '../../../server/http/contract';
import { AssignmentSummary } from '../components/AssignmentSummary';
import { CourseMembers } from '../components/CourseMembers';
import { GradeSync } from '../components/GradeSync';
import { Insights, type InsightsView } from '../components/insights/Insights';
import { PageShell } from '../components/PageShell';
import { RosterSync } from '../components/RosterSync';
import { useT } from '../i18n/I18nProvider';

/** Teaching staff: class insights (strengths, mastery map, check-ins, groups), then the class list, roster sync and grade deliveries. */
export function TeacherPanel({ session }: { session: SessionView }) {
  const t = useT();
  return (
    <PageShell title={t('teacher.title')} session={session}>
      <p className="lead">{t('teacher.intro')}</p>
      {session.assignment && <AssignmentSummary assignment={session.assignment} />}
      {/* Insights, members, roster and grades are per course; a course-less launch has no class to show. */}
      {session.course ? <CourseSections courseId={session.course.id} /> : <p>{t('members.noCourse')}</p>}
    </PageShell>
  );
}

function CourseSections({ courseId }: { courseId: string }) {
  // Bumped after a roster sync so the class list loads the people the LMS just sent.
  const [membersVersion, setMembersVersion] = useState(0);
  const refreshMembers = useCallback(() => setMembersVersion((v) => v + 1), []);
  // A student's drill-down stands in for the whole class view, like a page of its own.
  const [view, setView] = useState<InsightsView>('class');
  return (
    <>
      <Insights courseId={courseId} onViewChange={setView} />
      <div className="teacher-lms no-print" hidden={view === 'student'}>
        <RosterSync courseId={courseId} onSynced={refreshMembers} />
        <CourseMembers courseId={courseId} refreshKey={membersVersion} />
        <GradeSync courseId={courseId} />
      </div>
    </>
  );
}
