// bench/insights baselines: what the insights views cost without running estimates and
// rollups, i.e. computed from the attempt table on every request.
//
// - naiveClassOverview: the class overview's mastery map and per-skill counts from one
//   aggregate over the course's attempts (per student and skill: count, correct, last
//   time, and the last attempt's p_known_after — the estimate the practice path stored
//   with it), plus the same roster query Trellis runs.
// - naiveReplayOverview: the same map by replaying BKT over every attempt in order (what a
//   system that stores only answers would do); the attempts are read in (student, skill,
//   time) order and replayed in Node with the skills' current models.
// - naiveDistrictRollup: the district view's numbers (per course and skill: students with
//   evidence, mastered, mean p(known); per course: students) from every attempt of the
//   platform: latest p_known_after per student × skill, then totals.
//
// Each returns the view plus the time of its SQL and of the whole call. They run on the
// driver's own connection with the server's default settings (nothing tuned per session).
// None computes the overview's flags or next steps: the baseline is the mastery part only,
// which flatters it (the breakdown in RESULTS.md shows what flags cost Trellis).
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import type { PlatformRollupView } from '../../server/http/insights-routes';
import { MASTERY_THRESHOLD, updateKnown, type BktParams } from '../../server/practice/model/bkt';

export interface CourseRef {
  platformId: string;
  deploymentId: string;
  courseId: string;
}

export interface NaiveCell {
  pKnown: number;
  evidence: number;
  correct: number;
}

export interface NaiveOverview {
  students: { userId: string; name: string | null; launched: boolean; masteredCount: number }[];
  skills: { code: string; mastered: number; learning: number; notStarted: number; meanPKnown: number | null }[];
  /** userId → skill → cell (students × skills with evidence). */
  cells: Map<string, Map<string, NaiveCell>>;
  /** Attempt rows the SQL read (aggregated or fetched). */
  attemptsRead: number;
  /** Rows sent to the driver. */
  rowsFetched: number;
  sqlMs: number;
  totalMs: number;
}

const ROSTER_SQL = `
  SELECT u.id AS user_id, coalesce(u.name, nullif(concat_ws(' ', u.given_name, u.family_name), '')) AS name,
         e.last_launch_at IS NOT NULL AS launched
    FROM enrolment e
    JOIN course_context c ON c.id = e.context_id
    JOIN deployment d ON d.id = c.deployment_id
    JOIN app_user u ON u.id = e.user_id
   WHERE e.context_id = $1 AND c.deployment_id = $2 AND d.platform_id = $3
     AND e.status = 'Active' AND 'learner' = ANY (e.roles)
   ORDER BY name NULLS LAST, u.id`;

async function roster(db: Client, c: CourseRef) {
  return (await db.query<{ user_id: string; name: string | null; launched: boolean }>(ROSTER_SQL, [c.courseId, c.deploymentId, c.platformId])).rows;
}

/** Students × skills → the overview's counts (the same status rules as server/insights/overview.ts). */
function assemble(
  students: { user_id: string; name: string | null; launched: boolean }[],
  skills: readonly string[],
  cells: Map<string, Map<string, NaiveCell>>,
): Pick<NaiveOverview, 'students' | 'skills'> {
  const status = (c: NaiveCell | undefined) => (!c || c.evidence === 0 ? 'not-started' : c.pKnown >= MASTERY_THRESHOLD ? 'mastered' : 'learning');
  const skillRows = skills.map((code) => ({ code, mastered: 0, learning: 0, notStarted: 0, sum: 0, n: 0 }));
  const studentRows = students.map((s) => {
    const mine = cells.get(s.user_id);
    let masteredCount = 0;
    skills.forEach((code, i) => {
      const c = mine?.get(code);
      const st = status(c);
      const row = skillRows[i]!;
      if (st === 'mastered') {
        row.mastered++;
        masteredCount++;
      } else if (st === 'learning') row.learning++;
      else row.notStarted++;
      if (c && c.evidence > 0) {
        row.sum += c.pKnown;
        row.n++;
      }
    });
    return { userId: s.user_id, name: s.name, launched: s.launched, masteredCount };
  });
  return {
    students: studentRows,
    skills: skillRows.map((r) => ({ code: r.code, mastered: r.mastered, learning: r.learning, notStarted: r.notStarted, meanPKnown: r.n ? r.sum / r.n : null })),
  };
}

