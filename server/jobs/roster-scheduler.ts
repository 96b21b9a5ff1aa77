// Re-syncs course rosters on a schedule. A course is claimed by moving its
// roster_synced_at forward in one UPDATE, so several instances never sync it twice.
import type { Database } from '../db/database';
import type { PlatformRegistry } from '../lti/platform-registry';
import type { NrpsClient } from '../lti/services/nrps';
import { syncRoster } from '../roster/sync-roster';

export async function syncStaleRosters(
  deps: { db: Database; registry: PlatformRegistry; nrps: NrpsClient },
  opts: { olderThanHours: number; limit?: number; onError?: (err: unknown, courseId: string) => void },
): Promise<number> {
  const due = await deps.db.query<{ id: string; platform_id: string }>(
    `UPDATE course_context c SET roster_synced_at = now()
       FROM deployment d
      WHERE d.id = c.deployment_id AND c.id IN (
        SELECT id FROM course_context
         WHERE nrps_memberships_url IS NOT NULL
           AND (roster_synced_at IS NULL OR roster_synced_at < now() - make_interval(hours => $1))
         ORDER BY roster_synced_at NULLS FIRST LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING c.id, d.platform_id`,
    [opts.olderThanHours, opts.limit ?? 20],
  );
  for (const course of due) {
    await syncRoster(deps, { platformId: course.platform_id, courseId: course.id }).catch((err) => opts.onError?.(err, course.id));
  }
  return due.length;
}

export function startRosterScheduler(
  deps: { db: Database; registry: PlatformRegistry; nrps: NrpsClient },
  opts: { everyMs: number; olderThanHours: number; onError: (err: unknown, courseId?: string) => void },
): () => void {
  const timer = setInterval(() => {
    syncStaleRosters(deps, opts).catch((err) => opts.onError(err));
  }, opts.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
