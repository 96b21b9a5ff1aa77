// One student's drill-down for their teacher: mastery per skill, p(known) over time,
// recent attempts, Trellis's grades beside the LMS gradebook's, notes and the flag.
// Every query names the course from the launch, so a student of another course is
// simply not found.
import type { Queryable } from '../db/database';
import type { AttemptView, Locale, StudentDetailView, TeacherNoteView } from '../http/contract';
import { loadCourseData, type CourseScope, type CourseStudent } from './course-data';
import { flagsForCourse } from './early-warning';
import { masteryCell, skillView, type InsightsReadDeps } from './overview';
import { displayNameSql } from '../db/user-display-name';

export const RECENT_ATTEMPTS = 200;


/** The student, if they are an active learner in this course (the same roster as the overview). */
export async function findCourseStudent(db: Queryable, scope: CourseScope, userId: string): Promise<CourseStudent | null> {
  const [row] = await db.query<{ user_id: string; name: string | null; launched: boolean; last_active_at: Date | null }>(
    `SELECT u.id AS user_id, ${displayNameSql('u')} AS name, e.last_launch_at IS NOT NULL AS launched,
            greatest(e.last_launch_at, (SELECT max(m.last_practiced_at) FROM mastery_estimate m WHERE m.context_id = e.context_id AND m.user_id = u.id)) AS last_active_at
       FROM enrolment e
       JOIN course_context c ON c.id = e.context_id
       JOIN deployment d ON d.id = c.deployment_id
       JOIN app_user u ON u.id = e.user_id
      WHERE e.context_id = $1 AND e.user_id = $2 AND c.deployment_id = $3 AND d.platform_id = $4
        AND e.status = 'Active' AND 'learner' = ANY (e.roles)`,
    [scope.courseId, userId, scope.deploymentId, scope.platformId],
  );
  if (!row) return null;
  return { userId: row.user_id, name: row.name, launched: row.launched, lastActiveAt: row.last_active_at ? new Date(row.last_active_at) : null };
}

const iso = (d: Date | string) => new Date(d).toISOString();

export async function loadStudentDetail(deps: InsightsReadDeps, scope: CourseScope, locale: Locale, student: CourseStudent): Promise<StudentDetailView> {
  const { db } = deps;
  const id = student.userId;
  // The class's skills (the overview's columns), so the drill-down lines up with the map.
  const data = await loadCourseData(db, deps.catalog, scope, locale);
  const mine = data.byStudent.get(id);

  const series = await db.query<{ skill_code: string; p_known_after: number; created_at: Date }>(
    `SELECT skill_code, p_known_after, created_at FROM attempt
      WHERE context_id = $1 AND user_id = $2 ORDER BY created_at, id`,
    [scope.courseId, id],
  );
  const attempts = await db.query<{
    id: string; skill_code: string; correct: boolean; answer: string; hints_used: number; time_on_task_ms: number; p_known_after: number; created_at: Date;
  }>(
    `SELECT id, skill_code, correct, answer, hints_used, time_on_task_ms, p_known_after, created_at FROM attempt
      WHERE context_id = $1 AND user_id = $2 ORDER BY created_at DESC, id DESC LIMIT ${RECENT_ATTEMPTS}`,
    [scope.courseId, id],
  );
  // The LMS value for an assignment: the most recently read result of any of its links.
  const grades = await db.query<{
    id: string; title: string; score_given: number | null; score_maximum: number | null; result_score: number | null; result_maximum: number | null;
  }>(
    `SELECT a.id, a.title, ap.score_given, ap.score_maximum, lr.result_score, lr.result_maximum
       FROM assignment a
       LEFT JOIN assignment_progress ap ON ap.assignment_id = a.id AND ap.user_id = $2
       LEFT JOIN LATERAL (
         SELECT r.result_score, r.result_maximum FROM lms_result r JOIN resource_link rl ON rl.id = r.resource_link_id
          WHERE rl.assignment_id = a.id AND rl.context_id = a.context_id AND r.user_id = $2
          ORDER BY r.read_at DESC LIMIT 1) lr ON true
      WHERE a.context_id = $1 AND a.deployment_id = $3
      ORDER BY a.created_at, a.id`,
    [scope.courseId, id, scope.deploymentId],
  );
  const notes = await listNotes(db, scope, id);
  const flags = await (deps.flags ?? flagsForCourse)(db, scope, { userIds: [id] });

  // History per skill, in the overview's skill order (then any skill no longer listed).
  const order = new Map(data.skills.map((s, i) => [s.code, i]));
  const history = new Map<string, { at: string; pKnown: number }[]>();
  for (const a of series) {
    if (!history.has(a.skill_code)) history.set(a.skill_code, []);
    history.get(a.skill_code)!.push({ at: iso(a.created_at), pKnown: a.p_known_after });
  }
  const rank = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;

  return {
    student: { userId: id, name: student.name, launched: student.launched, lastActiveAt: student.lastActiveAt?.toISOString() ?? null },
    skills: data.skills.map((s) => ({ ...skillView(s), ...masteryCell(s.code, mine?.get(s.code)) })),
    history: [...history]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([skill, points]) => ({ skill, points })),
    attempts: attempts.map(
      (a): AttemptView => ({
        id: a.id,
        skill: a.skill_code,
        correct: a.correct,
        answer: a.answer,
        hintsUsed: a.hints_used,
        timeOnTaskMs: a.time_on_task_ms,
        pKnownAfter: a.p_known_after,
        at: iso(a.created_at),
      }),
    ),
    grades: grades.map((g) => ({
      assignmentId: g.id,
      title: g.title,
      trellisScore: g.score_given,
      trellisMaximum: g.score_maximum,
      lmsScore: g.result_score,
      lmsMaximum: g.result_maximum,
    })),
    notes,
    flag: flags.find((f) => f.userId === id) ?? null,
  };
}

/** Notes about a student in this course, newest first. */
export async function listNotes(db: Queryable, scope: CourseScope, studentId: string): Promise<TeacherNoteView[]> {
  const rows = await db.query<{ id: string; body: string; author: string | null; created_at: Date }>(
    `SELECT n.id, n.body, ${displayNameSql('u')} AS author, n.created_at
       FROM teacher_note n LEFT JOIN app_user u ON u.id = n.author_id
      WHERE n.context_id = $1 AND n.student_id = $2
      ORDER BY n.created_at DESC, n.id DESC`,
    [scope.courseId, studentId],
  );
  return rows.map((r) => ({ id: r.id, body: r.body, author: r.author, createdAt: iso(r.created_at) }));
}

export async function addNote(db: Queryable, scope: CourseScope, studentId: string, authorId: string | null, body: string): Promise<TeacherNoteView> {
  const [row] = await db.query<{ id: string; body: string; author: string | null; created_at: Date }>(
    `WITH n AS (
       INSERT INTO teacher_note (context_id, student_id, author_id, body) VALUES ($1, $2, $3, $4)
       RETURNING id, body, author_id, created_at)
     SELECT n.id, n.body, ${displayNameSql('u')} AS author, n.created_at FROM n LEFT JOIN app_user u ON u.id = n.author_id`,
    [scope.courseId, studentId, authorId, body],
  );
  return { id: row!.id, body: row!.body, author: row!.author, createdAt: iso(row!.created_at) };
}