/** The mastery map from one aggregate over the course's attempts. */
export async function naiveClassOverview(db: Client, course: CourseRef, skills: readonly string[]): Promise<NaiveOverview> {
  const t0 = performance.now();
  const students = await roster(db, course);
  const { rows } = await db.query<{ user_id: string; skill_code: string; evidence: number; correct: number; p_known: number }>(
    `SELECT a.user_id, a.skill_code, count(*)::int AS evidence, (count(*) FILTER (WHERE a.correct))::int AS correct,
            (array_agg(a.p_known_after ORDER BY a.created_at DESC, a.id DESC))[1] AS p_known
       FROM attempt a
      WHERE a.context_id = $1 AND a.platform_id = $2
      GROUP BY a.user_id, a.skill_code`,
    [course.courseId, course.platformId],
  );
  const sqlMs = performance.now() - t0;
  const cells = new Map<string, Map<string, NaiveCell>>();
  let attemptsRead = 0;
  for (const r of rows) {
    attemptsRead += r.evidence;
    let mine = cells.get(r.user_id);
    if (!mine) cells.set(r.user_id, (mine = new Map()));
    mine.set(r.skill_code, { pKnown: r.p_known, evidence: r.evidence, correct: r.correct });
  }
  return { ...assemble(students, skills, cells), cells, attemptsRead, rowsFetched: rows.length, sqlMs, totalMs: performance.now() - t0 };
}

/** Latest BKT parameters per skill (what the practice path uses). */
export async function loadModels(db: Client): Promise<Map<string, BktParams>> {
  const { rows } = await db.query<{ skill_code: string; p_init: number; p_learn: number; p_guess: number; p_slip: number; p_forget: number }>(
    `SELECT DISTINCT ON (skill_code) skill_code, p_init, p_learn, p_guess, p_slip, p_forget FROM skill_model ORDER BY skill_code, version DESC`,
  );
  return new Map(rows.map((r) => [r.skill_code, { pInit: r.p_init, pLearn: r.p_learn, pGuess: r.p_guess, pSlip: r.p_slip, pForget: r.p_forget }]));
}

/** The mastery map by replaying BKT over every attempt of the course, in order. */
export async function naiveReplayOverview(db: Client, course: CourseRef, skills: readonly string[], models: Map<string, BktParams>): Promise<NaiveOverview> {
  const t0 = performance.now();
  const students = await roster(db, course);
  const { rows } = await db.query<{ user_id: string; skill_code: string; correct: boolean }>(
    `SELECT a.user_id, a.skill_code, a.correct FROM attempt a
      WHERE a.context_id = $1 AND a.platform_id = $2
      ORDER BY a.user_id, a.skill_code, a.created_at, a.id`,
    [course.courseId, course.platformId],
  );
  const sqlMs = performance.now() - t0;
  const cells = new Map<string, Map<string, NaiveCell>>();
  let cur: NaiveCell | null = null;
  let curKey = '';
  let params: BktParams | undefined;
  for (const r of rows) {
    const key = `${r.user_id}\u0000${r.skill_code}`;
    if (key !== curKey) {
      curKey = key;
      params = models.get(r.skill_code);
      if (!params) throw new Error(`no skill model for ${r.skill_code}`);
      cur = { pKnown: params.pInit, evidence: 0, correct: 0 };
      let mine = cells.get(r.user_id);
      if (!mine) cells.set(r.user_id, (mine = new Map()));
      mine.set(r.skill_code, cur);
    }
    cur!.pKnown = updateKnown(cur!.pKnown, r.correct, params!);
    cur!.evidence++;
    if (r.correct) cur!.correct++;
  }
  return { ...assemble(students, skills, cells), cells, attemptsRead: rows.length, rowsFetched: rows.length, sqlMs, totalMs: performance.now() - t0 };
}

