// Who may do what, in one place. Handlers call authorize(); no role checks elsewhere.
import type { LaunchContext } from '../lti/launch-context';
import { AppError } from './errors';

export type Action =
  | 'view-course-members'
  | 'view-own-session'
  | 'manage-course-grades'
  | 'sync-course-roster'
  | 'place-content'
  | 'practise'
  | 'view-course-insights'
  | 'view-mentees'
  | 'view-own-progress'
  | 'view-platform-rollup';

const TEACHING_ROLES = new Set(['instructor', 'teaching-assistant', 'administrator']);

/** Throws 403 unless the launch may perform action on the course it names. */
export function authorize(launch: LaunchContext, action: Action, resource: { courseId?: string } = {}): void {
  if (resource.courseId !== undefined && resource.courseId !== launch.courseId) {
    throw new AppError('course_mismatch', 403, 'api.courseMismatch');
  }
  switch (action) {
    case 'view-own-session':
      return;
    case 'practise':
      // Practice writes the launching student's own data in their own course.
      if (launch.panel === 'student' && launch.courseId && launch.userId) return;
      throw new AppError('forbidden', 403, 'api.forbidden');
    case 'place-content':
      if (launch.panel === 'deep-linking') return;
      throw new AppError('forbidden', 403, 'api.forbidden');
    case 'view-mentees':
      // Which mentees: only those the launch's role_scope_mentor names (checked by the route).
      if (launch.panel === 'mentor' && launch.courseId) return;
      throw new AppError('forbidden', 403, 'api.forbidden');
    case 'view-own-progress':
      if (launch.panel === 'student' && launch.courseId && launch.userId) return;
      throw new AppError('forbidden', 403, 'api.forbidden');
    case 'view-platform-rollup':
      if (launch.panel === 'admin' && launch.roles.includes('administrator')) return;
      throw new AppError('forbidden', 403, 'api.forbidden');
    case 'view-course-insights':
    case 'view-course-members':
    case 'manage-course-grades':
    case 'sync-course-roster':
      if (launch.courseId && launch.roles.some((r) => TEACHING_ROLES.has(r))) return;
      throw new AppError('forbidden', 403, 'api.forbidden');
  }
}
