// District rollups: per course and skill, how many students have evidence, how many have
// mastered it and the sum of p(known). A job keeps course_skill_rollup current by reading
// only estimates changed since its watermark and recomputing just those (course, skill)
// pairs from mastery_estimate, so the district view never scans attempt history.
import type { Database, Queryable } from '../db/database';
import type { PlatformRollupView } from '../http/insights-routes';
import { MASTERY_THRESHOLD } from '../practice/model/bkt';

export const ROLLUP_JOB = 'course-skill-rollup';
/**
 * The row holding a course's totals (students with any evidence), which per-skill rows
 * cannot give (students overlap across skills). Not a skill code: codes are [a-z0-9.-].
 */
export const COURSE_TOTAL = '*';

export interface RefreshOutcome {
  /** (course, skill) rows recomputed, course-total rows included. */
  rows: number;
  /** The new watermark (ISO), or null when nothing changed. */
  until: string | null;
}

/**
 * Recomputes the rollup rows of every (course, skill) pair with an estimate updated since
 * the watermark, then moves the watermark to the newest updated_at seen (not now(): an
 * estimate written while we run must be seen next time). Estimates younger than
 * settleMs are left for the next run: updated_at is its transaction's start time, so a
 * transaction still in flight could commit one older than the newest we saw.
 */
export async function refreshRollups(db: Database, opts: { settleMs?: number } = {}): Promise<RefreshOutcome> {
  const settleSeconds = (opts.settleMs ?? 60_000) / 1000;
  return db.transaction(async (tx) => {
    // One refresher at a time across instances; the next one finds nothing left to do.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('job:' || $1))`, [ROLLUP_JOB]);
    // The watermark is read first and passed as a value, so the planner sees how recent it
    // is and can choose the updated_at index (inside the statement it cannot know).
    // As text: a JS Date would drop the microseconds and see the newest estimate again.
    const [mark] = await tx.query<{ until: string }>(`SELECT until::text FROM job_watermark WHERE name = $1`, [ROLLUP_JOB]);
    // Then one statement, so every part reads the same snapshot.
    const [row] = await tx.query<{ rows: number; until: string | null }>(
      `WITH changed AS (
         SELECT m.context_id, m.skill_code, max(m.updated_at) AS at
           FROM mastery_estimate m
          WHERE m.updated_at > $5::timestamptz AND m.updated_at <= now() - make_interval(secs => $2)
          GROUP BY m.context_id, m.skill_code
       ), fresh AS (
         SELECT m.context_id, m.skill_code, count(*)::int AS students,
                count(*) FILTER (WHERE m.p_known >= $3)::int AS mastered, sum(m.p_known) AS sum_p_known,
                sum(m.evidence_count)::int AS evidence
           FROM mastery_estimate m JOIN changed c ON c.context_id = m.context_id AND c.skill_code = m.skill_code
          GROUP BY m.context_id, m.skill_code
         UNION ALL
         SELECT m.context_id, $4::text, count(DISTINCT m.user_id)::int, count(*) FILTER (WHERE m.p_known >= $3)::int,
                sum(m.p_known), sum(m.evidence_count)::int
           FROM mastery_estimate m WHERE m.context_id IN (SELECT context_id FROM changed)
          GROUP BY m.context_id
       ), written AS (
         INSERT INTO course_skill_rollup AS r (context_id, skill_code, students, mastered, sum_p_known, evidence, refreshed_at)
         SELECT context_id, skill_code, students, mastered, sum_p_known, evidence, now() FROM fresh
         ON CONFLICT (context_id, skill_code) DO UPDATE
           SET students = EXCLUDED.students, mastered = EXCLUDED.mastered, sum_p_known = EXCLUDED.sum_p_known,
               evidence = EXCLUDED.evidence, refreshed_at = EXCLUDED.refreshed_at
         RETURNING 1
       ), moved AS (
         INSERT INTO job_watermark AS w (name, until)
         SELECT $1, max(at) FROM changed HAVING count(*) > 0
         ON CONFLICT (name) DO UPDATE SET until = greatest(w.until, EXCLUDED.until)
         RETURNING until
       )
       SELECT (SELECT count(*) FROM written)::int AS rows, (SELECT to_char(until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM moved) AS until`,
      [ROLLUP_JOB, settleSeconds, MASTERY_THRESHOLD, COURSE_TOTAL, mark?.until ?? '-infinity'],
    );
    return { rows: row!.rows, until: row!.until };
  });
}

