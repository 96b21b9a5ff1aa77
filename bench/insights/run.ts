// bench/insights: teacher and district insights at growing history sizes, Trellis's APIs
// (running estimates, incremental rollups) against baselines computed from the attempt
// table, in the same run. See bench/insights/README.md.
//
//   npx tsx bench/insights/run.ts          (npm run bench:insights)
//
// The driver (this process) creates a throw-away database, runs the app's migrations,
// starts Trellis (server/main.ts) as a child process, seeds a class (35 students × 60
// skills) and measures the class overview and drill-down APIs and the naive overview at
// each course history size; then seeds a district (50,000 students in 2,000 courses) level
// by level — measuring the seeding rate on the first level and deciding from it, the disk
// and a time budget how far to go — and at each level refreshes the rollups and measures
// the district rollup API against the naive district query; then times refreshRollups
// after batches of new attempts against a full recompute. Writes bench/insights/RESULTS.md
// and drops the database.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { connectPostgres, type Database, type Queryable } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import type { ClassOverviewView, StudentDetailView } from '../../server/http/contract';
import type { PlatformRollupView } from '../../server/http/insights-routes';
import type { CourseScope } from '../../server/insights/course-data';
import { loadClassOverview } from '../../server/insights/overview';
import { platformRollup, refreshRollups, ROLLUP_JOB } from '../../server/insights/rollup';
import { findCourseStudent, loadStudentDetail } from '../../server/insights/student-detail';
import { LaunchTokens } from '../../server/lti/launch-token';
import { builtinBank } from '../../server/practice/content/builtin-bank';
import type { BktParams } from '../../server/practice/model/bkt';
import { SkillCatalog } from '../../server/practice/skill-catalog';
import { httpRequest, percentile } from '../launch/load';
import { compareDistrict, loadModels, naiveClassOverview, naiveDistrictRollup, naiveReplayOverview, type CourseRef, type NaiveOverview } from './naive';
import { ensurePlatform, seedAttempts, tableSizes, vacuumSeeded, type SeededPlatform } from './seed';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS_FILE = path.join(ROOT, 'bench/insights/RESULTS.md');

// ---- configuration ------------------------------------------------------------------

const num = (name: string, dflt: number, min = 0) => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return dflt;
  const v = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(v) || v < min) throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return v;
};
const numList = (name: string, dflt: string) =>
  (process.env[name]?.trim() || dflt).split(',').map((s) => {
    const v = Number(s.trim().replace(/_/g, ''));
    if (!Number.isFinite(v) || v < 0) throw new Error(`${name}: bad value "${s}"`);
    return Math.round(v);
  });

const districtAttemptsEnv = process.env.BENCH_DISTRICT_ATTEMPTS?.trim();
const CONFIG = {
  baseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  skills: Math.round(num('BENCH_SKILLS', 60, 1)),
  courseStudents: Math.round(num('BENCH_COURSE_STUDENTS', 35, 1)),
  /** Course history sizes (cumulative attempts in the class), ascending. */
  courseLevels: numList('BENCH_COURSE_ATTEMPTS', '20000,100000'),
  districtStudents: Math.round(num('BENCH_DISTRICT_STUDENTS', 50_000, 1)),
  districtCourses: Math.round(num('BENCH_DISTRICT_COURSES', 2_000, 1)),
  /** District size: 0 skips the district; unset = 10M if the seeding rate, disk and budget allow. */
  districtTarget: districtAttemptsEnv ? Math.round(num('BENCH_DISTRICT_ATTEMPTS', 0)) : 10_000_000,
  districtExplicit: !!districtAttemptsEnv,
  /** Explicit district levels (cumulative attempts); default 10%, 50%, 100% of the target. */
  districtLevels: process.env.BENCH_DISTRICT_LEVELS?.trim() ? numList('BENCH_DISTRICT_LEVELS', '') : null,
  /** Time budget for seeding the district beyond its first level, seconds. */
  seedBudgetS: num('BENCH_SEED_BUDGET_S', 2_400, 1),
  /** Disk to leave free (other users of the machine, WAL, temp files), GB. */
  diskReserveGB: num('BENCH_DISK_RESERVE_GB', 20),
  seedJobs: Math.round(num('BENCH_SEED_JOBS', 2, 1)),
  seedChunk: Math.round(num('BENCH_SEED_CHUNK', 250_000, 1_000)),
  /** Per level: class overview and drill-down API requests (sequential). */
  requests: Math.round(num('BENCH_REQUESTS', 200, 4)),
  naiveRequests: Math.round(num('BENCH_NAIVE_REQUESTS', 60, 2)),
  replayRequests: Math.round(num('BENCH_REPLAY_REQUESTS', 30, 2)),
  rollupRequests: Math.round(num('BENCH_ROLLUP_REQUESTS', 60, 2)),
  /** Naive district runs per level, and a time cap for them. */
  naiveDistrictRuns: Math.round(num('BENCH_NAIVE_DISTRICT_RUNS', 5, 1)),
  naiveDistrictCapS: num('BENCH_NAIVE_DISTRICT_CAP_S', 240, 1),
  /** Incremental refresh scenarios: attempts@courses ("all" = every course). */
  incremental: (process.env.BENCH_INCREMENTAL?.trim() || '1000@1,10000@40,100000@all').split(',').map((s) => {
    const [a, c] = s.trim().split('@');
    const attempts = Number(a);
    if (!Number.isInteger(attempts) || attempts < 1 || !c) throw new Error(`BENCH_INCREMENTAL: bad scenario "${s}" (attempts@courses)`);
    return { attempts, courses: c === 'all' ? ('all' as const) : Number(c) };
  }),
  incrementalReps: Math.round(num('BENCH_INCREMENTAL_REPS', 3, 1)),
  fullReps: Math.round(num('BENCH_FULL_REPS', 3, 1)),
  /** Time cap per measured subject per level (API or baseline), seconds: slow ones get fewer samples. */
  subjectCapS: num('BENCH_SUBJECT_CAP_S', 120, 1),
  /** Statement profile repetitions per route per level (in-process). */
  profileReps: Math.round(num('BENCH_PROFILE_REPS', 15, 1)),
  maxRunS: num('BENCH_MAX_RUN_S', 3 * 3_600, 60),
  write: process.env.BENCH_WRITE !== '0',
  keepDb: process.env.BENCH_KEEP_DB === '1',
};

const log = (msg: string) => process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const int = (v: number) => Math.round(v).toLocaleString('en');
const gb = (bytes: number) => (bytes / 1e9).toFixed(1);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p = (xs: number[], q: number) => (xs.length ? percentile(sorted(xs), q) : NaN);
const median = (xs: number[]) => p(xs, 50);

// ---- Trellis as a child process -----------------------------------------------------

class TrellisProcess {
  readonly proc: ChildProcess;
  readonly output: string[] = [];
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(
    readonly port: number,
    env: NodeJS.ProcessEnv,
  ) {
    // node with tsx's loader: the child is the server process itself.
    this.proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.output.push(line);
        if (this.output.length > 200) this.output.shift();
        process.stderr.write(`[trellis] ${line.slice(0, 300)}\n`);
      }
    };
    this.proc.stdout!.on('data', onData);
    this.proc.stderr!.on('data', onData);
    this.proc.on('exit', (code, signal) => (this.exited = { code, signal }));
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async waitReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`Trellis exited during start (${JSON.stringify(this.exited)}):\n${this.output.slice(-20).join('\n')}`);
      const ok = await fetch(`${this.base}/healthz`, { signal: AbortSignal.timeout(2_000) })
        .then(async (r) => (await r.arrayBuffer(), r.status === 200))
        .catch(() => false);
      if (ok) return;
      await sleep(200);
    }
    throw new Error(`Trellis not ready within ${timeoutMs / 1000} s:\n${this.output.slice(-20).join('\n')}`);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    try {
      process.kill(this.proc.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(8_000)]);
    this.kill();
  }

  kill(): void {
    try {
      process.kill(-this.proc.pid!, 'SIGKILL');
    } catch {
      // group already gone
    }
  }
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

