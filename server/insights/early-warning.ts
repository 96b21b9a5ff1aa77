// Early warning, as one data point beside the teacher's judgement: the published model
// (early-warning-model.ts) over each student's features (flag-features.ts), with the
// teacher's latest override per student applied. Two queries for a whole course.
import type { Queryable } from '../db/database';
import type { FlagOverrideView, FlagView } from '../http/contract';
import type { CourseScope } from './course-data';
import { FLAG_THRESHOLD, MODEL_VERSION, flagStatus, scoreStudent, type OverrideFacts } from './early-warning-model';
import { loadFlagFeatures } from './flag-features';
import { displayNameSql } from '../db/user-display-name';

export interface LatestOverride extends OverrideFacts {
  view: FlagOverrideView;
}

/**
 * Flags for a course's students (all, or the given ones), with reasons and overrides
 * applied. Listed: students the model flags (status 'flagged', or 'dismissed' while a
 * teacher's dismissal holds — kept on the list so it stays visible) and students a teacher
 * flagged ('teacher-flagged'). Others are not listed. Active flags first, highest score first.
 */
export async function flagsForCourse(db: Queryable, scope: CourseScope, opts: { userIds?: string[]; now?: Date } = {}): Promise<FlagView[]> {
  const students = await loadFlagFeatures(db, scope, opts);
  const overrides = await latestOverrides(db, scope.courseId, opts.userIds);
  const flags: FlagView[] = [];
  for (const s of students) {
    const scored = scoreStudent(s.features);
    const override = overrides.get(s.userId) ?? null;
    const status = flagStatus(scored, s.evidence, override);
    if (!status) continue;
    flags.push({
      userId: s.userId,
      name: s.name,
      score: scored.score,
      threshold: FLAG_THRESHOLD,
      reasons: scored.reasons,
      modelVersion: MODEL_VERSION,
      override: override?.view ?? null,
      status,
    });
  }
  // Stable sort: within a rank, the roster's order (by name).
  const rank = (f: FlagView) => (f.status === 'dismissed' ? 1 : 0);
  return flags.sort((a, b) => rank(a) - rank(b) || b.score - a.score);
}

/** The newest override per student in the course: the one that applies (history is kept). */
export async function latestOverrides(db: Queryable, courseId: string, userIds?: string[]): Promise<Map<string, LatestOverride>> {
  const rows = await db.query<{
    id: string; student_id: string; action: 'dismiss' | 'flag'; reasons: string[]; note: string;
    evidence_until: Date | null; author: string | null; created_at: Date;
  }>(
    `SELECT DISTINCT ON (o.student_id) o.id, o.student_id, o.action, o.reasons, o.note, o.evidence_until, o.created_at,
            ${displayNameSql('u')} AS author
       FROM flag_override o LEFT JOIN app_user u ON u.id = o.author_id
      WHERE o.context_id = $1 AND ($2::uuid[] IS NULL OR o.student_id = ANY ($2::uuid[]))
      ORDER BY o.student_id, o.created_at DESC, o.id`,
    [courseId, userIds ?? null],
  );
  return new Map(
    rows.map((r) => [
      r.student_id,
      {
        action: r.action,
        reasons: r.reasons,
        evidenceUntil: r.evidence_until ? new Date(r.evidence_until) : null,
        view: overrideView(r),
      },
    ]),
  );
}

export function overrideView(r: { id: string; action: 'dismiss' | 'flag'; note: string; author: string | null; created_at: Date }): FlagOverrideView {
  return { id: r.id, action: r.action, note: r.note, author: r.author, createdAt: new Date(r.created_at).toISOString() };
}
