// What a parent or mentor may see: only the mentees the launch's role_scope_mentor named
// (kept on the launch session, never taken from the request), and only those enrolled in
// the launch's course. Per mentee: strengths first, current goals, recent activity and what
// to practise at home.
import type { Queryable } from '../db/database';
import type { MenteeView } from '../http/contract';
import type { LaunchContext } from '../lti/launch-context';
import { DEFAULT_SELECTION_POLICY, reviewDueAt } from '../practice/selection/select-skill';
import type { SkillCatalog } from '../practice/skill-catalog';
import { describeSkill, goalsOf, isMastered, loadEstimates, strengthsOf } from './my-progress';
import { displayNameSql } from '../db/user-display-name';

export interface Mentee {
  userId: string;
  name: string | null;
}

const DISPLAY_NAME = displayNameSql('u');
const RECENT_ATTEMPTS = 10;
const DAY_MS = 86_400_000;

/** The launch's mentees: its platform's users whose sub the claim named, enrolled (active) in its course. */
export async function findMentees(db: Queryable, launch: LaunchContext): Promise<Mentee[]> {
  if (!launch.courseId) return [];
  const rows = await db.query<{ user_id: string; name: string | null }>(
    `SELECT u.id AS user_id, ${DISPLAY_NAME} AS name
       FROM launch_session ls
       JOIN app_user u ON u.platform_id = ls.platform_id AND u.sub = ANY (ls.mentee_subs)
       JOIN enrolment e ON e.user_id = u.id AND e.context_id = ls.context_id AND e.status = 'Active'
      WHERE ls.id = $1 AND ls.platform_id = $2 AND ls.context_id = $3 AND ls.user_id IS NOT DISTINCT FROM $4
      ORDER BY name NULLS LAST, u.id`,
    [launch.sessionId, launch.platformId, launch.courseId, launch.userId],
  );
  return rows.map((r) => ({ userId: r.user_id, name: r.name }));
}

export async function menteeView(db: Queryable, catalog: SkillCatalog, launch: LaunchContext, mentee: Mentee, now = new Date()): Promise<MenteeView> {
  const courseId = launch.courseId!;
  const graph = await catalog.graphFor(launch.platformId);
  const name = (code: string) => describeSkill(graph, code, launch.locale).name;
  const estimates = await loadEstimates(db, courseId, mentee.userId);

  const recent = await db.query<{ skill_code: string; correct: boolean; created_at: Date }>(
    `SELECT skill_code, correct, created_at FROM attempt WHERE context_id = $1 AND user_id = $2
      ORDER BY created_at DESC, id DESC LIMIT ${RECENT_ATTEMPTS}`,
    [courseId, mentee.userId],
  );
  // Active days are 24-hour windows counted back from now, not calendar days: the server
  // does not know the family's time zone, and this way the number cannot depend on it.
  // (An attempt stamped a moment after `now` by the database's clock counts as today.)
  const [activity] = await db.query<{ attempts: number; days: number }>(
    `SELECT count(*)::int AS attempts,
            count(DISTINCT greatest(0, floor(extract(epoch FROM ($3::timestamptz - created_at)) * 1000 / ${DAY_MS})))::int AS days
       FROM attempt WHERE context_id = $1 AND user_id = $2 AND created_at > $3::timestamptz - interval '7 days'`,
    [courseId, mentee.userId, now],
  );

  const goals = goalsOf(estimates, graph, launch.locale);
  // Mastered skills due for a spaced review, most overdue first (the same rule practice uses).
  const reviews = estimates
    .filter(isMastered)
    .map((e) => ({ code: e.skill, dueAt: reviewDueAt(e, DEFAULT_SELECTION_POLICY) }))
    .filter((r): r is { code: string; dueAt: Date } => r.dueAt !== null && r.dueAt <= now)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.code.localeCompare(b.code));

  return {
    userId: mentee.userId,
    name: mentee.name,
    strengths: strengthsOf(estimates, graph, launch.locale),
    goals,
    recent: recent.map((r) => ({ at: new Date(r.created_at).toISOString(), skill: r.skill_code, skillName: name(r.skill_code), correct: r.correct })),
    home: [
      ...goals.map((g) => ({ code: g.code, name: g.name, reason: 'learning' as const })),
      ...reviews.map((r) => ({ code: r.code, name: name(r.code), reason: 'review-due' as const })),
    ],
    activeDays7: activity?.days ?? 0,
    attempts7: activity?.attempts ?? 0,
  };
}