// ---- measurement primitives ---------------------------------------------------------

/** One measured call: wall time at the driver and, for API calls, the server's app;dur. */
interface Sample {
  ms: number;
  serverMs: number | null;
  bytes: number;
}

interface Series {
  label: string;
  samples: Sample[];
}

const SERVER_TIMING = /(?:^|,)\s*app;dur=([\d.]+)/;

class Api {
  private agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  constructor(private readonly base: string) {}

  async get<T>(pathname: string, token: string): Promise<{ body: T; sample: Sample }> {
    const url = new URL(pathname, this.base);
    const t0 = performance.now();
    const res = await httpRequest(this.agent, 'GET', url, { authorization: `Bearer ${token}`, accept: 'application/json' }, undefined, 600_000);
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`GET ${pathname} answered ${res.status}: ${res.body.slice(0, 300)}`);
    const timing = SERVER_TIMING.exec(String(res.headers['server-timing'] ?? ''));
    return { body: JSON.parse(res.body) as T, sample: { ms, serverMs: timing ? Number(timing[1]) : null, bytes: Buffer.byteLength(res.body) } };
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Runs the measured subjects in rounds, alternating their order (ABBA…), after a few
 * unmeasured calls each; each subject's calls are split evenly over the rounds. A subject
 * stops early when it has used its time cap.
 */
async function rounds(
  subjects: { label: string; calls: number; warmup?: number; capMs?: number; run: (i: number) => Promise<Sample> }[],
  nRounds = 2,
): Promise<Map<string, Series>> {
  const out = new Map<string, Series>(subjects.map((s) => [s.label, { label: s.label, samples: [] }]));
  const used = new Map<string, number>(subjects.map((s) => [s.label, 0]));
  let counter = 0;
  for (const s of subjects) for (let i = 0; i < (s.warmup ?? 3); i++) await s.run(counter++);
  const defaultCap = CONFIG.subjectCapS * 1000;
  for (let r = 0; r < nRounds; r++) {
    const order = r % 2 === 0 ? subjects : [...subjects].reverse();
    for (const s of order) {
      const per = Math.ceil(s.calls / nRounds);
      const series = out.get(s.label)!;
      for (let i = 0; i < per && series.samples.length < s.calls; i++) {
        // The cap is shared out over the rounds, so a slow subject still gets samples in each.
        if (used.get(s.label)! >= ((s.capMs ?? defaultCap) * (r + 1)) / nRounds && series.samples.length > r) break;
        const t0 = performance.now();
        series.samples.push(await s.run(counter++));
        used.set(s.label, used.get(s.label)! + performance.now() - t0);
      }
    }
  }
  return out;
}

interface Stat {
  n: number;
  p50: number;
  p95: number;
  max: number;
  serverP50: number;
  serverP95: number;
  bytes: number;
}

function stat(s: Series | undefined): Stat {
  const xs = s?.samples ?? [];
  const server = xs.map((x) => x.serverMs).filter((v): v is number => v !== null);
  return {
    n: xs.length,
    p50: p(xs.map((x) => x.ms), 50),
    p95: p(xs.map((x) => x.ms), 95),
    max: Math.max(...xs.map((x) => x.ms), NaN),
    serverP50: p(server, 50),
    serverP95: p(server, 95),
    bytes: median(xs.map((x) => x.bytes)),
  };
}

// ---- statement profile (in-process, the routes' own functions) ----------------------

interface StatementTiming {
  kind: string;
  ms: number;
  rows: number;
  sql: string;
  params: unknown[];
}

function statementKind(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (s.startsWith('WITH roster AS')) return 'flag features (roster + per-student attempt aggregates)';
  if (s.includes('FROM flag_override')) return 'flag overrides';
  if (s.includes('FROM enrolment e') && s.includes('greatest(e.last_launch_at') && s.includes('e.user_id = $2')) return 'student lookup';
  if (s.includes('FROM enrolment e') && s.includes('greatest(e.last_launch_at')) return 'roster + last activity';
  if (s.startsWith('SELECT a.id, a.title, a.settings FROM assignment')) return 'assignments';
  if (s.includes('FROM mastery_estimate m JOIN enrolment e')) return 'estimates (mastery_estimate)';
  if (s.startsWith('SELECT skill_code, p_known_after, created_at FROM attempt')) return 'mastery-over-time series: every attempt of the student';
  if (s.includes('FROM attempt') && s.includes('LIMIT')) return 'recent attempts (LIMIT 200)';
  if (s.includes('assignment_progress')) return 'grades (assignment_progress, lms_result)';
  if (s.includes('FROM teacher_note')) return 'notes';
  if (s.includes('FROM course_skill_rollup')) return 'rollup rows (course_skill_rollup)';
  if (s.includes('FROM job_watermark')) return 'watermark';
  if (s.includes('INSERT INTO audit_event')) return 'audit insert';
  return s.slice(0, 60);
}

/** A Database that records every statement's time (the routes' code runs unchanged on it). */
function timedDb(db: Database, sink: StatementTiming[]): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const t0 = performance.now();
      const rows = await db.query<T>(sql, params);
      sink.push({ kind: statementKind(sql), ms: performance.now() - t0, rows: rows.length, sql, params });
      return rows;
    },
    exec: (sql: string) => db.exec(sql),
  };
}

interface Profile {
  /** kind → median ms, median rows. */
  statements: Map<string, { ms: number; rows: number; n: number }>;
  wallMs: number;
  slowest: StatementTiming | null;
}

async function profile(reps: number, run: (q: Queryable) => Promise<unknown>, db: Database): Promise<Profile> {
  const all: StatementTiming[][] = [];
  const walls: number[] = [];
  await run(timedDb(db, [])); // warm
  for (let i = 0; i < reps; i++) {
    const sink: StatementTiming[] = [];
    const t0 = performance.now();
    const view = await run(timedDb(db, sink));
    walls.push(performance.now() - t0);
    // What the route does next with the view (not part of the function's wall time).
    const t1 = performance.now();
    const body = JSON.stringify(view);
    sink.push({ kind: 'JSON.stringify of the view (after the function)', ms: performance.now() - t1, rows: body.length, sql: '', params: [] });
    all.push(sink);
  }
  const byKind = new Map<string, StatementTiming[]>();
  for (const rep of all) for (const s of rep) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  const statements = new Map<string, { ms: number; rows: number; n: number }>();
  let slowest: StatementTiming | null = null;
  let slowestMs = -1;
  for (const [kind, list] of byKind) {
    const ms = median(list.map((s) => s.ms));
    statements.set(kind, { ms, rows: median(list.map((s) => s.rows)), n: list.length / reps });
    if (ms > slowestMs && list[0]!.sql !== '' && !list[0]!.sql.trimStart().startsWith('INSERT')) {
      slowestMs = ms;
      slowest = list[list.length - 1]!;
    }
  }
  return { statements, wallMs: median(walls), slowest };
}

async function explain(client: Client, s: StatementTiming): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${s.sql}`, s.params);
  const untimed = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) ${s.sql}`, s.params);
  const exec = untimed.rows.map((r) => r['QUERY PLAN']).find((l) => l.startsWith('Execution Time'));
  return [...rows.map((r) => r['QUERY PLAN']), `(again without per-node timing: ${exec ?? 'n/a'})`].join('\n');
}

