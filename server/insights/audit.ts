// Who looked at or exported student-level data, and what they changed. Every route that
// shows one student's data, exports a class or changes a flag writes one row here.
import type { Queryable } from '../db/database';
import type { LaunchContext } from '../lti/launch-context';

export type AuditAction =
  | 'view-student'
  | 'export-class-mastery'
  | 'export-groups'
  | 'override-flag'
  | 'add-note'
  | 'view-mentee'
  | 'download-own-data'
  | 'view-platform-rollup';

export async function audit(
  db: Queryable,
  launch: LaunchContext,
  action: AuditAction,
  target: { subjectUserId?: string | null; detail?: Record<string, unknown> } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO audit_event (platform_id, actor_user_id, actor_roles, action, context_id, subject_user_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [launch.platformId, launch.userId, launch.roles, action, launch.courseId, target.subjectUserId ?? null, target.detail ?? {}],
  );
}
