// bench/insights seed: a platform (a district, or one class) with courses, students,
// teachers, enrolments, one assignment per course and attempt history, written with
// set-based SQL (INSERT … SELECT over generate_series; one statement per chunk of
// students, never one per row). Every attempt gets its served item, and every
// student × skill its running estimate (mastery_estimate), computed in the same statement
// by replaying BKT over the new attempts with the skill's current model — so the estimates
// are exactly what the practice path would have stored, and the attempts' p_known_before /
// p_known_after chain through them.
//
//   npx tsx bench/insights/seed.ts --students 50000 --attempts 10000000 --courses 2000
//
// Running it again with a larger --attempts appends history (new attempts are dated after
// the old ones, estimates continue from the stored ones). See bench/insights/README.md.
//
// Options: --students N, --courses C, --attempts M (total for the platform), --skills S
// (default 60: the built-in bank plus a small imported graph for the rest), --name NAME
// (platform key, default "district"), --database URL (default $DATABASE_URL, else the
// database trellis_insights_seed on postgres://postgres@127.0.0.1:5432, created if missing),
// --chunk K (attempts per statement, default 200000), --jobs J (statements at once,
// default 2), --no-vacuum.
//
// Nothing of the app's schema is dropped or recreated: the app's migrations run first
// (server/db/migrate.ts); the BKT replay uses a window aggregate created in pg_temp (the
// seeding session's own temporary schema, gone when it disconnects).
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { connectPostgres, type Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { builtinBank } from '../../server/practice/content/builtin-bank';
import { MASTERY_THRESHOLD } from '../../server/practice/model/bkt';
import { SkillCatalog, ensureDefaultModels, insertSkillSet, type SkillRecord } from '../../server/practice/skill-catalog';

export const SEED_ISSUER_PREFIX = 'https://bench.trellis.invalid/';
export const SEED_DEPLOYMENT = 'bench-deployment';
const EXTRA_SKILL_SET = 'bench-extra-skills';
/** Consecutive attempts a student makes on one skill before moving to the next. */
const RUN_LENGTH = 5;
/** Share of students on the roster who never launched (no attempts). One in this many. */
const NEVER_LAUNCHED_ONE_IN = 20;

export interface PlatformShape {
  /** Platform key: the issuer is SEED_ISSUER_PREFIX + name. */
  name: string;
  students: number;
  courses: number;
  skills: number;
}

export interface SeededCourse {
  id: string;
  /** The LMS's context id ("course-0001"). */
  contextId: string;
  assignmentId: string;
  teacherId: string;
}

export interface SeededStudent {
  userId: string;
  /** 0-based index; student i is in course i mod courses. */
  index: number;
  courseId: string;
  assignmentId: string;
  launched: boolean;
}

export interface SeededPlatform {
  shape: PlatformShape;
  platformId: string;
  deploymentId: string;
  issuer: string;
  courses: SeededCourse[];
  students: SeededStudent[];
  skills: string[];
  adminId: string;
}

export interface SeedProgress {
  added: number;
  target: number;
  ms: number;
}

const log = (msg: string) => process.stderr.write(`[seed] ${msg}\n`);

/** The skills a seeded platform practises: the built-in bank first, then an imported graph for the rest. */
export function seedSkillCodes(count: number): { builtin: string[]; extra: SkillRecord[] } {
  const builtin = builtinBank.skills.slice(0, count).map((s) => s.code);
  const extra: SkillRecord[] = [];
  for (let i = builtin.length; i < count; i++) {
    const n = i - builtin.length + 1;
    extra.push({
      code: `bench.extra-${String(n).padStart(2, '0')}`,
      standard: `BENCH.X.${n}`,
      grade: 6 + (n % 3),
      domain: 'BENCH',
      name: { en: `Bench skill ${n}`, es: `Destreza de prueba ${n}` },
      prerequisites: n > 1 ? [`bench.extra-${String(n - 1).padStart(2, '0')}`] : [],
    });
  }
  return { builtin, extra };
}

const FIRST = ['Ava', 'Ben', 'Carla', 'Diego', 'Emma', 'Farah', 'Gabe', 'Hana', 'Ivan', 'Jada', 'Kofi', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Vera', 'Wes', 'Ximena', 'Yusuf', 'Zoe'];
const LAST = ['Adams', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jones', 'Kim', 'Lopez', 'Moreau', 'Nguyen', 'Okafor', 'Patel', 'Quispe', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Walsh', 'Xu', 'Yilmaz', 'Zhang'];

/**
 * Creates the platform, deployment, courses (with a teacher and an assignment each),
 * students and enrolments, and the skill graph — or loads them if a platform of that name
 * exists (then its shape must match). Set-based: a handful of statements whatever the size.
 */
export async function ensurePlatform(db: Database, shape: PlatformShape): Promise<SeededPlatform> {
  if (shape.students < 1 || shape.courses < 1 || shape.courses > shape.students) throw new Error('need students ≥ courses ≥ 1');
  if (shape.skills < 1 || shape.skills > 200) throw new Error('skills must be between 1 and 200');
  if (shape.courses > 9_999 || shape.students > 999_999) throw new Error('at most 9,999 courses and 999,999 students (the subs are zero-padded to 4 and 6 digits)');
  const issuer = SEED_ISSUER_PREFIX + shape.name;
  // The built-in bank and its default models, as Trellis writes them at start.
  await new SkillCatalog(db, builtinBank).ready();
  const { builtin, extra } = seedSkillCodes(shape.skills);
  const skills = [...builtin, ...extra.map((s) => s.code)];

  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('bench-insights-seed:' || $1))`, [issuer]);
    const [existing] = await tx.query<{ id: string }>(`SELECT id FROM platform WHERE issuer = $1`, [issuer]);
    if (existing) return;
    const t0 = performance.now();
    const [p] = await tx.query<{ id: string }>(
      `INSERT INTO platform (issuer, client_id, name, auth_login_url, auth_token_url, jwks_url, status)
       VALUES ($1, 'bench-client', $2, $1 || '/auth', $1 || '/token', $1 || '/jwks', 'active') RETURNING id`,
      [issuer, `Bench ${shape.name}`],
    );
    const platformId = p!.id;
    const [d] = await tx.query<{ id: string }>(`INSERT INTO deployment (platform_id, deployment_id) VALUES ($1, $2) RETURNING id`, [platformId, SEED_DEPLOYMENT]);
    const deploymentId = d!.id;
    if (extra.length) {
      const hash = createHash('sha256').update(JSON.stringify(extra)).digest('hex');
      await insertSkillSet(tx, { key: EXTRA_SKILL_SET, version: 1, title: 'Bench extra skills', platformId, source: 'file', hash, skills: extra });
      await ensureDefaultModels(tx, extra.map((s) => s.code));
    }
    // Courses, each with a teacher and one assignment over all the skills.
    await tx.query(
      `INSERT INTO course_context (deployment_id, context_id, title, label)
       SELECT $1, 'course-' || lpad(c::text, 4, '0'), 'Math ' || c, 'MATH-' || c FROM generate_series(1, $2::int) AS c`,
      [deploymentId, shape.courses],
    );
    await tx.query(
      `INSERT INTO app_user (platform_id, sub, name, given_name, family_name, email)
       SELECT $1, 'tch-' || lpad(c::text, 4, '0'), 'Teacher ' || c, 'Teacher', c::text, 'tch-' || c || '@bench.invalid'
         FROM generate_series(1, $2::int) AS c`,
      [platformId, shape.courses],
    );
    await tx.query(
      `INSERT INTO app_user (platform_id, sub, name, given_name, family_name, email) VALUES ($1, 'district-admin', 'District Admin', 'District', 'Admin', NULL)`,
      [platformId],
    );
    await tx.query('ANALYZE app_user, course_context');
    await tx.query(
      `INSERT INTO enrolment (context_id, user_id, roles, status, last_launch_at, source)
       SELECT c.id, u.id, '{instructor}', 'Active', now() - interval '1 day', 'launch'
         FROM course_context c JOIN app_user u ON u.platform_id = $2 AND u.sub = 'tch-' || substr(c.context_id, 8)
        WHERE c.deployment_id = $1`,
      [deploymentId, platformId],
    );
    await tx.query(
      `INSERT INTO assignment (deployment_id, context_id, title, settings, created_by)
       SELECT $1, c.id, 'Practice: grade-level skills', jsonb_build_object('skills', to_jsonb($2::text[]), 'goal', jsonb_build_object('kind', 'mastery'),
              'dueAt', NULL, 'points', 10, 'spacedReview', true), t.user_id
         FROM course_context c JOIN enrolment t ON t.context_id = c.id
        WHERE c.deployment_id = $1`,
      [deploymentId, skills],
    );
    // Students: student i (1-based in the sub) is in course (i − 1) mod C + 1. One in
    // NEVER_LAUNCHED_ONE_IN is on the roster only (came from roster sync, never launched).
    await tx.query(
      `INSERT INTO app_user (platform_id, sub, name, given_name, family_name, email)
       SELECT $1, 'stu-' || lpad(i::text, 6, '0'), f.n || ' ' || l.n, f.n, l.n, NULL
         FROM generate_series(1, $2::int) AS i,
              LATERAL (SELECT ($3::text[])[1 + (i * 7) % cardinality($3::text[])] AS n) f,
              LATERAL (SELECT ($4::text[])[1 + (i * 13 + i / 26) % cardinality($4::text[])] AS n) l`,
      [platformId, shape.students, FIRST, LAST],
    );
    await tx.query('ANALYZE app_user');
    await tx.query(
      `INSERT INTO enrolment (context_id, user_id, roles, status, last_launch_at, source)
       SELECT c.id, u.id, '{learner}', 'Active',
              CASE WHEN (hashint4(s.i) & 2147483647) % $4 = 0 THEN NULL ELSE now() - ((hashint4(s.i + 7) & 1023) * interval '1 hour') END,
              CASE WHEN (hashint4(s.i) & 2147483647) % $4 = 0 THEN 'roster' ELSE 'launch' END
         FROM app_user u
         CROSS JOIN LATERAL (SELECT substr(u.sub, 5)::int AS i) s
         JOIN course_context c ON c.deployment_id = $2 AND c.context_id = 'course-' || lpad((((s.i - 1) % $3) + 1)::text, 4, '0')
        WHERE u.platform_id = $1 AND u.sub LIKE 'stu-%'`,
      [platformId, deploymentId, shape.courses, NEVER_LAUNCHED_ONE_IN],
    );
    await tx.query('ANALYZE app_user, course_context, enrolment');
    log(`created platform ${issuer}: ${shape.courses} courses, ${shape.students} students, ${skills.length} skills in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
  return loadPlatform(db, shape, skills);
}

async function loadPlatform(db: Database, shape: PlatformShape, skills: string[]): Promise<SeededPlatform> {
  const issuer = SEED_ISSUER_PREFIX + shape.name;
  const [p] = await db.query<{ id: string; deployment_id: string }>(
    `SELECT p.id, d.id AS deployment_id FROM platform p JOIN deployment d ON d.platform_id = p.id AND d.deployment_id = $2 WHERE p.issuer = $1`,
    [issuer, SEED_DEPLOYMENT],
  );
  if (!p) throw new Error(`platform ${issuer} not found`);
  const courses = await db.query<{ id: string; context_id: string; assignment_id: string; teacher_id: string }>(
    `SELECT c.id, c.context_id, a.id AS assignment_id, a.created_by AS teacher_id
       FROM course_context c JOIN assignment a ON a.context_id = c.id
      WHERE c.deployment_id = $1 ORDER BY c.context_id`,
    [p.deployment_id],
  );
  const students = await db.query<{ user_id: string; i: number; course_id: string; launched: boolean }>(
    `SELECT u.id AS user_id, substr(u.sub, 5)::int - 1 AS i, e.context_id AS course_id, e.last_launch_at IS NOT NULL AS launched
       FROM app_user u JOIN enrolment e ON e.user_id = u.id
      WHERE u.platform_id = $1 AND u.sub LIKE 'stu-%' ORDER BY u.sub`,
    [p.id],
  );
  const [admin] = await db.query<{ id: string }>(`SELECT id FROM app_user WHERE platform_id = $1 AND sub = 'district-admin'`, [p.id]);
  if (courses.length !== shape.courses || students.length !== shape.students) {
    throw new Error(`platform ${issuer} exists with ${courses.length} courses and ${students.length} students, not ${shape.courses} and ${shape.students}: use another --name`);
  }
  const byCourse = new Map(courses.map((c) => [c.id, c]));
  return {
    shape,
    platformId: p.id,
    deploymentId: p.deployment_id,
    issuer,
    courses: courses.map((c) => ({ id: c.id, contextId: c.context_id, assignmentId: c.assignment_id, teacherId: c.teacher_id })),
    students: students.map((s) => ({ userId: s.user_id, index: s.i, courseId: s.course_id, assignmentId: byCourse.get(s.course_id)!.assignment_id, launched: s.launched })),
    skills,
    adminId: admin!.id,
  };
}

// ---- attempts -----------------------------------------------------------------------

/**
 * BKT as a window aggregate: the state is {p before, p after} of the latest attempt, so
 * one pass over a student × skill's attempts in order gives both columns of every
 * attempt. The same arithmetic, in the same order, as server/practice/model/bkt.ts
 * updateKnown (IEEE doubles both sides, so the results are bit-identical).
 */
const BKT_AGGREGATE = `
CREATE OR REPLACE FUNCTION pg_temp.bench_bkt_step(state float8[], correct boolean, p0 float8, learn float8, guess float8, slip float8, forget float8)
RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  prior float8 := coalesce(state[2], p0);
  known float8;
  unknown float8;
  total float8;
  post float8;
BEGIN
  IF correct THEN
    known := prior * (1 - slip);
    unknown := (1 - prior) * guess;
  ELSE
    known := prior * slip;
    unknown := (1 - prior) * (1 - guess);
  END IF;
  total := known + unknown;
  IF total > 0 THEN post := known / total; ELSE post := prior; END IF;
  RETURN ARRAY[prior, post * (1 - forget) + (1 - post) * learn];
END
$$;
DROP AGGREGATE IF EXISTS pg_temp.bench_bkt(boolean, float8, float8, float8, float8, float8);
CREATE AGGREGATE pg_temp.bench_bkt(boolean, float8, float8, float8, float8, float8) (SFUNC = pg_temp.bench_bkt_step, STYPE = float8[]);
`;

/**
 * A time-ordered UUID (microseconds since the epoch, then random bits, like UUIDv7): new
 * rows land at the right edge of the id indexes instead of on random pages, which keeps
 * seeding 10M attempts from thrashing shared buffers and writing a full-page image per
 * insert. What Trellis reads (by course, student, skill, time) does not depend on it.
 */
const ORDERED_UUID = `(lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000000)::bigint), 16, '0') || substr(gen_random_uuid()::text, 20))::uuid`;

/**
 * One chunk of students, each getting attempts k = n1 … n1 + d − 1 (their own running
 * index, also the served item's seed). Skill, correctness, hints and time are pure
 * functions of (student index, k); attempt k of a level is dated evenly between $9 and $10.
 */
const CHUNK_SQL = `
WITH stu AS (
  SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::int[], $7::int[]) AS s(user_id, context_id, assignment_id, j, n1, d)
),
models AS (
  SELECT DISTINCT ON (skill_code) skill_code, version, p_init, p_learn, p_guess, p_slip, p_forget
    FROM skill_model WHERE skill_code = ANY($8::text[]) ORDER BY skill_code, version DESC
),
gen AS (
  SELECT s.user_id, s.context_id, s.assignment_id, s.j, g.k,
         ($8::text[])[1 + ((s.j * 7 + g.k / ${RUN_LENGTH}) % cardinality($8::text[]))] AS skill,
         -- ability between 0.45 and 0.95 per student; then a per-attempt draw
         ((hashint8(s.j::bigint * 1000003 + g.k) & 2147483647)::float8 / 2147483648.0)
           < 0.45 + 0.5 * ((hashint4(s.j + 11) & 65535)::float8 / 65536.0) AS correct,
         (hashint8(s.j::bigint * 7919 + g.k) & 2147483647) AS h, ${ORDERED_UUID} AS served_id,
         $9::timestamptz + (g.k - s.n1 + 1) * (($10::timestamptz - $9::timestamptz) / s.d) AS at
    FROM stu s CROSS JOIN LATERAL generate_series(s.n1, s.n1 + s.d - 1) AS g(k)
   WHERE s.d > 0
),
prev AS MATERIALIZED (
  -- the chunk's students' current estimates, by primary key (not a scan of the whole table)
  SELECT m.context_id, m.user_id, m.skill_code, m.p_known, m.mastered_at
    FROM stu s JOIN mastery_estimate m ON m.context_id = s.context_id AND m.user_id = s.user_id
   WHERE s.d > 0
),
scored AS MATERIALIZED (
  SELECT gen.*, m.skill_code IS NOT NULL AS had_estimate, m.mastered_at AS prev_mastered_at, md.version AS model_version,
         pg_temp.bench_bkt(gen.correct, coalesce(m.p_known, md.p_init), md.p_learn, md.p_guess, md.p_slip, md.p_forget)
           OVER (PARTITION BY gen.user_id, gen.skill ORDER BY gen.k ROWS UNBOUNDED PRECEDING) AS p,
         max(gen.k) OVER (PARTITION BY gen.user_id, gen.skill) AS last_k
    FROM gen
    JOIN models md ON md.skill_code = gen.skill
    LEFT JOIN prev m ON m.context_id = gen.context_id AND m.user_id = gen.user_id AND m.skill_code = gen.skill
),
served AS (
  INSERT INTO served_item (id, platform_id, context_id, user_id, assignment_id, skill_code, template_key, seed, locale, hints_shown,
                           explanation, served_at, answered_at)
  SELECT s.served_id, $1, s.context_id, s.user_id, s.assignment_id, s.skill, 'bench.seeded', s.k, 'en', CASE WHEN s.h % 8 = 0 THEN 1 ELSE 0 END,
         jsonb_build_object('rule', 'keep-learning', 'skill', s.skill, 'pKnown', s.p[1], 'masteryThreshold', $11::float8,
                            'evidence', 0, 'prerequisites', '[]'::jsonb, 'review', NULL, 'passedOver', '[]'::jsonb),
         s.at - ((5 + s.h % 40) * interval '1 second'), s.at
    FROM scored s
  RETURNING 1
),
att AS (
  INSERT INTO attempt (id, served_item_id, platform_id, context_id, user_id, assignment_id, skill_code, idempotency_key, answer, correct,
                       feedback, hints_used, time_on_task_ms, p_known_before, p_known_after, model_version, created_at)
  SELECT ${ORDERED_UUID}, s.served_id, $1, s.context_id, s.user_id, s.assignment_id, s.skill, ${ORDERED_UUID}, (s.h % 97)::text, s.correct,
         CASE WHEN s.correct THEN 'correct' ELSE 'incorrect' END, CASE WHEN s.h % 8 = 0 THEN 1 ELSE 0 END,
         (5 + s.h % 40) * 1000, s.p[1], s.p[2], s.model_version, s.at
    FROM scored s
  RETURNING 1
),
per AS (
  SELECT context_id, user_id, skill, count(*)::int AS n, (count(*) FILTER (WHERE correct))::int AS c, max(at) AS last_at,
         max(p[2]) FILTER (WHERE k = last_k) AS p_final,
         max(at) FILTER (WHERE p[1] < $11 AND p[2] >= $11) AS crossed_at,
         max(prev_mastered_at) AS prev_mastered_at, max(model_version) AS model_version
    FROM scored GROUP BY context_id, user_id, skill
),
est AS (
  INSERT INTO mastery_estimate AS m (context_id, user_id, skill_code, p_known, evidence_count, correct_count, model_version,
                                     mastered_at, review_count, last_practiced_at, updated_at)
  SELECT context_id, user_id, skill, p_final, n, c, model_version,
         CASE WHEN p_final >= $11 THEN coalesce(crossed_at, prev_mastered_at, last_at) END, 0, last_at, now()
    FROM per
  ON CONFLICT (context_id, user_id, skill_code) DO UPDATE SET
    p_known = EXCLUDED.p_known, evidence_count = m.evidence_count + EXCLUDED.evidence_count,
    correct_count = m.correct_count + EXCLUDED.correct_count, model_version = EXCLUDED.model_version,
    mastered_at = EXCLUDED.mastered_at, last_practiced_at = EXCLUDED.last_practiced_at, updated_at = now()
  RETURNING 1
)
SELECT (SELECT count(*) FROM att)::int AS attempts, (SELECT count(*) FROM est)::int AS estimates, (SELECT count(*) FROM served)::int AS served`;

export interface SeedAttemptsOptions {
  /** Attempts per statement. */
  chunk?: number;
  /** Statements at once (each on its own connection). */
  jobs?: number;
  /** The new attempts are dated between this and `until` (default: after the latest seeded attempt, or 120 days ago, until now). */
  from?: Date;
  until?: Date;
  onProgress?: (p: SeedProgress) => void;
  /** Add exactly this many attempts (over `seeded.students`) instead of topping up to the target. */
  add?: number;
}

/** Attempts so far per student (from the running estimates: evidence counts). */
async function attemptsPerStudent(client: Client, seeded: SeededPlatform): Promise<{ perStudent: Map<string, number>; latest: Date | null }> {
  const { rows } = await client.query<{ user_id: string; n: string; latest: Date | null }>(
    `SELECT m.user_id, sum(m.evidence_count) AS n, max(m.last_practiced_at) AS latest
       FROM mastery_estimate m JOIN course_context c ON c.id = m.context_id
      WHERE c.deployment_id = $1 GROUP BY m.user_id`,
    [seeded.deploymentId],
  );
  let latest: Date | null = null;
  const perStudent = new Map<string, number>();
  for (const r of rows) {
    perStudent.set(r.user_id, Number(r.n));
    if (r.latest && (!latest || r.latest > latest)) latest = r.latest;
  }
  return { perStudent, latest };
}

export async function seededAttemptCount(client: Client, seeded: SeededPlatform): Promise<number> {
  const { perStudent } = await attemptsPerStudent(client, seeded);
  let n = 0;
  for (const v of perStudent.values()) n += v;
  return n;
}

export async function openSeedSession(url: string): Promise<Client> {
  const c = new Client({ connectionString: url, application_name: 'trellis-bench-insights-seed' });
  await c.connect();
  // Session settings only (the server's configuration is not touched): a seeding statement
  // sorts a chunk for the BKT window, and losing the last commits on a crash is harmless here.
  await c.query(`SET work_mem = '256MB'; SET synchronous_commit = off; SET jit = off; SET session_replication_role = replica`);
  await c.query(BKT_AGGREGATE);
  return c;
}

/**
 * Adds attempts until the students of `seeded` have `target` in all (a no-op if they have
 * that many), or exactly `opts.add`. The new ones are spread evenly over the launched
 * students (rotating the remainder so totals stay even), dated after everything seeded on
 * the platform before.
 */
export async function seedAttempts(url: string, seeded: SeededPlatform, target: number, opts: SeedAttemptsOptions = {}): Promise<{ added: number; estimatesWritten: number; ms: number }> {
  const t0 = performance.now();
  const jobs = Math.max(1, opts.jobs ?? 2);
  const chunk = Math.max(1_000, opts.chunk ?? 200_000);
  const clients: Client[] = [];
  try {
    for (let i = 0; i < jobs; i++) clients.push(await openSeedSession(url));
    const { perStudent, latest } = await attemptsPerStudent(clients[0]!, seeded);
    let have = 0;
    for (const s of seeded.students) have += perStudent.get(s.userId) ?? 0;
    const delta = opts.add ?? target - have;
    if (delta <= 0) return { added: 0, estimatesWritten: 0, ms: performance.now() - t0 };
    const active = seeded.students.filter((s) => s.launched);
    if (active.length === 0) throw new Error('no launched students to give attempts to');
    // A first level spans the last 120 days; later ones start after the latest attempt so
    // far (and end now, or a minute after their start if that is later).
    const now = Date.now();
    const from = opts.from ?? (latest ? new Date(latest.getTime() + 1_000) : new Date(now - 120 * 86_400_000));
    const until = opts.until ?? new Date(Math.max(now, from.getTime() + 60_000));
    // d per active student: delta / active, the remainder to the students after the last ones served.
    const base = Math.floor(delta / active.length);
    const rest = delta % active.length;
    const offset = have % active.length;
    const work = active.map((s, i) => ({ s, n1: perStudent.get(s.userId) ?? 0, d: base + (((i - offset) % active.length + active.length) % active.length < rest ? 1 : 0) })).filter((w) => w.d > 0);
    const batches: (typeof work)[] = [];
    let cur: typeof work = [];
    let curN = 0;
    for (const w of work) {
      cur.push(w);
      curN += w.d;
      if (curN >= chunk) {
        batches.push(cur);
        cur = [];
        curN = 0;
      }
    }
    if (cur.length) batches.push(cur);
    let added = 0;
    let estimates = 0;
    let next = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (next < batches.length) {
          const b = batches[next++]!;
          const { rows } = await client.query<{ attempts: number; estimates: number }>(CHUNK_SQL, [
            seeded.platformId,
            b.map((w) => w.s.userId),
            b.map((w) => w.s.courseId),
            b.map((w) => w.s.assignmentId),
            b.map((w) => w.s.index),
            b.map((w) => w.n1),
            b.map((w) => w.d),
            seeded.skills,
            from,
            until,
            MASTERY_THRESHOLD,
          ]);
          added += rows[0]!.attempts;
          estimates += rows[0]!.estimates;
          opts.onProgress?.({ added, target: delta, ms: performance.now() - t0 });
        }
      }),
    );
    if (added !== delta) throw new Error(`seeded ${added} attempts, expected ${delta}`);
    return { added, estimatesWritten: estimates, ms: performance.now() - t0 };
  } finally {
    for (const c of clients) await c.end().catch(() => undefined);
  }
}