/** The first `head` lines of a plan, then its summary lines (planning, JIT, execution). */
function planExcerpt(plan: string, head = 70): string {
  const lines = plan.split('\n');
  if (lines.length <= head) return plan;
  const tail = lines.slice(head).findIndex((l) => /^(Planning|JIT:|Execution Time|Trigger|\(again)/.test(l));
  return [...lines.slice(0, head), `  … (${tail < 0 ? lines.length - head : tail} plan lines left out)`, ...(tail < 0 ? [] : lines.slice(head + tail))].join('\n');
}

// ---- results ------------------------------------------------------------------------

interface CourseLevel {
  attempts: number;
  seedMs: number;
  vacuumMs: number;
  overview: Stat;
  naive: Stat;
  replay: Stat;
  drill: Stat;
  drillAttempts: number;
  overviewProfile: Profile;
  drillProfile: Profile;
  checks: string[];
  /** 1-minute load average after the level's measurements. */
  load1: number;
}

interface DistrictLevel {
  attempts: number;
  seedMs: number;
  vacuumMs: number;
  estimates: number;
  rollupRows: number;
  catchUp: { ms: number; rows: number };
  full: { ms: number; rows: number };
  incremental1: { ms: number; rows: number; attempts: number };
  rollup: Stat;
  naive: Stat;
  courseOverview: Stat;
  rollupProfile: Profile;
  checks: string[];
  sizes: { table: string; rows: number; bytes: number }[];
  load1: number;
}

interface IncrementalResult {
  label: string;
  attempts: number;
  courses: number;
  estimatesTouched: number;
  rows: number[];
  ms: number[];
}

// ---- main ---------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = new Date();
  const loadBefore = os.loadavg();
  const cleanups: (() => Promise<void> | void)[] = [];
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (err) {
          log(`cleanup: ${(err as Error).message}`);
        }
      }
    })());
  let aborted = false;
  const checkAborted = () => {
    if (aborted) throw new Error('run aborted');
  };
  const onSignal = (sig: NodeJS.Signals) => {
    aborted = true;
    log(`${sig}: stopping`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const watchdog = setTimeout(() => {
    aborted = true;
    log(`run exceeded BENCH_MAX_RUN_S=${CONFIG.maxRunS} s: aborting`);
    void cleanup().finally(() => process.exit(1));
  }, CONFIG.maxRunS * 1000);

  try {
    // 1. A fresh database on a loopback PostgreSQL, with the app's schema.
    const dbHost = new URL(CONFIG.baseUrl).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(dbHost)) throw new Error(`BENCH_DATABASE_URL must point at a loopback PostgreSQL (got host ${dbHost})`);
    const admin = new Client({ connectionString: CONFIG.baseUrl });
    await admin.connect();
    cleanups.push(() => admin.end());
    const dbName = `trellis_bench_${crypto.randomBytes(5).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    cleanups.push(async () => {
      if (CONFIG.keepDb) {
        log(`BENCH_KEEP_DB=1: kept database ${dbName} (drop it with: psql ${CONFIG.baseUrl} -c 'DROP DATABASE ${dbName}')`);
        return;
      }
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      log(`dropped database ${dbName}`);
    });
    const dbUrlObj = new URL(CONFIG.baseUrl);
    dbUrlObj.pathname = `/${dbName}`;
    const dbUrl = dbUrlObj.toString();
    const pgVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const pgSettings: Record<string, string> = {};
    for (const name of ['shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather', 'jit', 'jit_above_cost', 'synchronous_commit']) {
      pgSettings[name] = (await admin.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
    }
    let dataDir = '/';
    try {
      dataDir = (await admin.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory;
    } catch {
      // not visible to this role: the root file system stands in
    }
    const diskFree = () => {
      for (const dir of [dataDir, '/']) {
        try {
          const s = fs.statfsSync(dir);
          return s.bavail * s.bsize;
        } catch {
          // try the next
        }
      }
      return NaN;
    };
    const diskAtStart = diskFree();
    log(`database ${dbName} on PostgreSQL ${pgVersion}; ${gb(diskAtStart)} GB free on the database's file system`);

    const db = await connectPostgres({ url: dbUrl, poolSize: 4 });
    cleanups.push(() => db.close());
    await migrate(db);
    const catalog = new SkillCatalog(db, builtinBank);
    await catalog.ready();
    const client = new Client({ connectionString: dbUrl, application_name: 'trellis-bench-insights-naive' });
    await client.connect();
    cleanups.push(() => client.end());

    // 2. Trellis, as deployed: server/main.ts with a production environment.
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const encryptionKey = crypto.randomBytes(32).toString('hex');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl,
      TRELLIS_ENCRYPTION_KEY: encryptionKey,
      PUBLIC_URL: publicUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'false',
    };
    delete env.DEBUG;
    const trellis = new TrellisProcess(port, env);
    cleanups.push(() => trellis.stop());
    process.once('exit', () => trellis.kill());
    await trellis.waitReady();
    log(`Trellis ready at ${publicUrl} (pid ${trellis.proc.pid})`);
    const api = new Api(publicUrl);
    cleanups.push(() => api.close());

    // Launch tokens, minted as Trellis mints them (HS256 over a LaunchContext, same key),
    // each naming a launch_session row like a real launch's.
    const tokens = new LaunchTokens(encryptionKey, publicUrl);
    const mint = async (sp: SeededPlatform, who: { userId: string; courseId: string | null; panel: 'teacher' | 'admin' }) => {
      const roles = who.panel === 'teacher' ? (['instructor'] as const) : (['administrator'] as const);
      const expiresAt = new Date(Date.now() + 12 * 3_600_000);
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO launch_session (platform_id, deployment_id, context_id, user_id, message_type, roles, panel, locale, expires_at)
         VALUES ($1, $2, $3, $4, 'LtiResourceLinkRequest', $5, $6, 'en', $7) RETURNING id`,
        [sp.platformId, sp.deploymentId, who.courseId, who.userId, [...roles], who.panel, expiresAt],
      );
      return tokens.sign({
        sessionId: row!.id,
        platformId: sp.platformId,
        deploymentId: sp.deploymentId,
        courseId: who.courseId,
        userId: who.userId,
        assignmentId: null,
        roles: [...roles],
        panel: who.panel,
        locale: 'en',
        expiresAt,
      });
    };
    const seedOpts = { jobs: CONFIG.seedJobs, chunk: CONFIG.seedChunk };
    const progress = (label: string) => {
      let last = 0;
      return (pr: { added: number; target: number; ms: number }) => {
        if (pr.ms - last < 15_000 && pr.added < pr.target) return;
        last = pr.ms;
        log(`${label}: ${int(pr.added)} / ${int(pr.target)} attempts, ${int((pr.added * 1000) / pr.ms)}/s`);
      };
    };

    // 3. The class: 35 students × 60 skills, at each history size.
    const classP = await ensurePlatform(db, { name: 'class', students: CONFIG.courseStudents, courses: 1, skills: CONFIG.skills });
    const course = classP.courses[0]!;
    const models: Map<string, BktParams> = await loadModels(client);
    const classScope: CourseScope & CourseRef = { platformId: classP.platformId, deploymentId: classP.deploymentId, courseId: course.id };
    const teacherToken = await mint(classP, { userId: course.teacherId, courseId: course.id, panel: 'teacher' });
    const courseLevels: CourseLevel[] = [];
    const explains: { title: string; plan: string }[] = [];
    for (const [li, level] of CONFIG.courseLevels.entries()) {
      checkAborted();
      const s = await seedAttempts(dbUrl, classP, level, { ...seedOpts, onProgress: progress(`class → ${int(level)}`) });
      const vacuumMs = await vacuumSeeded(dbUrl);
      log(`class: ${int(level)} attempts (${int(s.added)} added in ${f1(s.ms / 1000)} s, VACUUM ANALYZE ${f1(vacuumMs / 1000)} s)`);
      const overviewPath = `/api/courses/${course.id}/insights`;
      const first = await api.get<ClassOverviewView>(overviewPath, teacherToken);
      const skills = first.body.skills.map((k) => k.code);
      const drillTargets = classP.students.filter((st) => st.launched);
      const drillAttempts = Number(
        (await client.query<{ n: string }>(`SELECT count(*) AS n FROM attempt WHERE context_id = $1 AND user_id = $2`, [course.id, drillTargets[0]!.userId])).rows[0]!.n,
      );
      const results = await rounds([
        { label: 'overview', calls: CONFIG.requests, run: async () => (await api.get<ClassOverviewView>(overviewPath, teacherToken)).sample },
        {
          label: 'naive',
          calls: CONFIG.naiveRequests,
          run: async () => {
            const r = await naiveClassOverview(client, classScope, skills);
            return { ms: r.totalMs, serverMs: r.sqlMs, bytes: 0 };
          },
        },
        {
          label: 'replay',
          calls: CONFIG.replayRequests,
          warmup: 1,
          run: async () => {
            const r = await naiveReplayOverview(client, classScope, skills, models);
            return { ms: r.totalMs, serverMs: r.sqlMs, bytes: 0 };
          },
        },
        {
          label: 'drill',
          calls: CONFIG.requests,
          run: async (i) =>
            (await api.get<StudentDetailView>(`/api/courses/${course.id}/insights/students/${drillTargets[i % drillTargets.length]!.userId}`, teacherToken)).sample,
        },
      ]);
      // Checks: the API's map = the naive aggregate = the BKT replay of every attempt.
      const checks: string[] = [];
      const view = (await api.get<ClassOverviewView>(overviewPath, teacherToken)).body;
      const agg = await naiveClassOverview(client, classScope, skills);
      const rep = await naiveReplayOverview(client, classScope, skills, models);
      checks.push(...compareOverview(view, agg, 'naive aggregate'), ...compareOverview(view, rep, 'replay'), ...compareCells(agg, rep));
      // Where the route's time goes: its own functions, each statement timed.
      const overviewProfile = await profile(CONFIG.profileReps, (q) => loadClassOverview({ db: q, catalog }, classScope, 'en'), db);
      const target = (await findCourseStudent(db, classScope, drillTargets[0]!.userId))!;
      const drillProfile = await profile(CONFIG.profileReps, (q) => loadStudentDetail({ db: q, catalog }, classScope, 'en', target), db);
      if (li === CONFIG.courseLevels.length - 1) {
        for (const [title, prof] of [['class overview', overviewProfile], ['drill-down', drillProfile]] as const) {
          if (prof.slowest) explains.push({ title: `${title}, slowest statement (${prof.slowest.kind}) at ${int(level)} course attempts`, plan: await explain(client, prof.slowest) });
        }
      }
      const cl: CourseLevel = {
        attempts: level,
        seedMs: s.ms,
        vacuumMs,
        overview: stat(results.get('overview')),
        naive: stat(results.get('naive')),
        replay: stat(results.get('replay')),
        drill: stat(results.get('drill')),
        drillAttempts,
        overviewProfile,
        drillProfile,
        checks,
        load1: os.loadavg()[0]!,
      };
      courseLevels.push(cl);
      log(
        `class ${int(level)}: overview p50 ${f1(cl.overview.p50)} p95 ${f1(cl.overview.p95)} ms | naive p50 ${f1(cl.naive.p50)} p95 ${f1(cl.naive.p95)} | replay p50 ${f1(cl.replay.p50)} | drill-down p50 ${f1(cl.drill.p50)} p95 ${f1(cl.drill.p95)}${checks.length ? ` | CHECKS FAILED: ${checks.slice(0, 3).join('; ')}` : ''}`,
      );
    }

    // 4. The district, level by level.
    const districtLevels: DistrictLevel[] = [];
    const incremental: IncrementalResult[] = [];
    let sizing: string[] = [];
    let districtP: SeededPlatform | null = null;
    let fullFinal: number[] = [];
    let fullRows = 0;
    let noop: number[] = [];
    if (CONFIG.districtTarget > 0) {
      checkAborted();
      const t0 = performance.now();
      const dp = await ensurePlatform(db, { name: 'district', students: CONFIG.districtStudents, courses: CONFIG.districtCourses, skills: CONFIG.skills });
      districtP = dp;
      log(`district platform: ${int(dp.students.length)} students in ${int(dp.courses.length)} courses in ${f1((performance.now() - t0) / 1000)} s`);
      const adminToken = await mint(dp, { userId: dp.adminId, courseId: null, panel: 'admin' });
      const sampleCourse = dp.courses[Math.floor(dp.courses.length / 2)]!;
      const districtTeacherToken = await mint(dp, { userId: sampleCourse.teacherId, courseId: sampleCourse.id, panel: 'teacher' });
      const order = new Map((await catalog.graphFor(dp.platformId)).all().map((s, i) => [s.code, i]));
      const skillOrder = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;

      let target = CONFIG.districtTarget;
      let levels = CONFIG.districtLevels ?? [...new Set([Math.round(target * 0.1), Math.round(target * 0.5), target])].filter((v) => v > 0);
      for (let li = 0; li < levels.length; li++) {
        checkAborted();
        const level = levels[li]!;
        const s = await seedAttempts(dbUrl, dp, level, { ...seedOpts, onProgress: progress(`district → ${int(level)}`) });
        const vacuumMs = await vacuumSeeded(dbUrl);
        const sizes = await tableSizes(client);
        log(`district: ${int(level)} attempts (${int(s.added)} added in ${f1(s.ms / 1000)} s = ${int((s.added * 1000) / s.ms)}/s, VACUUM ANALYZE ${f1(vacuumMs / 1000)} s)`);
        if (li === 0 && !CONFIG.districtLevels) {
          // Decide how far to go from the measured rate, the disk and the budget.
          const rate = (s.added * 1000) / s.ms;
          const seededBytes = sizes.filter((t) => ['attempt', 'served_item', 'mastery_estimate'].includes(t.table)).reduce((a, t) => a + t.bytes, 0);
          const allAttempts = level + CONFIG.courseLevels[CONFIG.courseLevels.length - 1]!;
          const bytesPerAttempt = seededBytes / allAttempts;
          const vacuumPerAttempt = vacuumMs / allAttempts;
          const remaining = target - level;
          // Index inserts slow down as the indexes outgrow memory: 1.3× the first level's rate.
          const projectS = (n: number) => (n / rate) * 1.3 + (n * vacuumPerAttempt) / 1000;
          const projectBytes = (n: number) => n * bytesPerAttempt * 1.15;
          const free = diskFree();
          const affordable = (n: number) => projectS(n) <= CONFIG.seedBudgetS && projectBytes(n) <= free - CONFIG.diskReserveGB * 1e9;
          sizing = [
            `seeding rate at ${int(level)} attempts: ${int(rate)} attempts/s (${jobsNote()}), ${f1(bytesPerAttempt)} bytes per attempt on disk (attempt + served item + estimates, with indexes)`,
            `${int(target)} attempts would need about ${f1(projectS(remaining) / 60)} more minutes of seeding (budget BENCH_SEED_BUDGET_S=${CONFIG.seedBudgetS} s) and ${gb(projectBytes(remaining))} GB more disk (${gb(free)} GB free, ${CONFIG.diskReserveGB} GB kept in reserve)`,
          ];
          if (!affordable(remaining)) {
            if (CONFIG.districtExplicit) {
              sizing.push(`BENCH_DISTRICT_ATTEMPTS=${target} was set explicitly: going ahead anyway`);
              if (projectBytes(remaining) > free - 5e9) throw new Error(`not enough disk for ${int(target)} attempts: ${sizing.join('; ')}`);
            } else {
              let n = remaining;
              while (n > 0 && !affordable(n)) n = Math.floor(n * 0.9);
              const step = 500_000;
              const reduced = Math.max(level, level + Math.floor(n / step) * step);
              sizing.push(`not affordable: running to ${int(reduced)} attempts instead`);
              target = reduced;
              levels = [...new Set([level, Math.round((level + target) / 2 / step) * step, target])].filter((v) => v >= level).sort((a, b) => a - b);
            }
          } else sizing.push(`affordable: running to ${int(target)}`);
          for (const line of sizing) log(line);
        }

        // Rollups: the catch-up refresh (everything since the previous level), a full recompute, and 1,000 new attempts in one course.
        const catchUp = await timed(() => refreshRollups(db, { settleMs: 0 }));
        const full = await fullRecompute(db);
        const inc = await incrementalBatch(dbUrl, db, dp, 1_000, 1, li);
        const estimates = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM mastery_estimate`)).rows[0]!.n);
        const rollupRows = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM course_skill_rollup`)).rows[0]!.n);
        log(`rollups: catch-up refresh ${f1(catchUp.ms)} ms (${int(catchUp.value.rows)} rows), full recompute ${f1(full.ms)} ms (${int(full.rows)} rows), after 1,000 new attempts in one course ${f1(inc.ms)} ms (${int(inc.rows)} rows)`);

        const nCap = CONFIG.naiveDistrictCapS * 1000;
        const results = await rounds([
          { label: 'rollup', calls: CONFIG.rollupRequests, run: async () => (await api.get<PlatformRollupView>('/api/platform/rollup', adminToken)).sample },
          {
            label: 'naive',
            calls: CONFIG.naiveDistrictRuns,
            warmup: 0,
            capMs: nCap,
            run: async () => {
              const r = await naiveDistrictRollup(client, dp.platformId, skillOrder);
              return { ms: r.totalMs, serverMs: r.sqlMs, bytes: 0 };
            },
          },
          { label: 'courseOverview', calls: Math.min(CONFIG.requests, 100), run: async () => (await api.get<ClassOverviewView>(`/api/courses/${sampleCourse.id}/insights`, districtTeacherToken)).sample },
        ]);
        const checks: string[] = [];
        const apiView = (await api.get<PlatformRollupView>('/api/platform/rollup', adminToken)).body;
        const naiveView = (await naiveDistrictRollup(client, dp.platformId, skillOrder)).view;
        checks.push(...compareDistrict(apiView, naiveView).map((d) => `rollup API vs naive: ${d}`));
        const rollupProfile = await profile(CONFIG.profileReps, (q) => platformRollup(q, dp.platformId, skillOrder), db);
        if (li === levels.length - 1 && rollupProfile.slowest) {
          explains.push({ title: `district rollup, slowest statement (${rollupProfile.slowest.kind}) at ${int(level)} district attempts`, plan: await explain(client, rollupProfile.slowest) });
        }
        const dl: DistrictLevel = {
          attempts: level,
          seedMs: s.ms,
          vacuumMs,
          estimates,
          rollupRows,
          catchUp: { ms: catchUp.ms, rows: catchUp.value.rows },
          full,
          incremental1: inc,
          rollup: stat(results.get('rollup')),
          naive: stat(results.get('naive')),
          courseOverview: stat(results.get('courseOverview')),
          rollupProfile,
          checks,
          sizes,
          load1: os.loadavg()[0]!,
        };
        districtLevels.push(dl);
        log(
          `district ${int(level)}: rollup API p50 ${f1(dl.rollup.p50)} p95 ${f1(dl.rollup.p95)} ms | naive p50 ${f1(dl.naive.p50)} p95 ${f1(dl.naive.p95)} ms (${dl.naive.n} runs) | course overview p50 ${f1(dl.courseOverview.p50)}${checks.length ? ` | CHECKS FAILED: ${checks.slice(0, 3).join('; ')}` : ''}`,
        );
      }

      // 5. refreshRollups after batches of new attempts vs a full recompute, at the final size.
      checkAborted();
      await refreshRollups(db, { settleMs: 0 });
      for (let i = 0; i < 5; i++) noop.push((await timed(() => refreshRollups(db, { settleMs: 0 }))).ms);
      for (const sc of CONFIG.incremental) {
        const courses = sc.courses === 'all' ? dp.courses.length : Math.min(sc.courses, dp.courses.length);
        const r: IncrementalResult = { label: `${int(sc.attempts)} new attempts in ${sc.courses === 'all' ? 'every course' : `${courses} course${courses === 1 ? '' : 's'}`}`, attempts: sc.attempts, courses, estimatesTouched: 0, rows: [], ms: [] };
        for (let rep = 0; rep < CONFIG.incrementalReps; rep++) {
          checkAborted();
          const b = await incrementalBatch(dbUrl, db, dp, sc.attempts, courses, 100 + rep * 7 + incremental.length * 31);
          r.rows.push(b.rows);
          r.ms.push(b.ms);
          r.estimatesTouched = b.estimates;
        }
        incremental.push(r);
        log(`refreshRollups after ${r.label}: p50 ${f1(median(r.ms))} ms, max ${f1(Math.max(...r.ms))} ms (${int(median(r.rows))} rows recomputed)`);
      }
      {
        // The plan of the job's statement after 1,000 new attempts in one course (not timed above).
        const picked = dp.courses[7 % dp.courses.length]!.id;
        await seedAttempts(dbUrl, { ...dp, students: dp.students.filter((st) => st.courseId === picked) }, 0, { jobs: 1, add: 1_000 });
        explains.push({ title: `refreshRollups after 1,000 new attempts in one course, at ${int(districtLevels[districtLevels.length - 1]!.attempts)} district attempts — the job's statement (rolled back)`, plan: await explainRefresh(db) });
        await refreshRollups(db, { settleMs: 0 });
      }
      for (let rep = 0; rep < CONFIG.fullReps; rep++) {
        const full = await fullRecompute(db);
        fullFinal.push(full.ms);
        fullRows = full.rows;
      }
      log(`full recompute at the final size: p50 ${f1(median(fullFinal))} ms (${int(fullRows)} rows)`);
      // The rollup still equals the naive computation after all the batches.
      const apiView = (await api.get<PlatformRollupView>('/api/platform/rollup', adminToken)).body;
      const naiveView = (await naiveDistrictRollup(client, dp.platformId, skillOrder)).view;
      const diffs = compareDistrict(apiView, naiveView);
      if (diffs.length) districtLevels[districtLevels.length - 1]!.checks.push(...diffs.map((d) => `after the incremental batches: ${d}`));
    }

    // 6. Report.
    const finalSizes = await tableSizes(client);
    const dbBytes = Number((await client.query<{ n: string }>(`SELECT pg_database_size(current_database()) AS n`)).rows[0]!.n);
    await trellis.stop();
    const report = buildReport({
      started,
      finished: new Date(),
      loadBefore,
      loadAfter: os.loadavg(),
      pgVersion,
      pgSettings,
      diskAtStart,
      dbBytes,
      finalSizes,
      classP,
      districtP,
      sizing,
      courseLevels,
      districtLevels,
      incremental,
      noop,
      fullFinal,
      fullRows,
      explains,
    });
    process.stdout.write(report.markdown + '\n');
    if (CONFIG.write) {
      fs.writeFileSync(RESULTS_FILE, report.markdown);
      log(`wrote ${path.relative(ROOT, RESULTS_FILE)}`);
    }
    return report.ok ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