/** Runs refreshRollups every everyMs (never two at once in this process). Returns a stop function. */
export function startRollupScheduler(db: Database, opts: { everyMs: number; settleMs?: number; onError: (err: unknown) => void }): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    refreshRollups(db, { settleMs: opts.settleMs })
      .catch((err) => opts.onError(err))
      .finally(() => (running = false));
  }, opts.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

interface RollupRow {
  course_id: string;
  title: string | null;
  skill_code: string;
  students: number;
  mastered: number;
  sum_p_known: number;
}

/** The platform's rollup as the district view shows it, from course_skill_rollup only. */
export async function platformRollup(db: Queryable, platformId: string, skillOrder: (code: string) => number): Promise<PlatformRollupView> {
  const rows = await db.query<RollupRow>(
    `SELECT c.id AS course_id, c.title, r.skill_code, r.students, r.mastered, r.sum_p_known
       FROM course_skill_rollup r
       JOIN course_context c ON c.id = r.context_id
       JOIN deployment d ON d.id = c.deployment_id
      WHERE d.platform_id = $1`,
    [platformId],
  );
  const [mark] = await db.query<{ until: Date }>(`SELECT until FROM job_watermark WHERE name = $1`, [ROLLUP_JOB]);
  return { ...presentRollup(rows, skillOrder), refreshedAt: mark ? new Date(mark.until).toISOString() : null };
}

/**
 * The benchmark's baseline: the same numbers computed from every attempt (the latest
 * p(known) per student and skill is their last attempt's p_known_after).
 */
export async function naiveDistrictRollup(db: Queryable, platformId: string, skillOrder: (code: string) => number = () => 0): Promise<PlatformRollupView> {
  const rows = await db.query<RollupRow>(
    `WITH latest AS (
       SELECT DISTINCT ON (a.context_id, a.user_id, a.skill_code) a.context_id, a.user_id, a.skill_code, a.p_known_after AS p
         FROM attempt a WHERE a.platform_id = $1
        ORDER BY a.context_id, a.user_id, a.skill_code, a.created_at DESC, a.id DESC
     ), totals AS (
       SELECT context_id, skill_code, count(*)::int AS students, count(*) FILTER (WHERE p >= $2)::int AS mastered, sum(p) AS sum_p_known
         FROM latest GROUP BY context_id, skill_code
       UNION ALL
       SELECT context_id, $3::text, count(DISTINCT user_id)::int, count(*) FILTER (WHERE p >= $2)::int, sum(p)
         FROM latest GROUP BY context_id
     )
     SELECT c.id AS course_id, c.title, t.skill_code, t.students, t.mastered, t.sum_p_known
       FROM totals t JOIN course_context c ON c.id = t.context_id`,
    [platformId, MASTERY_THRESHOLD, COURSE_TOTAL],
  );
  return { ...presentRollup(rows, skillOrder), refreshedAt: null };
}

/** Courses by title, skills in graph order (unknown codes last, by code). */
function presentRollup(rows: readonly RollupRow[], skillOrder: (code: string) => number): Omit<PlatformRollupView, 'refreshedAt'> {
  const courses = new Map<string, PlatformRollupView['courses'][number]>();
  for (const r of rows) {
    let course = courses.get(r.course_id);
    if (!course) courses.set(r.course_id, (course = { courseId: r.course_id, title: r.title, students: 0, skills: [] }));
    if (r.skill_code === COURSE_TOTAL) course.students = r.students;
    else {
      course.skills.push({ code: r.skill_code, mastered: r.mastered, students: r.students, meanPKnown: r.students ? r.sum_p_known / r.students : null });
    }
  }
  const list = [...courses.values()].sort((a, b) => (a.title ?? '\uffff').localeCompare(b.title ?? '\uffff') || a.courseId.localeCompare(b.courseId));
  for (const c of list) c.skills.sort((a, b) => skillOrder(a.code) - skillOrder(b.code) || a.code.localeCompare(b.code));
  return { courses: list };
}
