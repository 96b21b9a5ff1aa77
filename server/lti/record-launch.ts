// Stores what a validated launch tells us, and nothing more: the course, the user's
// minimal profile (only the fields the platform chose to send), their roles in the course,
// the resource link, and a launch session. One transaction, so a failure stores nothing.
import type { Database } from '../db/database';
import { CLAIM, resourceLinkOf } from './claims';
import type { LaunchContext } from './launch-context';
import type { ValidatedLaunch } from './validate-launch';

export async function recordLaunch(db: Database, launch: ValidatedLaunch, ttlSeconds: number): Promise<LaunchContext> {
  const { claims, platform, deployment } = launch;
  const context = claims[CLAIM.context];
  const sub = claims.sub;
  const resourceLink = resourceLinkOf(claims);
  const menteeSubs = launch.roles.includes('mentor') ? (claims[CLAIM.roleScopeMentor] ?? []) : [];

  return db.transaction(async (tx) => {
    let courseId: string | null = null;
    if (context) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO course_context (deployment_id, context_id, title, label) VALUES ($1, $2, $3, $4)
         ON CONFLICT (deployment_id, context_id) DO UPDATE
           SET title = excluded.title, label = excluded.label, updated_at = now()
         RETURNING id`,
        [deployment.id, context.id, context.title ?? null, context.label ?? null],
      );
      courseId = row!.id;
    }

    let userId: string | null = null;
    if (sub) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO app_user (platform_id, sub, name, given_name, family_name, email) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (platform_id, sub) DO UPDATE
           SET name = excluded.name, given_name = excluded.given_name, family_name = excluded.family_name,
               email = excluded.email, updated_at = now()
         RETURNING id`,
        [platform.id, sub, claims.name ?? null, claims.given_name ?? null, claims.family_name ?? null, claims.email ?? null],
      );
      userId = row!.id;
    }

    if (courseId && userId) {
      await tx.query(
        `INSERT INTO enrolment (context_id, user_id, roles, last_launch_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (context_id, user_id) DO UPDATE SET roles = excluded.roles, last_launch_at = now()`,
        [courseId, userId, launch.roles],
      );
    }

    let resourceLinkId: string | null = null;
    if (resourceLink) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO resource_link (deployment_id, context_id, link_id, title) VALUES ($1, $2, $3, $4)
         ON CONFLICT (deployment_id, link_id) DO UPDATE SET title = excluded.title
         RETURNING id`,
        [deployment.id, courseId, resourceLink.id, resourceLink.title ?? null],
      );
      resourceLinkId = row!.id;
    }

    const [session] = await tx.query<{ id: string; expires_at: Date }>(
      `INSERT INTO launch_session
         (platform_id, deployment_id, context_id, user_id, resource_link_id, message_type, roles, panel, locale, mentee_subs, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() + make_interval(secs => $11))
       RETURNING id, expires_at`,
      [platform.id, deployment.id, courseId, userId, resourceLinkId, claims[CLAIM.messageType], launch.roles, launch.panel, launch.locale, menteeSubs, ttlSeconds],
    );

    return {
      sessionId: session!.id,
      platformId: platform.id,
      deploymentId: deployment.id,
      courseId,
      userId,
      roles: launch.roles,
      panel: launch.panel,
      locale: launch.locale,
      expiresAt: new Date(session!.expires_at),
    };
  });
}