const jobsNote = () => `${CONFIG.seedJobs} connection${CONFIG.seedJobs === 1 ? '' : 's'}, ${int(CONFIG.seedChunk)} attempts per statement`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** refreshRollups from scratch: without its watermark it recomputes every (course, skill) pair. */
async function fullRecompute(db: Database): Promise<{ ms: number; rows: number }> {
  await db.query(`DELETE FROM job_watermark WHERE name = $1`, [ROLLUP_JOB]);
  const r = await timed(() => refreshRollups(db, { settleMs: 0 }));
  return { ms: r.ms, rows: r.value.rows };
}

class Rollback extends Error {}

/**
 * refreshRollups once with its rollup statement run under EXPLAIN (ANALYZE, BUFFERS) — the
 * job's own SQL and parameters, in its own transaction — then rolled back.
 */
async function explainRefresh(db: Database): Promise<string> {
  let plan = '';
  const probe: Database = {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    transaction: <T,>(fn: (tx: Queryable) => Promise<T>) =>
      db.transaction<T>(async (tx) => {
        await fn({
          query: async <R,>(sql: string, params: unknown[] = []): Promise<R[]> => {
            if (!sql.includes('INSERT INTO course_skill_rollup')) return tx.query<R>(sql, params);
            const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
            plan = rows.map((r) => r['QUERY PLAN']).join('\n');
            return [{ rows: 0, until: null } as R];
          },
          exec: (sql) => tx.exec(sql),
        });
        throw new Rollback();
      }),
  };
  try {
    await refreshRollups(probe, { settleMs: 0 });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return plan;
}

/**
 * `attempts` new attempts by the students of `courses` courses (picked from `salt`), then
 * refreshRollups timed. Returns the refresh time, rows recomputed and estimates touched.
 */
async function incrementalBatch(url: string, db: Database, dp: SeededPlatform, attempts: number, courses: number, salt: number) {
  const picked = new Set<string>();
  const n = dp.courses.length;
  const step = Math.max(1, Math.floor(n / courses));
  for (let i = 0; picked.size < courses && i < n * 2; i++) picked.add(dp.courses[(salt * 37 + i * step + Math.floor(i / courses)) % n]!.id);
  const subset: SeededPlatform = { ...dp, students: dp.students.filter((s) => picked.has(s.courseId)) };
  const seeded = await seedAttempts(url, subset, 0, { jobs: 1, chunk: 250_000, add: attempts });
  const r = await timed(() => refreshRollups(db, { settleMs: 0 }));
  return { ms: r.ms, rows: r.value.rows, attempts: seeded.added, estimates: seeded.estimatesWritten };
}

function compareOverview(view: ClassOverviewView, naive: NaiveOverview, label: string): string[] {
  const out: string[] = [];
  if (view.students.length !== naive.students.length) out.push(`${label}: ${naive.students.length} students vs API ${view.students.length}`);
  const byId = new Map(naive.students.map((s) => [s.userId, s]));
  for (const s of view.students) {
    const n = byId.get(s.userId);
    if (!n) out.push(`${label}: student ${s.userId} missing`);
    else if (n.masteredCount !== s.masteredCount) out.push(`${label}: ${s.name} mastered ${n.masteredCount} vs API ${s.masteredCount}`);
    const mine = naive.cells.get(s.userId);
    for (const c of s.cells) {
      const nc = mine?.get(c.skill);
      if ((nc?.evidence ?? 0) !== c.evidence || (c.evidence > 0 && Math.abs(nc!.pKnown - c.pKnown!) > 1e-12)) {
        out.push(`${label}: ${s.name} ${c.skill}: p ${nc?.pKnown} n ${nc?.evidence} vs API p ${c.pKnown} n ${c.evidence}`);
      }
    }
  }
  const skills = new Map(naive.skills.map((k) => [k.code, k]));
  for (const k of view.skills) {
    const n = skills.get(k.code);
    if (!n || n.mastered !== k.mastered || n.learning !== k.learning || n.notStarted !== k.notStarted || Math.abs((n.meanPKnown ?? -1) - (k.meanPKnown ?? -1)) > 1e-9) {
      out.push(`${label}: skill ${k.code}: ${JSON.stringify(n)} vs API ${JSON.stringify({ m: k.mastered, l: k.learning, n: k.notStarted, p: k.meanPKnown })}`);
    }
  }
  return out.slice(0, 10);
}

/** The stored p_known_after chain (aggregate) equals a fresh BKT replay, bit for bit up to 1e-12. */
function compareCells(agg: NaiveOverview, rep: NaiveOverview): string[] {
  const out: string[] = [];
  for (const [user, skills] of agg.cells) {
    for (const [skill, c] of skills) {
      const r = rep.cells.get(user)?.get(skill);
      if (!r || r.evidence !== c.evidence || r.correct !== c.correct || Math.abs(r.pKnown - c.pKnown) > 1e-12) out.push(`replay vs stored p_known_after: ${user} ${skill}: ${JSON.stringify(r)} vs ${JSON.stringify(c)}`);
      if (out.length >= 5) return out;
    }
  }
  return out;
}

// ---- report -------------------------------------------------------------------------

interface ReportInput {
  started: Date;
  finished: Date;
  loadBefore: number[];
  loadAfter: number[];
  pgVersion: string;
  pgSettings: Record<string, string>;
  diskAtStart: number;
  dbBytes: number;
  finalSizes: { table: string; rows: number; bytes: number }[];
  classP: SeededPlatform;
  districtP: SeededPlatform | null;
  sizing: string[];
  courseLevels: CourseLevel[];
  districtLevels: DistrictLevel[];
  incremental: IncrementalResult[];
  noop: number[];
  fullFinal: number[];
  fullRows: number;
  explains: { title: string; plan: string }[];
}

const GOAL_OVERVIEW_P95 = 50;
const GOAL_ROLLUP_P95 = 500;
/** "Flat": the largest history's p50 at most this many times the smallest's. */
const FLAT_RATIO = 1.5;

function buildReport(r: ReportInput): { markdown: string; ok: boolean } {
  const L: string[] = [];
  const cpus = os.cpus();
  const la = (v: number[]) => v.map((x) => x.toFixed(2)).join(' / ');
  const cl = r.courseLevels;
  const dl = r.districtLevels;
  const first = <T,>(xs: T[]) => xs[0];
  const last = <T,>(xs: T[]) => xs[xs.length - 1];
  const checks = [...cl.flatMap((l) => l.checks.map((c) => `class ${int(l.attempts)}: ${c}`)), ...dl.flatMap((l) => l.checks.map((c) => `district ${int(l.attempts)}: ${c}`))];

  const goals: { goal: string; value: string; pass: boolean | null; note: string }[] = [];
  if (cl.length) {
    const worst = cl.reduce((a, b) => (b.overview.p95 > a.overview.p95 ? b : a));
    goals.push({
      goal: `Class overview API p95 ≤ ${GOAL_OVERVIEW_P95} ms (35 × 60, every history size)`,
      value: cl.map((l) => `${f1(l.overview.p95)} ms @ ${int(l.attempts)}`).join(', '),
      pass: cl.every((l) => l.overview.p95 <= GOAL_OVERVIEW_P95),
      note: worst.overview.p95 > GOAL_OVERVIEW_P95 ? whereTime(worst.overviewProfile) : '',
    });
  }
  if (dl.length) {
    const l = last(dl)!;
    goals.push({
      goal: `District rollup API p95 ≤ ${GOAL_ROLLUP_P95} ms`,
      value: dl.map((x) => `${f1(x.rollup.p95)} ms @ ${int(x.attempts)}`).join(', '),
      pass: dl.every((x) => x.rollup.p95 <= GOAL_ROLLUP_P95),
      note: l.rollup.p95 > GOAL_ROLLUP_P95 ? whereTime(l.rollupProfile) : '',
    });
  }
  if (cl.length > 1) {
    const a = first(cl)!;
    const b = last(cl)!;
    const ratio = b.overview.p50 / a.overview.p50;
    goals.push({
      goal: `Class overview cost flat as history grows (p50 at ${int(b.attempts)} ≤ ${FLAT_RATIO}× p50 at ${int(a.attempts)})`,
      value: `${f1(a.overview.p50)} → ${f1(b.overview.p50)} ms (×${f2(ratio)}); naive ${f1(a.naive.p50)} → ${f1(b.naive.p50)} ms (×${f2(b.naive.p50 / a.naive.p50)})`,
      pass: ratio <= FLAT_RATIO,
      note: ratio > FLAT_RATIO ? growth(a.overviewProfile, b.overviewProfile) : '',
    });
  }
  if (dl.length > 1) {
    const a = first(dl)!;
    const b = last(dl)!;
    // The rollup's size is courses × skills with evidence, which grows while coverage fills
    // in (few skills per student at the first level), independently of history. The verdict
    // compares the smallest level whose rollup is within 10% of the final one's size.
    const same = dl.find((x) => x.rollupRows >= 0.9 * b.rollupRows)!;
    const ratio = b.rollup.p50 / same.rollup.p50;
    goals.push({
      goal: `District rollup cost flat as history grows (p50 at ${int(b.attempts)} ≤ ${FLAT_RATIO}× p50 at ${int(same.attempts)}, the first level with a rollup of the same size)`,
      value:
        same === b
          ? `only one level with the final rollup size (${int(b.rollupRows)} rows); ${f1(a.rollup.p50)} → ${f1(b.rollup.p50)} ms as rows grew ${int(a.rollupRows)} → ${int(b.rollupRows)}`
          : `${f1(same.rollup.p50)} → ${f1(b.rollup.p50)} ms (×${f2(ratio)}) with ${int(same.rollupRows)} → ${int(b.rollupRows)} rollup rows; naive ${f1(same.naive.p50)} → ${f1(b.naive.p50)} ms (×${f2(b.naive.p50 / same.naive.p50)})`,
      pass: same === b ? null : ratio <= FLAT_RATIO,
      note: same !== b && ratio > FLAT_RATIO ? growth(same.rollupProfile, b.rollupProfile) : '',
    });
    if (same !== a) {
      goals.push({
        goal: `(context) District rollup from ${int(a.attempts)} to ${int(b.attempts)} attempts`,
        value: `${f1(a.rollup.p50)} → ${f1(b.rollup.p50)} ms (×${f2(b.rollup.p50 / a.rollup.p50)}) while the rollup grew ${int(a.rollupRows)} → ${int(b.rollupRows)} rows (courses × skills with evidence); naive ${f1(a.naive.p50)} → ${f1(b.naive.p50)} ms (×${f2(b.naive.p50 / a.naive.p50)})`,
        pass: null,
        note: '',
      });
    }
    const ia = a.incremental1.ms;
    const ib = b.incremental1.ms;
    goals.push({
      goal: `Incremental refresh flat as history grows (refreshRollups after 1,000 new attempts in one course, at ${int(b.attempts)} ≤ ${FLAT_RATIO}× at ${int(a.attempts)}, and below the full recompute)`,
      value: `${f1(ia)} → ${f1(ib)} ms (×${f2(ib / ia)}); full recompute ${f1(a.full.ms)} → ${f1(b.full.ms)} ms`,
      pass: ib / ia <= FLAT_RATIO && ib < b.full.ms,
      note: '',
    });
  }
  goals.push({ goal: 'Correctness: API views = naive views = BKT replay (every level)', value: checks.length ? `${checks.length} differences` : 'identical', pass: checks.length === 0, note: checks.slice(0, 5).join('; ') });

  L.push('# Insights benchmark');
  L.push('');
  L.push(`Run \`npx tsx bench/insights/run.ts\` (\`npm run bench:insights\`), ${r.started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${f1((r.finished.getTime() - r.started.getTime()) / 60_000)} min. What is measured and how: \`bench/insights/README.md\`.`);
  L.push('');
  L.push('## Machine');
  L.push('');
  L.push(`- ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${gb(os.totalmem())} GB RAM, ${os.type()} ${os.release()}`);
  L.push(`- Node ${process.version}; PostgreSQL ${r.pgVersion} on the same machine (${Object.entries(r.pgSettings).map(([k, v]) => `${k}=${v}`).join(', ')})`);
  L.push(`- Load average (1/5/15 min): ${la(r.loadBefore)} at the start, ${la(r.loadAfter)} at the end — the machine is shared; other work running at the same time inflates every figure (Trellis and baselines alike, as they are interleaved)`);
  L.push(`- Disk: ${gb(r.diskAtStart)} GB free at the start; the bench database reached ${gb(r.dbBytes)} GB`);
  L.push('');
  L.push('## Sizes');
  L.push('');
  L.push('| | students | courses | skills | attempts (levels) |');
  L.push('|---|---:|---:|---:|---|');
  L.push(`| class | ${r.classP.students.length} (${r.classP.students.filter((s) => s.launched).length} launched) | 1 | ${r.classP.skills.length} | ${cl.map((l) => int(l.attempts)).join(' → ')} |`);
  if (r.districtP) L.push(`| district | ${int(r.districtP.students.length)} (${int(r.districtP.students.filter((s) => s.launched).length)} launched) | ${int(r.districtP.courses.length)} | ${r.districtP.skills.length} | ${dl.map((l) => int(l.attempts)).join(' → ')} |`);
  L.push('');
  if (r.sizing.length) {
    L.push('District size decision: ' + r.sizing.join('; ') + '.');
    L.push('');
  }
  L.push('Tables at the end: ' + r.finalSizes.map((t) => `${t.table} ${t.rows >= 0 ? `${int(t.rows)} rows` : 'never analyzed'}, ${gb(t.bytes)} GB`).join('; ') + ' (row counts are the planner\'s estimates).');
  L.push('');

  L.push('## Goals');
  L.push('');
  L.push('| Goal | Measured | Verdict |');
  L.push('|---|---|---|');
  for (const g of goals) L.push(`| ${g.goal} | ${g.value} | ${g.pass === null ? '—' : g.pass ? '**PASS**' : '**FAIL**'} |`);
  L.push('');
  const notes = goals.filter((g) => g.note && g.pass === false);
  if (notes.length) {
    L.push('Where the time goes for the goals that fail:');
    L.push('');
    for (const g of notes) L.push(`- ${g.goal}: ${g.note}`);
    L.push('');
  }

  if (cl.length) {
    L.push('## Class overview and drill-down (35 students × 60 skills)');
    L.push('');
    L.push('API = `GET /api/courses/:courseId/insights` (overview) and `GET /api/courses/:courseId/insights/students/:userId` (drill-down, rotating over the students) on Trellis, one request at a time, timed at the driver over loopback HTTP (server = its `Server-Timing: app;dur`). Naive = the mastery map from the attempt table on the driver\'s connection (SQL + assembly in Node; "SQL" = until the rows are in).');
    L.push('');
    L.push('| course attempts | load (1 min) | overview p50 | overview p95 | (server p50 / p95) | naive aggregate p50 | p95 | (SQL p50) | naive replay p50 | p95 | naive ÷ Trellis p50 | drill-down p50 | p95 | (server p50) | attempts of the drilled student |');
    L.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const l of cl) {
      L.push(
        `| ${int(l.attempts)} | ${f2(l.load1)} | ${f1(l.overview.p50)} ms | ${f1(l.overview.p95)} ms | ${f1(l.overview.serverP50)} / ${f1(l.overview.serverP95)} | ${f1(l.naive.p50)} ms | ${f1(l.naive.p95)} ms | ${f1(l.naive.serverP50)} | ${f1(l.replay.p50)} ms | ${f1(l.replay.p95)} ms | ×${f2(l.naive.p50 / l.overview.p50)} | ${f1(l.drill.p50)} ms | ${f1(l.drill.p95)} ms | ${f1(l.drill.serverP50)} | ${int(l.drillAttempts)} |`,
      );
    }
    L.push('');
    L.push(`Requests per level: overview ${cl[0]!.overview.n}, drill-down ${cl[0]!.drill.n}, naive aggregate ${cl[0]!.naive.n}, naive replay ${cl[0]!.replay.n}; response sizes: overview ${int(last(cl)!.overview.bytes)} B, drill-down ${int(last(cl)!.drill.bytes)} B at the largest history.`);
    L.push('');
    L.push('Where the time goes — the routes\' own functions (`loadClassOverview`, `loadStudentDetail`) run in the driver on a connection pool to the same database, each statement timed (median ms over ' + CONFIG.profileReps + ' runs; rows in brackets; for JSON.stringify, characters). The overview\'s course data and flag features run concurrently, so its wall time is less than the sum.');
    L.push('');
    L.push(profileTable(cl.map((l) => ({ label: `overview @ ${int(l.attempts)}`, prof: l.overviewProfile })).concat(cl.map((l) => ({ label: `drill-down @ ${int(l.attempts)}`, prof: l.drillProfile })))));
    L.push('');
  }

  if (dl.length) {
    L.push('## District rollup');
    L.push('');
    L.push('API = `GET /api/platform/rollup` with an admin launch (reads `course_skill_rollup`, kept by `refreshRollups`). Naive = the same numbers from every attempt of the platform (latest `p_known_after` per student × skill, then per course × skill), on the driver\'s connection with the server\'s default settings. The views are compared after each level (they must be equal).');
    L.push('');
    L.push('| district attempts | load (1 min) | estimates | rollup rows | rollup API p50 | p95 | (server p50 / p95) | naive p50 | naive p95 (runs) | naive ÷ Trellis p50 | district course overview p50 / p95 |');
    L.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const l of dl) {
      L.push(
        `| ${int(l.attempts)} | ${f2(l.load1)} | ${int(l.estimates)} | ${int(l.rollupRows)} | ${f1(l.rollup.p50)} ms | ${f1(l.rollup.p95)} ms | ${f1(l.rollup.serverP50)} / ${f1(l.rollup.serverP95)} | ${f1(l.naive.p50)} ms | ${f1(l.naive.p95)} ms (${l.naive.n}) | ×${f1(l.naive.p50 / l.rollup.p50)} | ${f1(l.courseOverview.p50)} / ${f1(l.courseOverview.p95)} ms |`,
      );
    }
    L.push('');
    L.push(`Rollup response: ${int(last(dl)!.rollup.bytes)} B. The district course overview is one course of ${Math.round(r.districtP!.students.length / r.districtP!.courses.length)} students with the same API as the class overview, to show it does not depend on the size of the tables around it.`);
    L.push('');
    L.push('### refreshRollups');
    L.push('');
    L.push('`refreshRollups(db, { settleMs: 0 })` from the driver (the job\'s code, its own transaction). Catch-up = the first refresh after seeding a level (every estimate written since the previous level). Full recompute = the same call after deleting its watermark.');
    L.push('');
    L.push('| district attempts | seeded (s) | VACUUM ANALYZE (s) | catch-up refresh | full recompute | after 1,000 new attempts in one course |');
    L.push('|---:|---:|---:|---:|---:|---:|');
    for (const l of dl) {
      L.push(`| ${int(l.attempts)} | ${f1(l.seedMs / 1000)} | ${f1(l.vacuumMs / 1000)} | ${f1(l.catchUp.ms)} ms (${int(l.catchUp.rows)} rows) | ${f1(l.full.ms)} ms (${int(l.full.rows)} rows) | ${f1(l.incremental1.ms)} ms (${int(l.incremental1.rows)} rows) |`);
    }
    L.push('');
    if (r.incremental.length) {
      L.push(`At the final size (${int(last(dl)!.attempts)} attempts + the batches), ${CONFIG.incrementalReps} batches per row, each followed by one timed refresh:`);
      L.push('');
      L.push('| new attempts since the last refresh | estimates touched per batch | rows recomputed | refresh p50 | max | ÷ full recompute |');
      L.push('|---|---:|---:|---:|---:|---:|');
      L.push(`| none (nothing changed) | 0 | 0 | ${f1(median(r.noop))} ms | ${f1(Math.max(...r.noop))} ms | ${f2(median(r.noop) / median(r.fullFinal))} |`);
      for (const i of r.incremental) L.push(`| ${i.label} | ${int(i.estimatesTouched)} | ${int(median(i.rows))} | ${f1(median(i.ms))} ms | ${f1(Math.max(...i.ms))} ms | ${f2(median(i.ms) / median(r.fullFinal))} |`);
      L.push(`| full recompute (${int(r.fullRows)} rows) | all | ${int(r.fullRows)} | ${f1(median(r.fullFinal))} ms | ${f1(Math.max(...r.fullFinal))} ms | 1.00 |`);
      L.push('');
    }
    L.push('Where the rollup route\'s time goes (`platformRollup` in the driver, each statement timed as it returns its rows to Node, median ms; for JSON.stringify, characters):');
    L.push('');
    L.push(profileTable(dl.map((l) => ({ label: `rollup @ ${int(l.attempts)}`, prof: l.rollupProfile }))));
    L.push('');
  }

  if (checks.length) {
    L.push('## Check failures');
    L.push('');
    for (const c of checks.slice(0, 30)) L.push(`- ${c}`);
    L.push('');
  }
  if (r.explains.length) {
    L.push('## Plans');
    L.push('');
    for (const e of r.explains) {
      L.push(`${e.title}:`);
      L.push('');
      L.push('```');
      L.push(planExcerpt(e.plan));
      L.push('```');
      L.push('');
    }
  }
  const ok = checks.length === 0;
  return { markdown: L.join('\n'), ok };
}

