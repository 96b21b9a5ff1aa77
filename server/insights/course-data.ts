// Everything the teacher's views read about one course, in three scoped queries: its
// students (roster and launches, including those who never opened Trellis), the skills
// its assignments target (plus any practised), and every mastery estimate. Scoped by
// platform, deployment and course from the launch.
import type { Queryable } from '../db/database';
import type { AssignmentSettings, Locale } from '../http/contract';
import { skillName, type SkillCatalog, type SkillInfo } from '../practice/skill-catalog';
import { displayNameSql } from '../db/user-display-name';

export interface CourseScope {
  platformId: string;
  deploymentId: string;
  courseId: string;
}

export interface CourseStudent {
  userId: string;
  name: string | null;
  launched: boolean;
  lastActiveAt: Date | null;
}

export interface CourseEstimate {
  userId: string;
  skill: string;
  pKnown: number;
  evidence: number;
  correct: number;
  lastPracticedAt: Date | null;
}

export interface CourseData {
  students: CourseStudent[];
  skills: (SkillInfo & { displayName: string })[];
  assignments: { id: string; title: string; settings: AssignmentSettings; skills: string[] }[];
  estimates: CourseEstimate[];
  /** estimates by user id, then skill code. */
  byStudent: Map<string, Map<string, CourseEstimate>>;
}

const DISPLAY_NAME = displayNameSql('u');

export async function loadCourseData(db: Queryable, catalog: SkillCatalog, scope: CourseScope, locale: Locale): Promise<CourseData> {
  const students = await db.query<{ user_id: string; name: string | null; launched: boolean; last_active_at: Date | null }>(
    `SELECT u.id AS user_id, ${DISPLAY_NAME} AS name, e.last_launch_at IS NOT NULL AS launched,
            greatest(e.last_launch_at, (SELECT max(m.last_practiced_at) FROM mastery_estimate m WHERE m.context_id = e.context_id AND m.user_id = u.id)) AS last_active_at
       FROM enrolment e
       JOIN course_context c ON c.id = e.context_id
       JOIN deployment d ON d.id = c.deployment_id
       JOIN app_user u ON u.id = e.user_id
      WHERE e.context_id = $1 AND c.deployment_id = $2 AND d.platform_id = $3
        AND e.status = 'Active' AND 'learner' = ANY (e.roles)
      ORDER BY name NULLS LAST, u.id`,
    [scope.courseId, scope.deploymentId, scope.platformId],
  );
  const assignments = await db.query<{ id: string; title: string; settings: AssignmentSettings }>(
    `SELECT a.id, a.title, a.settings FROM assignment a
      WHERE a.context_id = $1 AND a.deployment_id = $2 ORDER BY a.created_at`,
    [scope.courseId, scope.deploymentId],
  );
  const estimates = await db.query<{ user_id: string; skill_code: string; p_known: number; evidence_count: number; correct_count: number; last_practiced_at: Date | null }>(
    `SELECT m.user_id, m.skill_code, m.p_known, m.evidence_count, m.correct_count, m.last_practiced_at
       FROM mastery_estimate m JOIN enrolment e ON e.context_id = m.context_id AND e.user_id = m.user_id
      WHERE m.context_id = $1`,
    [scope.courseId],
  );

  const graph = await catalog.graphFor(scope.platformId);
  const assignmentViews = assignments.map((a) => ({ ...a, skills: graph.expand(a.settings.skills).skills }));
  const wanted = new Set([...assignmentViews.flatMap((a) => a.skills), ...estimates.map((e) => e.skill_code)]);
  const skills = graph
    .all()
    .filter((s) => wanted.has(s.code))
    .map((s) => ({ ...s, displayName: skillName(s, locale) }));

  const list: CourseEstimate[] = estimates.map((e) => ({
    userId: e.user_id,
    skill: e.skill_code,
    pKnown: e.p_known,
    evidence: e.evidence_count,
    correct: e.correct_count,
    lastPracticedAt: e.last_practiced_at ? new Date(e.last_practiced_at) : null,
  }));
  const byStudent = new Map<string, Map<string, CourseEstimate>>();
  for (const e of list) {
    if (!byStudent.has(e.userId)) byStudent.set(e.userId, new Map());
    byStudent.get(e.userId)!.set(e.skill, e);
  }
  return {
    students: students.map((s) => ({ userId: s.user_id, name: s.name, launched: s.launched, lastActiveAt: s.last_active_at ? new Date(s.last_active_at) : null })),
    skills,
    assignments: assignmentViews,
    estimates: list,
    byStudent,
  };
}