/** VACUUM (ANALYZE) of the tables the seed writes, as autovacuum would eventually. */
export async function vacuumSeeded(url: string): Promise<number> {
  const t0 = performance.now();
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET maintenance_work_mem = '512MB'`);
    await c.query('VACUUM (ANALYZE) served_item, attempt, mastery_estimate, enrolment, app_user, course_context, assignment');
  } finally {
    await c.end();
  }
  return performance.now() - t0;
}

/** Rows and bytes of the seeded tables (whole database). */
export async function tableSizes(client: Client): Promise<{ table: string; rows: number; bytes: number }[]> {
  const { rows } = await client.query<{ relname: string; n: string; bytes: string }>(
    `SELECT c.relname, c.reltuples::bigint AS n, pg_total_relation_size(c.oid) AS bytes
       FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
      WHERE ns.nspname = current_schema() AND c.relkind = 'r'
        AND c.relname IN ('attempt', 'served_item', 'mastery_estimate', 'enrolment', 'app_user', 'course_skill_rollup')
      ORDER BY bytes DESC`,
  );
  return rows.map((r) => ({ table: r.relname, rows: Number(r.n), bytes: Number(r.bytes) }));
}

// ---- CLI ------------------------------------------------------------------------------

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [k, v] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), argv[i + 1]?.startsWith('--') === false ? argv[++i]! : 'true'];
    out[k] = v;
  }
  return out;
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

async function cli(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const int = (k: string, d: number) => {
    const v = args[k] === undefined ? d : Number(args[k]!.replace(/_/g, ''));
    if (!Number.isInteger(v) || v < 0) throw new Error(`--${k} must be a whole number`);
    return v;
  };
  const shape: PlatformShape = {
    name: args.name ?? 'district',
    students: int('students', 35),
    courses: int('courses', 1),
    skills: int('skills', 60),
  };
  const attempts = int('attempts', 20_000);
  let url = args.database ?? process.env.DATABASE_URL;
  if (!url) {
    const admin = new Client({ connectionString: DEFAULT_SERVER });
    await admin.connect();
    const name = 'trellis_insights_seed';
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(DEFAULT_SERVER);
    u.pathname = `/${name}`;
    url = u.toString();
    log(`no --database or DATABASE_URL: using ${url} (drop it with: psql ${DEFAULT_SERVER} -c 'DROP DATABASE ${name}')`);
  }
  const db = await connectPostgres({ url, poolSize: 2 });
  try {
    const applied = await migrate(db);
    if (applied.length) log(`migrations applied: ${applied.length}`);
    const seeded = await ensurePlatform(db, shape);
    let lastLog = 0;
    const r = await seedAttempts(url, seeded, attempts, {
      chunk: int('chunk', 200_000),
      jobs: int('jobs', 2),
      onProgress: (p) => {
        if (p.ms - lastLog < 5_000 && p.added < p.target) return;
        lastLog = p.ms;
        log(`${p.added.toLocaleString('en')} / ${p.target.toLocaleString('en')} attempts, ${Math.round((p.added * 1000) / p.ms).toLocaleString('en')}/s`);
      },
    });
    log(r.added ? `added ${r.added.toLocaleString('en')} attempts (${r.estimatesWritten.toLocaleString('en')} estimate writes) in ${(r.ms / 1000).toFixed(1)} s: ${Math.round((r.added * 1000) / r.ms).toLocaleString('en')} attempts/s` : `already ${attempts} attempts: nothing to add`);
    if (r.added && args.vacuum !== 'false' && args['no-vacuum'] === undefined) log(`VACUUM (ANALYZE) in ${((await vacuumSeeded(url)) / 1000).toFixed(1)} s`);
    log(`platform ${seeded.issuer} (id ${seeded.platformId}): ${seeded.courses.length} courses, ${seeded.students.length} students (${seeded.students.filter((s) => s.launched).length} launched), ${seeded.skills.length} skills`);
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  cli().catch((err: unknown) => {
    log(`FAILED: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
}
