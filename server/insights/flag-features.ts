// The early-warning model's inputs for a course's students, in one set-based statement:
// the roster (active learners only, scoped by platform, deployment and course), attempt
// aggregates per student (miss streak, recent hint use, growth in the window) and the
// latest LMS gradebook result. Never one query per student.
import type { Queryable } from '../db/database';
import type { CourseScope } from './course-data';
import {
  FEATURE_WINDOW,
  GROWTH_MASTERY_CUTOFF,
  GROWTH_WINDOW_DAYS,
  RECENT_ATTEMPTS,
  type EvidenceTimes,
  type StudentFeatures,
} from './early-warning-model';
import { displayNameSql } from '../db/user-display-name';

export interface StudentFeatureRow {
  userId: string;
  name: string | null;
  features: StudentFeatures;
  evidence: EvidenceTimes;
  /** Newest evidence of any kind: what a dismissal is measured against (evidence_until). */
  evidenceAt: Date | null;
}

interface Row {
  user_id: string;
  name: string | null;
  last_launch_at: Date | null;
  class_started: boolean;
  last_attempt_at: Date | null;
  miss_streak: number | null;
  recent: number | null;
  recent_hinted: number | null;
  growth_attempts: number | null;
  growth_gain: number | null;
  lms_fraction: number | null;
  lms_read_at: Date | null;
}

// Times are truncated to milliseconds so JavaScript Dates compare exactly with the
// evidence_until written from them (PostgreSQL keeps microseconds).
const SQL = `
WITH roster AS (
  SELECT e.user_id, ${displayNameSql('u')} AS name,
         date_trunc('milliseconds', e.last_launch_at) AS last_launch_at,
         bool_or(e.last_launch_at IS NOT NULL) OVER () AS class_started
    FROM enrolment e
    JOIN course_context c ON c.id = e.context_id
    JOIN deployment d ON d.id = c.deployment_id
    JOIN app_user u ON u.id = e.user_id
   WHERE e.context_id = $1 AND c.deployment_id = $2 AND d.platform_id = $3
     AND e.status = 'Active' AND 'learner' = ANY (e.roles)
), wanted AS (
  SELECT * FROM roster WHERE $4::uuid[] IS NULL OR user_id = ANY ($4::uuid[])
), ranked AS (
  -- Each student's newest answers only (an index walk per student): the cost stays flat
  -- however long the course's history grows. Streaks and recent hint use need no more;
  -- growth is measured over the window's answers among these.
  SELECT w.user_id, a.correct, a.hints_used, a.created_at, a.p_known_before, a.p_known_after,
         row_number() OVER (PARTITION BY w.user_id ORDER BY a.created_at DESC, a.id DESC) AS recency,
         max(a.created_at) FILTER (WHERE a.correct) OVER (PARTITION BY w.user_id) AS last_correct_at,
         a.created_at > $5::timestamptz - make_interval(days => $7) AND a.created_at <= $5::timestamptz
           AND a.p_known_before < $8 AS in_growth
    FROM wanted w
    CROSS JOIN LATERAL (
      SELECT a.id, a.correct, a.hints_used, a.created_at, a.p_known_before, a.p_known_after
        FROM attempt a
       WHERE a.context_id = $1 AND a.user_id = w.user_id AND a.platform_id = $3
       ORDER BY a.created_at DESC, a.id DESC
       LIMIT ${FEATURE_WINDOW}) a
), practice AS (
  SELECT user_id,
         date_trunc('milliseconds', max(created_at)) AS last_attempt_at,
         count(*) FILTER (WHERE NOT correct AND created_at > coalesce(last_correct_at, '-infinity'))::int AS miss_streak,
         count(*) FILTER (WHERE recency <= $6)::int AS recent,
         count(*) FILTER (WHERE recency <= $6 AND hints_used > 0)::int AS recent_hinted,
         count(*) FILTER (WHERE in_growth)::int AS growth_attempts,
         coalesce(sum(p_known_after - p_known_before) FILTER (WHERE in_growth), 0)::float8 AS growth_gain
    FROM ranked GROUP BY user_id
), lms AS (
  SELECT DISTINCT ON (r.user_id) r.user_id, r.result_score / r.result_maximum AS lms_fraction,
         date_trunc('milliseconds', r.read_at) AS lms_read_at
    FROM lms_result r
    JOIN wanted w ON w.user_id = r.user_id
    JOIN resource_link rl ON rl.id = r.resource_link_id
   WHERE rl.context_id = $1 AND rl.deployment_id = $2
     AND r.result_score IS NOT NULL AND r.result_maximum > 0
   ORDER BY r.user_id, r.read_at DESC, r.result_score / r.result_maximum
)
SELECT w.user_id, w.name, w.last_launch_at, w.class_started,
       p.last_attempt_at, p.miss_streak, p.recent, p.recent_hinted, p.growth_attempts, p.growth_gain,
       l.lms_fraction, l.lms_read_at
  FROM wanted w
  LEFT JOIN practice p ON p.user_id = w.user_id
  LEFT JOIN lms l ON l.user_id = w.user_id
 ORDER BY w.name NULLS LAST, w.user_id`;

const DAY_MS = 86_400_000;

const latest = (...dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

/** Feature values for the course's learners (all, or those in userIds), as of `now`. */
export async function loadFlagFeatures(
  db: Queryable,
  scope: CourseScope,
  opts: { userIds?: string[]; now?: Date } = {},
): Promise<StudentFeatureRow[]> {
  const now = opts.now ?? new Date();
  const rows = await db.query<Row>(SQL, [
    scope.courseId,
    scope.deploymentId,
    scope.platformId,
    opts.userIds ?? null,
    now,
    RECENT_ATTEMPTS,
    GROWTH_WINDOW_DAYS,
    GROWTH_MASTERY_CUTOFF,
  ]);
  return rows.map((r) => {
    const lastAttempt = date(r.last_attempt_at);
    const activity = latest(date(r.last_launch_at), lastAttempt);
    const lms = date(r.lms_read_at);
    return {
      userId: r.user_id,
      name: r.name,
      features: {
        neverLaunched: r.last_launch_at === null && lastAttempt === null && r.class_started,
        daysInactive: activity ? Math.max(0, Math.floor((now.getTime() - activity.getTime()) / DAY_MS)) : null,
        growthAttempts: r.growth_attempts ?? 0,
        growthGain: r.growth_gain ?? 0,
        recentAttempts: r.recent ?? 0,
        recentHinted: r.recent_hinted ?? 0,
        missStreak: r.miss_streak ?? 0,
        lmsFraction: r.lms_fraction,
      },
      evidence: { attempts: lastAttempt, activity, lms },
      evidenceAt: latest(activity, lms),
    };
  });
}