function profileTable(cols: { label: string; prof: Profile }[]): string {
  const kinds = [...new Set(cols.flatMap((c) => [...c.prof.statements.keys()]))];
  const out = [`| statement | ${cols.map((c) => c.label).join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`];
  for (const k of kinds) {
    out.push(`| ${k} | ${cols.map((c) => {
      const s = c.prof.statements.get(k);
      return s ? `${f2(s.ms)} (${int(s.rows)})` : '';
    }).join(' | ')} |`);
  }
  out.push(`| **wall time of the function** | ${cols.map((c) => `**${f2(c.prof.wallMs)}**`).join(' | ')} |`);
  return out.join('\n');
}

function whereTime(prof: Profile): string {
  const top = [...prof.statements.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 3);
  return `of ${f1(prof.wallMs)} ms in the route's functions: ${top.map(([k, s]) => `${k} ${f1(s.ms)} ms (${int(s.rows)} rows)`).join(', ')}`;
}

function growth(a: Profile, b: Profile): string {
  const rows = [...b.statements.entries()].map(([k, s]) => ({ k, from: a.statements.get(k)?.ms ?? 0, to: s.ms })).sort((x, y) => y.to - y.from - (x.to - x.from));
  return `the growth is in ${rows.slice(0, 2).map((x) => `${x.k} (${f1(x.from)} → ${f1(x.to)} ms)`).join(' and ')}`;
}

main().then(
  (code) => process.exit(process.exitCode || code),
  (err: unknown) => {
    log(`FAILED: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
