// Roster sync through NRPS: everyone in the course, including students who never
// launched, with their roles and status. The first sync reads the whole roster; later
// syncs use the platform's `differences` link when it offered one.
import type { Database } from '../db/database';
import type { PlatformRegistry } from '../lti/platform-registry';
import { normalizeRoles } from '../lti/roles';
import type { Member, NrpsClient } from '../lti/services/nrps';

export interface RosterSyncResult {
  mode: 'full' | 'differences' | 'resource-link';
  members: number;
  removed: number;
}

export class RosterUnavailableError extends Error {
  override name = 'RosterUnavailableError';
}

export async function syncRoster(
  deps: { db: Database; registry: PlatformRegistry; nrps: NrpsClient },
  opts: { platformId: string; courseId: string; full?: boolean; resourceLinkId?: string },
): Promise<RosterSyncResult> {
  if (opts.resourceLinkId) return syncResourceLinkRoster(deps, { ...opts, resourceLinkId: opts.resourceLinkId });
  const [course] = await deps.db.query<{ nrps_memberships_url: string | null; nrps_differences_url: string | null }>(
    `SELECT c.nrps_memberships_url, c.nrps_differences_url
       FROM course_context c JOIN deployment d ON d.id = c.deployment_id
      WHERE c.id = $1 AND d.platform_id = $2`,
    [opts.courseId, opts.platformId],
  );
  if (!course?.nrps_memberships_url) throw new RosterUnavailableError('the LMS has not offered a roster service for this course');
  const platform = await deps.registry.findById(opts.platformId);
  if (!platform) throw new RosterUnavailableError('platform no longer registered');

  const mode = !opts.full && course.nrps_differences_url ? 'differences' : 'full';
  const url = mode === 'differences' ? course.nrps_differences_url! : course.nrps_memberships_url;
  let page;
  try {
    page = await deps.nrps.fetchMemberships(platform, url);
  } catch (err) {
    await deps.db.query(`UPDATE course_context SET roster_sync_error = $2 WHERE id = $1`, [opts.courseId, (err as Error).message.slice(0, 500)]);
    throw err;
  }
  const members = page.members.filter((m) => typeof m.user_id === 'string' && m.user_id.length > 0 && m.user_id.length <= 255);

  return deps.db.transaction(async (tx) => {
    await upsertMembers(tx, opts.platformId, opts.courseId, members);
    let removed = 0;
    if (mode === 'full') {
      // Whoever the full roster no longer lists has left the course.
      const rows = await tx.query(
        `UPDATE enrolment e SET status = 'Deleted'
           FROM app_user u
          WHERE e.user_id = u.id AND e.context_id = $1 AND e.status <> 'Deleted' AND NOT (u.sub = ANY($2::text[]))
          RETURNING e.user_id`,
        [opts.courseId, members.map((m) => m.user_id)],
      );
      removed = rows.length;
    }
    await tx.query(
      `UPDATE course_context SET nrps_differences_url = $2, roster_synced_at = now(), roster_sync_error = NULL WHERE id = $1`,
      [opts.courseId, page.differencesUrl],
    );
    return { mode, members: members.length, removed };
  });
}

/** One statement per table for the whole page set: rosters of hundreds stay cheap. */
async function upsertMembers(tx: import('../db/database').Queryable, platformId: string, courseId: string, members: Member[]) {
  if (members.length === 0) return;
  const col = <K extends keyof Member>(k: K) => members.map((m) => (m[k] as string | undefined) ?? null);
  await tx.query(
    `INSERT INTO app_user (platform_id, sub, name, given_name, family_name, email)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (platform_id, sub) DO UPDATE
       SET name = coalesce(excluded.name, app_user.name), given_name = coalesce(excluded.given_name, app_user.given_name),
           family_name = coalesce(excluded.family_name, app_user.family_name), email = coalesce(excluded.email, app_user.email),
           updated_at = now()`,
    [platformId, col('user_id'), col('name'), col('given_name'), col('family_name'), col('email')],
  );
  await tx.query(
    `INSERT INTO enrolment (context_id, user_id, roles, status, source)
     SELECT $1, u.id, string_to_array(m.roles, ' '), m.status, 'roster'
       FROM unnest($3::text[], $4::text[], $5::text[]) AS m(sub, roles, status)
       JOIN app_user u ON u.platform_id = $2 AND u.sub = m.sub
     ON CONFLICT (context_id, user_id) DO UPDATE SET roles = excluded.roles, status = excluded.status`,
    [
      courseId,
      platformId,
      members.map((m) => m.user_id),
      members.map((m) => normalizeRoles(m.roles ?? []).join(' ')),
      members.map((m) => (m.status === 'Inactive' || m.status === 'Deleted' ? m.status : 'Active')),
    ],
  );
}

/**
 * The members who may open one resource link (NRPS `rlid`), for LMSs that restrict an
 * assignment to some students. Updates the course enrolments it sees and replaces the
 * link's member set.
 */
async function syncResourceLinkRoster(
  deps: { db: Database; registry: PlatformRegistry; nrps: NrpsClient },
  opts: { platformId: string; courseId: string; resourceLinkId: string },
): Promise<RosterSyncResult> {
  const [link] = await deps.db.query<{ link_id: string; nrps_memberships_url: string | null }>(
    `SELECT rl.link_id, c.nrps_memberships_url
       FROM resource_link rl JOIN course_context c ON c.id = rl.context_id JOIN deployment d ON d.id = c.deployment_id
      WHERE rl.id = $1 AND rl.context_id = $2 AND d.platform_id = $3`,
    [opts.resourceLinkId, opts.courseId, opts.platformId],
  );
  if (!link?.nrps_memberships_url) throw new RosterUnavailableError('the LMS has not offered a roster service for this course');
  const platform = await deps.registry.findById(opts.platformId);
  if (!platform) throw new RosterUnavailableError('platform no longer registered');
  const url = new URL(link.nrps_memberships_url);
  url.searchParams.set('rlid', link.link_id);
  const page = await deps.nrps.fetchMemberships(platform, url.toString());
  const members = page.members.filter((m) => typeof m.user_id === 'string' && m.user_id.length > 0 && m.user_id.length <= 255);
  return deps.db.transaction(async (tx) => {
    await upsertMembers(tx, opts.platformId, opts.courseId, members);
    await tx.query(`DELETE FROM resource_link_member WHERE resource_link_id = $1`, [opts.resourceLinkId]);
    await tx.query(
      `INSERT INTO resource_link_member (resource_link_id, user_id)
       SELECT $1, u.id FROM app_user u WHERE u.platform_id = $2 AND u.sub = ANY($3::text[])`,
      [opts.resourceLinkId, opts.platformId, members.filter((m) => (m.status ?? 'Active') === 'Active').map((m) => m.user_id)],
    );
    return { mode: 'resource-link' as const, members: members.length, removed: 0 };
  });
}