export interface NaiveDistrict {
  view: PlatformRollupView;
  sqlMs: number;
  totalMs: number;
}

/** The district rollup from every attempt of the platform. */
export async function naiveDistrictRollup(db: Client, platformId: string, skillOrder: (code: string) => number): Promise<NaiveDistrict> {
  const t0 = performance.now();
  const { rows } = await db.query<{ course_id: string; title: string | null; skill_code: string | null; students: number; mastered: number; sum_p: number }>(
    `WITH latest AS (
       SELECT DISTINCT ON (a.context_id, a.user_id, a.skill_code) a.context_id, a.user_id, a.skill_code, a.p_known_after AS p
         FROM attempt a
        WHERE a.platform_id = $1
        ORDER BY a.context_id, a.user_id, a.skill_code, a.created_at DESC, a.id DESC
     ), per_skill AS (
       SELECT context_id, skill_code, count(*)::int AS students, (count(*) FILTER (WHERE p >= $2))::int AS mastered, sum(p) AS sum_p
         FROM latest GROUP BY context_id, skill_code
     ), per_course AS (
       SELECT context_id, NULL::text AS skill_code, count(DISTINCT user_id)::int AS students, 0 AS mastered, 0::float8 AS sum_p
         FROM latest GROUP BY context_id
     )
     SELECT c.id AS course_id, c.title, t.skill_code, t.students, t.mastered, t.sum_p
       FROM (SELECT * FROM per_skill UNION ALL SELECT * FROM per_course) t
       JOIN course_context c ON c.id = t.context_id`,
    [platformId, MASTERY_THRESHOLD],
  );
  const sqlMs = performance.now() - t0;
  const courses = new Map<string, PlatformRollupView['courses'][number]>();
  for (const r of rows) {
    let course = courses.get(r.course_id);
    if (!course) courses.set(r.course_id, (course = { courseId: r.course_id, title: r.title, students: 0, skills: [] }));
    if (r.skill_code === null) course.students = r.students;
    else course.skills.push({ code: r.skill_code, mastered: r.mastered, students: r.students, meanPKnown: r.students ? r.sum_p / r.students : null });
  }
  const list = [...courses.values()].sort((a, b) => (a.title ?? '\uffff').localeCompare(b.title ?? '\uffff') || a.courseId.localeCompare(b.courseId));
  for (const c of list) c.skills.sort((a, b) => skillOrder(a.code) - skillOrder(b.code) || a.code.localeCompare(b.code));
  return { view: { courses: list, refreshedAt: null }, sqlMs, totalMs: performance.now() - t0 };
}

/** Differences between two district views (per course: students; per course and skill: students, mastered, mean p). */
export function compareDistrict(a: PlatformRollupView, b: PlatformRollupView, tolerance = 1e-9): string[] {
  const out: string[] = [];
  const bBy = new Map(b.courses.map((c) => [c.courseId, c]));
  if (a.courses.length !== b.courses.length) out.push(`${a.courses.length} courses vs ${b.courses.length}`);
  for (const ca of a.courses) {
    const cb = bBy.get(ca.courseId);
    if (!cb) {
      out.push(`course ${ca.courseId} missing`);
      continue;
    }
    if (ca.students !== cb.students) out.push(`course ${ca.title}: ${ca.students} students vs ${cb.students}`);
    const sb = new Map(cb.skills.map((s) => [s.code, s]));
    if (ca.skills.length !== cb.skills.length) out.push(`course ${ca.title}: ${ca.skills.length} skills vs ${cb.skills.length}`);
    for (const s of ca.skills) {
      const t = sb.get(s.code);
      if (!t) out.push(`course ${ca.title} skill ${s.code} missing`);
      else if (s.students !== t.students || s.mastered !== t.mastered || Math.abs((s.meanPKnown ?? -1) - (t.meanPKnown ?? -1)) > tolerance) {
        out.push(`course ${ca.title} skill ${s.code}: ${JSON.stringify(s)} vs ${JSON.stringify(t)}`);
      }
    }
    if (out.length > 20) break;
  }
  return out;
}
