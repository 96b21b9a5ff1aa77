// Stores what a validated launch tells us, and nothing more: the course, the user's
// minimal profile (only the fields the platform chose to send), their roles in the course,
// the resource link, and a launch session.
//
// Shaped for concurrency: a whole class launching at once must not queue on the course
// row. Course and resource link are "select, else insert" and only rewritten when their
// title changed (an upsert that always updates would lock the shared row until commit);
// the per-user rows and the session are written by one atomic statement.
import type { Database, Queryable } from '../db/database';
import { CLAIM, deepLinkingSettingsOf, resourceLinkOf } from './claims';
import type { AssignmentView } from '../http/contract';
import type { LaunchContext } from './launch-context';
import type { ValidatedLaunch } from './validate-launch';

const ENSURE_COURSE = `
  WITH existing AS (
    SELECT id FROM course_context WHERE deployment_id = $1::uuid AND context_id = $2::text
  ), inserted AS (
    INSERT INTO course_context (deployment_id, context_id, title, label, nrps_memberships_url)
    SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text WHERE NOT EXISTS (SELECT 1 FROM existing)
    ON CONFLICT (deployment_id, context_id) DO NOTHING
    RETURNING id
  ), refreshed AS (
    UPDATE course_context SET title = $3::text, label = $4::text, nrps_memberships_url = $5::text, updated_at = now()
     WHERE id = (SELECT id FROM existing)
       AND (title IS DISTINCT FROM $3::text OR label IS DISTINCT FROM $4::text OR nrps_memberships_url IS DISTINCT FROM $5::text)
  )
  SELECT id FROM existing UNION ALL SELECT id FROM inserted`;

const ENSURE_RESOURCE_LINK = `
  WITH existing AS (
    SELECT id FROM resource_link WHERE deployment_id = $1::uuid AND link_id = $2::text
  ), inserted AS (
    INSERT INTO resource_link (deployment_id, context_id, link_id, title, ags_lineitems_url, ags_lineitem_url, ags_scopes)
    SELECT $1::uuid, $3::uuid, $2::text, $4::text, $5::text, $6::text, $7::text[] WHERE NOT EXISTS (SELECT 1 FROM existing)
    ON CONFLICT (deployment_id, link_id) DO NOTHING
    RETURNING id
  ), refreshed AS (
    UPDATE resource_link SET title = $4::text, ags_lineitems_url = $5::text, ags_lineitem_url = coalesce($6::text, ags_lineitem_url),
           ags_scopes = $7::text[]
     WHERE id = (SELECT id FROM existing)
       AND (title IS DISTINCT FROM $4::text OR ags_lineitems_url IS DISTINCT FROM $5::text
            OR ($6::text IS NOT NULL AND ags_lineitem_url IS DISTINCT FROM $6::text) OR ags_scopes IS DISTINCT FROM $7::text[])
  )
  SELECT id FROM existing UNION ALL SELECT id FROM inserted`;

// User (only when the launch names one), enrolment (only with a course) and session.
const RECORD_USER_AND_SESSION = `
  WITH launched_user AS (
    INSERT INTO app_user (platform_id, sub, name, given_name, family_name, email)
    SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text WHERE $2::text IS NOT NULL
    ON CONFLICT (platform_id, sub) DO UPDATE
      SET name = excluded.name, given_name = excluded.given_name, family_name = excluded.family_name,
          email = excluded.email, updated_at = now()
    RETURNING id
  ), enrolled AS (
    INSERT INTO enrolment (context_id, user_id, roles, last_launch_at)
    SELECT $7::uuid, id, $8::text[], now() FROM launched_user WHERE $7::uuid IS NOT NULL
    ON CONFLICT (context_id, user_id) DO UPDATE SET roles = excluded.roles, last_launch_at = now()
  )
  INSERT INTO launch_session
    (platform_id, deployment_id, context_id, user_id, resource_link_id, message_type, roles, panel, locale, mentee_subs, expires_at,
     deep_linking)
  SELECT $1::uuid, $9::uuid, $7::uuid, (SELECT id FROM launched_user), $10::uuid, $11::text, $8::text[], $12::text, $13::text,
         $14::text[], now() + make_interval(secs => $15::int), $16::jsonb
  RETURNING id, user_id, expires_at`;

/** Select-or-insert; a concurrent first insert of the same row is retried once. */
async function ensureId(db: Queryable, sql: string, params: unknown[]): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await db.query<{ id: string }>(sql, params);
    if (row) return row.id;
  }
  throw new Error('could not record launch row after a concurrent insert');
}

export async function recordLaunch(
  db: Database,
  launch: ValidatedLaunch,
  ttlSeconds: number,
): Promise<{ context: LaunchContext; assignment: AssignmentView | null }> {
  const { claims, platform, deployment } = launch;
  const context = claims[CLAIM.context];
  const resourceLink = resourceLinkOf(claims);
  const ags = claims[CLAIM.agsEndpoint];
  const nrps = claims[CLAIM.nrpsService];
  const menteeSubs = launch.roles.includes('mentor') ? (claims[CLAIM.roleScopeMentor] ?? []) : [];

  const courseId = context
    ? await ensureId(db, ENSURE_COURSE, [deployment.id, context.id, context.title ?? null, context.label ?? null, nrps?.context_memberships_url ?? null])
    : null;
  const resourceLinkId = resourceLink
    ? await ensureId(db, ENSURE_RESOURCE_LINK, [
        deployment.id,
        resourceLink.id,
        courseId,
        resourceLink.title ?? null,
        ags?.lineitems ?? null,
        ags?.lineitem ?? null,
        ags?.scope ?? [],
      ])
    : null;

  const customAssignment = claims[CLAIM.custom]?.trellis_assignment;
  let assignment: AssignmentView | null = null;
  if (resourceLinkId && typeof customAssignment === 'string') {
    // Only an assignment of this deployment (and course) can be attached to the link.
    await db.query(
      `UPDATE resource_link rl SET assignment_id = a.id FROM assignment a
        WHERE rl.id = $1 AND a.id::text = $2 AND a.deployment_id = rl.deployment_id
          AND (a.context_id IS NULL OR a.context_id = rl.context_id) AND rl.assignment_id IS DISTINCT FROM a.id`,
      [resourceLinkId, customAssignment],
    );
    const [row] = await db.query<AssignmentView>(
      `SELECT a.id, a.title, a.settings FROM resource_link rl JOIN assignment a ON a.id = rl.assignment_id WHERE rl.id = $1`,
      [resourceLinkId],
    );
    assignment = row ?? null;
  }

  const [session] = await db.query<{ id: string; user_id: string | null; expires_at: Date }>(RECORD_USER_AND_SESSION, [
    platform.id,
    claims.sub ?? null,
    claims.name ?? null,
    claims.given_name ?? null,
    claims.family_name ?? null,
    claims.email ?? null,
    courseId,
    launch.roles,
    deployment.id,
    resourceLinkId,
    claims[CLAIM.messageType],
    launch.panel,
    launch.locale,
    menteeSubs,
    ttlSeconds,
    deepLinkingSettingsOf(claims) ?? null,
  ]);

  const launchContext: LaunchContext = {
    sessionId: session!.id,
    platformId: platform.id,
    deploymentId: deployment.id,
    courseId,
    userId: session!.user_id,
    roles: launch.roles,
    assignmentId: assignment?.id ?? null,
    panel: launch.panel,
    locale: launch.locale,
    expiresAt: new Date(session!.expires_at),
  };
  return { context: launchContext, assignment };
}
