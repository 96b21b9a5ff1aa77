// Keeps what the LMS gradebook said, as last read through AGS results, so the student
// drill-down can show it beside Trellis's own score without calling the LMS.
import type { Queryable } from '../db/database';
import type { Result } from '../lti/services/ags';

/**
 * Upserts one lms_result row per result whose user is a member of the link's course.
 * Results name users by their LMS `sub`; unknown users are skipped (Trellis stores
 * nothing about people it has not met). Returns how many rows were written.
 */
export async function recordLmsResults(db: Queryable, resourceLinkId: string, platformId: string, results: readonly Result[]): Promise<number> {
  // One row per user (the last one wins), else the upsert would touch a row twice.
  const byUser = new Map(results.map((r) => [r.userId, r]));
  if (byUser.size === 0) return 0;
  const list = [...byUser.values()];
  const rows = await db.query(
    `INSERT INTO lms_result AS l (resource_link_id, user_id, result_score, result_maximum, read_at)
     SELECT rl.id, u.id, r.score, r.maximum, now()
       FROM unnest($3::text[], $4::float8[], $5::float8[]) AS r(sub, score, maximum)
       JOIN resource_link rl ON rl.id = $1
       JOIN app_user u ON u.platform_id = $2 AND u.sub = r.sub
       JOIN enrolment e ON e.context_id = rl.context_id AND e.user_id = u.id
     ON CONFLICT (resource_link_id, user_id) DO UPDATE
       SET result_score = EXCLUDED.result_score, result_maximum = EXCLUDED.result_maximum, read_at = EXCLUDED.read_at
     RETURNING 1`,
    [resourceLinkId, platformId, list.map((r) => r.userId), list.map((r) => r.resultScore ?? null), list.map((r) => r.resultMaximum ?? null)],
  );
  return rows.length;
}
