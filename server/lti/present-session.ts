// Turns a validated launch into the SessionView the client renders: only display fields.
import type { AssignmentView, SessionView } from '../http/contract';
import { CLAIM, resourceLinkOf } from './claims';
import type { LaunchContext } from './launch-context';
import type { ValidatedLaunch } from './validate-launch';

export function presentSession(launch: ValidatedLaunch, context: LaunchContext, assignment: AssignmentView | null): SessionView {
  const { claims } = launch;
  const givenFamily = [claims.given_name, claims.family_name].filter(Boolean).join(' ');
  const displayName = claims.name || givenFamily || null;
  const course = claims[CLAIM.context];
  const link = resourceLinkOf(claims);
  return {
    panel: launch.panel,
    locale: launch.locale,
    roles: launch.roles,
    user: claims.sub ? { displayName, email: claims.email ?? null } : null,
    course: course && context.courseId ? { id: context.courseId, title: course.title ?? null, label: course.label ?? null } : null,
    resourceLink: link ? { title: link.title ?? null } : null,
    assignment,
    platform: { name: launch.platform.name },
    menteeCount: launch.roles.includes('mentor') ? (claims[CLAIM.roleScopeMentor]?.length ?? 0) : 0,
    expiresAt: context.expiresAt.toISOString(),
  };
}
