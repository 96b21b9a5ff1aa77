// Early warning, as one data point beside the teacher's judgement. (Being written; the
// signature below is what other modules call.)
import type { Queryable } from '../db/database';
import type { FlagView } from '../http/contract';
import type { CourseScope } from './course-data';

/** Flags for a course's students (all, or the given ones), with reasons and overrides applied. */
export async function flagsForCourse(_db: Queryable, _scope: CourseScope, _opts: { userIds?: string[]; now?: Date } = {}): Promise<FlagView[]> {
  return [];
}
