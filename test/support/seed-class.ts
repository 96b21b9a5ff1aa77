// Seeds a class for insights tests with known answers: students who launched (through a
// real LTI launch, so enrolments and sessions are what the app records), students only on
// the roster, and attempt histories written as the practice path writes them (served
// item + attempt + running estimate).
import { updateKnown, DEFAULT_BKT_PARAMS } from '../../server/practice/model/bkt';
import { DEFAULT_COURSE_ID } from '../platform';
import { ROLE } from '../platform/lti-vocab';
import { launchedStudent } from './grades';
import type { Harness } from './harness';

export interface SeedAttempt {
  skill: string;
  correct: boolean;
  hints?: number;
  /** Minutes before now (default: spaced a minute apart, oldest first, ending now). */
  minutesAgo?: number;
}

export interface SeedStudent {
  sub: string;
  name?: string;
  /** false: on the roster only (never opened Trellis). Default true. */
  launched?: boolean;
  attempts?: SeedAttempt[];
}

export interface SeededClass {
  platformId: string;
  courseId: string;
  deploymentId: string;
  /** app_user id by sub. */
  users: Map<string, string>;
}

export async function seedClass(h: Harness, students: SeedStudent[]): Promise<SeededClass> {
  const users = new Map<string, string>();
  let scope: { platformId: string; courseId: string } | null = null;
  for (const s of students) {
    if (s.launched === false) continue;
    if (!h.platform.users.has(s.sub)) h.platform.addMember(DEFAULT_COURSE_ID, { sub: s.sub, name: s.name ?? `Student ${s.sub}`, roles: [ROLE.learner] });
    const who = await launchedStudent(h, s.sub);
    users.set(s.sub, who.userId);
    scope = { platformId: who.platformId, courseId: who.courseId };
  }
  if (!scope) throw new Error('seedClass needs at least one launched student');
  const [dep] = await h.tdb.db.query<{ deployment_id: string }>(`SELECT deployment_id FROM course_context WHERE id = $1`, [scope.courseId]);
  for (const s of students) {
    if (s.launched !== false) continue;
    const [u] = await h.tdb.db.query<{ id: string }>(
      `INSERT INTO app_user (platform_id, sub, name) VALUES ($1, $2, $3) RETURNING id`,
      [scope.platformId, s.sub, s.name ?? `Student ${s.sub}`],
    );
    await h.tdb.db.query(`INSERT INTO enrolment (context_id, user_id, roles, status, source) VALUES ($1, $2, '{learner}', 'Active', 'roster')`, [scope.courseId, u!.id]);
    users.set(s.sub, u!.id);
  }
  for (const s of students) {
    const attempts = s.attempts ?? [];
    const p = new Map<string, number>();
    for (let i = 0; i < attempts.length; i++) {
      const a = attempts[i]!;
      const minutesAgo = a.minutesAgo ?? attempts.length - 1 - i;
      const before = p.get(a.skill) ?? DEFAULT_BKT_PARAMS.pInit;
      const after = updateKnown(before, a.correct, DEFAULT_BKT_PARAMS);
      p.set(a.skill, after);
      await writeAttempt(h, scope, users.get(s.sub)!, a, minutesAgo, before, after);
    }
  }
  return { ...scope, deploymentId: dep!.deployment_id, users };
}

async function writeAttempt(
  h: Harness,
  scope: { platformId: string; courseId: string },
  userId: string,
  a: SeedAttempt,
  minutesAgo: number,
  before: number,
  after: number,
) {
  const at = `now() - make_interval(mins => $7)`;
  await h.tdb.db.query(
    `WITH s AS (
       INSERT INTO served_item (platform_id, context_id, user_id, skill_code, template_key, seed, locale, explanation, served_at, answered_at, hints_shown)
       VALUES ($1, $2, $3, $4, 'seeded', 1, 'en', '{}', ${at}, ${at}, $6) RETURNING id)
     INSERT INTO attempt (served_item_id, platform_id, context_id, user_id, skill_code, idempotency_key, answer, correct, feedback,
                          hints_used, time_on_task_ms, p_known_before, p_known_after, model_version, created_at)
     SELECT s.id, $1, $2, $3, $4, gen_random_uuid(), 'seeded', $5, CASE WHEN $5 THEN 'correct' ELSE 'incorrect' END, $6, 20000, $8, $9, 1, ${at} FROM s`,
    [scope.platformId, scope.courseId, userId, a.skill, a.correct, a.hints ?? 0, minutesAgo, before, after],
  );
  await h.tdb.db.query(
    `INSERT INTO mastery_estimate AS m (context_id, user_id, skill_code, p_known, evidence_count, correct_count, model_version, last_practiced_at, mastered_at)
     VALUES ($1, $2, $3, $4, 1, CASE WHEN $5 THEN 1 ELSE 0 END, 1, now() - make_interval(mins => $6), CASE WHEN $4::double precision >= 0.95 THEN now() END)
     ON CONFLICT (context_id, user_id, skill_code) DO UPDATE SET p_known = EXCLUDED.p_known, evidence_count = m.evidence_count + 1,
       correct_count = m.correct_count + EXCLUDED.correct_count, last_practiced_at = EXCLUDED.last_practiced_at,
       mastered_at = CASE WHEN EXCLUDED.p_known >= 0.95 THEN coalesce(m.mastered_at, now()) END, updated_at = now()`,
    [scope.courseId, userId, a.skill, after, a.correct, minutesAgo],
  );
}
