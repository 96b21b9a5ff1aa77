import type { Locale, Panel, TrellisRole } from '../http/contract';

/**
 * What the rest of the server knows about a launch: ids in Trellis's own tables and the
 * normalised roles. Every student-data query is scoped by platform, deployment and course.
 */
export interface LaunchContext {
  sessionId: string;
  platformId: string;
  deploymentId: string;
  /** course_context.id, or null when the platform launched outside a course. */
  courseId: string | null;
  /** app_user.id, or null for anonymous deep-linking launches without `sub`. */
  userId: string | null;
  roles: TrellisRole[];
  /** The Deep-Linking-placed assignment this launch opened, if any. */
  assignmentId: string | null;
  panel: Panel;
  locale: Locale;
  expiresAt: Date;
}
