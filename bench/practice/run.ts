// bench/practice: attempt → mastery update → next item under 200 concurrent students,
// Trellis (running estimates) against a baseline that replays every past attempt, at
// several history sizes, in the same run. See bench/practice/README.md.
//
//   npx tsx bench/practice/run.ts        (npm run bench:practice)
//
// The driver (this process) creates a throw-away database, hosts the simulated LMS on a
// loopback port, registers it, starts both variants as child processes (server.ts), places
// one assignment through Deep Linking, launches the students through the LMS, then per
// history level: seeds history with SQL, runs warm-up, closed-loop and paced rounds in ABBA
// order, reads CPU from /proc and the servers' statement counters; checks the database at
// the end, writes bench/practice/RESULTS.md and cleans up.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { Client } from 'pg';
import pino from 'pino';
import { composeTrellis } from '../../server/compose';
import { loadConfig } from '../../server/config';
import { connectPostgres } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import type { AttemptResultView, PracticeItemView, PracticeStateView } from '../../server/http/contract';
import { builtinBank } from '../../server/practice/content/builtin-bank';
import type { AnswerSpec } from '../../server/practice/content/item';
import { createRng } from '../../server/practice/content/rng';
import { updateKnown, type BktParams } from '../../server/practice/model/bkt';
import { DEFAULT_COURSE_ID, ROLE, SimulatedPlatform } from '../../test/platform';
import { correctAnswer, wrongAnswer } from '../../test/support/practice';
import { httpRequest } from '../launch/load';
import { formatProfileSummary, summarizeProfile } from '../launch/cpu-profile';
import { cpuMs, memoryStatus } from '../launch/procfs';
import { machineBusyMs } from '../passback/pg-cpu';
import { buildReport, emptyWaits, VARIANT_NAME, VARIANTS, type LevelResult, type PhaseResult, type Variant, type WaitSamples } from './report';
import type { ServerStats } from './server';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS_FILE = path.join(ROOT, 'bench/practice/RESULTS.md');
const PANEL_HTML = path.join(ROOT, 'client/dist/index.html');
const DEPLOYMENT_ID = 'bench-deployment';
const CLIENT_ID = 'trellis-practice-bench';
const TEACHER = 'tch-kim';
const MASTERY_THRESHOLD = 0.95;

// ---- configuration ------------------------------------------------------------------

const num = (name: string, dflt: number, min = 0) => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min) throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return v;
};

const CONFIG = {
  baseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  students: Math.round(num('BENCH_STUDENTS', 200, 1)),
  /** Seeded attempts per student before each level (cumulative targets, ascending). */
  history: (process.env.BENCH_HISTORY?.trim() || '0,200,1000').split(',').map((s) => {
    const v = Number(s.trim());
    if (!Number.isInteger(v) || v < 0) throw new Error(`BENCH_HISTORY: bad value "${s}"`);
    return v;
  }),
  /** Attempts per student in each closed-loop round. */
  attempts: Math.round(num('BENCH_ATTEMPTS', 6, 1)),
  /** One-at-a-time rounds: attempts per round, students taking turns (0 to skip). */
  serial: Math.round(num('BENCH_SERIAL_ATTEMPTS', 100)),
  /** Unmeasured attempts per student per server once after start, 8 students at a time. */
  initialWarmup: Math.round(num('BENCH_INITIAL_WARMUP', 2)),
  /** Unmeasured attempts per student per variant before each level's rounds. */
  warmup: Math.round(num('BENCH_WARMUP', 2)),
  pCorrect: num('BENCH_P_CORRECT', 0.8),
  /** Paced rounds: aggregate attempts/s the think times aim at ("none"/0 to skip). */
  pacedRate: ['none', '0'].includes((process.env.BENCH_PACED_RATE ?? '').trim()) ? null : num('BENCH_PACED_RATE', 50, 1),
  pacedSeconds: num('BENCH_PACED_S', 4, 0.5),
  poolSize: Math.round(num('BENCH_POOL_SIZE', 10, 1)),
  roundCapS: num('BENCH_ROUND_CAP_S', 40, 1),
  /** Rounds with errors (each repeated once) before the run gives up. */
  maxFailedRounds: Math.round(num('BENCH_MAX_FAILED_ROUNDS', 6)),
  maxRunS: num('BENCH_MAX_RUN_S', 600, 10),
  write: process.env.BENCH_WRITE !== '0',
  /** Keep the bench database (for EXPLAIN and the like); its name is printed. */
  keepDb: process.env.BENCH_KEEP_DB === '1',
  /** Run both servers under node --cpu-prof and print a self-time summary (RESULTS.md is then not written). */
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  /** Experiment: a third server runs Trellis with named prepared statements (see server.ts). */
  prepared: process.env.BENCH_PREPARED === '1',
  skills: (process.env.BENCH_SKILLS?.trim() || '3.OA.C.7,3.NF.A.1,3.NF.A.3').split(',').map((s) => s.trim()),
};
if (CONFIG.pCorrect > 1) throw new Error('BENCH_P_CORRECT must be between 0 and 1');
for (let i = 1; i < CONFIG.history.length; i++) {
  if (CONFIG.history[i]! < CONFIG.history[i - 1]!) throw new Error('BENCH_HISTORY must be ascending (levels are cumulative)');
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** User and system CPU time of a process, ms (null if it is gone); /proc/<pid>/stat fields 14 and 15. */
function cpuSplit(pid: number): { user: number; sys: number } | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { user: (Number(f[11]) * 1000) / CLK_TCK, sys: (Number(f[12]) * 1000) / CLK_TCK };
  } catch {
    return null;
  }
}
const CLK_TCK = (() => {
  try {
    return Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  } catch {
    return 100;
  }
})();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** mulberry32: a small seeded PRNG (answers, think times). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- child processes ----------------------------------------------------------------

class ServerProcess {
  readonly proc: ChildProcess;
  readonly output: string[] = [];
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(
    readonly variant: Variant,
    readonly port: number,
    env: NodeJS.ProcessEnv,
    profileDir: string | null,
  ) {
    // node with tsx's loader: the child is the server process itself (no launcher in between).
    const prof = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    this.proc = spawn(process.execPath, [...prof, '--import', 'tsx', 'bench/practice/server.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.output.push(line);
        if (this.output.length > 200) this.output.shift();
        process.stderr.write(`[${variant}] ${line.slice(0, 300)}\n`);
      }
    };
    this.proc.stdout!.on('data', onData);
    this.proc.stderr!.on('data', onData);
    this.proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
    });
  }

  get pid(): number {
    return this.proc.pid!;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async waitReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${this.variant} server exited during start (${JSON.stringify(this.exited)}):\n${this.output.slice(-20).join('\n')}`);
      const ok = await fetch(`${this.base}/healthz`, { signal: AbortSignal.timeout(2_000) })
        .then(async (r) => (await r.arrayBuffer(), r.status === 200))
        .catch(() => false);
      if (ok) return;
      await sleep(200);
    }
    throw new Error(`${this.variant} server not ready within ${timeoutMs / 1000} s:\n${this.output.slice(-20).join('\n')}`);
  }

  async stats(reset: boolean): Promise<ServerStats> {
    const res = await fetch(`${this.base}/__bench/stats${reset ? '?reset=1' : ''}`, { signal: AbortSignal.timeout(10_000) });
    if (res.status !== 200) throw new Error(`${this.variant} /__bench/stats answered ${res.status}`);
    return (await res.json()) as ServerStats;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    try {
      process.kill(this.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(8_000)]);
    this.kill();
  }

  kill(): void {
    try {
      process.kill(-this.pid, 'SIGKILL');
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

// ---- launches -----------------------------------------------------------------------

/** The browser flow: login at Trellis, the LMS's /auth over HTTP, the form post back; returns the boot token. */
async function launchForToken(toolBase: string, platform: SimulatedPlatform, opts: Parameters<SimulatedPlatform['loginInitiationParams']>[0]): Promise<string> {
  const login = await fetch(`${toolBase}/lti/login?${new URLSearchParams(platform.loginInitiationParams(opts))}`, { redirect: 'manual' });
  await login.arrayBuffer();
  if (login.status !== 302) throw new Error(`login answered ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const auth = await fetch(login.headers.get('location')!);
  const html = await auth.text();
  if (auth.status !== 200) throw new Error(`LMS /auth answered ${auth.status}: ${html.slice(0, 200)}`);
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  const res = await fetch(`${toolBase}/lti/launch`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ id_token: field('id_token') ?? '', state: field('state') ?? '' }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`launch answered ${res.status}: ${body.slice(0, 300)}`);
  const m = /<script id="trellis-boot" type="application\/json">([\s\S]*?)<\/script>/.exec(body);
  if (!m) throw new Error('launch response has no boot data');
  return (JSON.parse(m[1]!) as { token: string }).token;
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

// ---- answers ------------------------------------------------------------------------

/**
 * The answer spec of served items, regenerated from template + seed like
 * test/support/practice.ts answerSpecOf, with the lookups of all students batched into one
 * query per event-loop turn on one connection (whose backend is left out of PostgreSQL CPU).
 */
class AnswerBook {
  private waiting = new Map<string, { resolve: (s: AnswerSpec) => void; reject: (e: Error) => void }[]>();
  private scheduled = false;
  /** The query in flight: the next batch waits for it (one connection, one query at a time). */
  private running: Promise<void> = Promise.resolve();
  lookups = 0;
  queries = 0;

  constructor(private readonly client: Client) {}

  spec(servedItemId: string): Promise<AnswerSpec> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(servedItemId) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(servedItemId, list);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.running = this.running.then(() => this.flush());
        });
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = new Map();
    this.queries++;
    this.lookups += batch.size;
    try {
      const { rows } = await this.client.query<{ id: string; template_key: string | null; seed: number | null; locale: 'en' | 'es' }>(
        `SELECT id, template_key, seed, locale FROM served_item WHERE id = ANY($1::uuid[])`,
        [[...batch.keys()]],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const [id, waiters] of batch) {
        const row = byId.get(id);
        const template = row?.template_key ? builtinBank.template(row.template_key) : undefined;
        if (!row || !template || row.seed === null) {
          for (const w of waiters) w.reject(new Error(`served item ${id}: no built-in template to compute the answer from`));
          continue;
        }
        const spec = template.generate(createRng(row.seed), row.locale).answer;
        for (const w of waiters) w.resolve(spec);
      }
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err as Error);
    }
  }
}

// ---- students -----------------------------------------------------------------------

interface Student {
  sub: string;
  userId: string;
  token: string;
  item: PracticeItemView;
  rnd: () => number;
  /** Attempts answered 200 (all variants). */
  answered: number;
}

interface Sample {
  clientMs: number;
  serverMs: number;
  correct: boolean;
}

const SERVER_TIMING = /(?:^|,)\s*app;dur=([\d.]+)/;

async function attemptOnce(target: { base: string; agent: http.Agent; variant: Variant }, s: Student, answers: AnswerBook): Promise<Sample> {
  const item = s.item;
  const spec = await answers.spec(item.id);
  const correct = s.rnd() < CONFIG.pCorrect;
  const answer = correct ? correctAnswer(spec) : wrongAnswer(spec, item.choices?.map((c) => c.id));
  const body = JSON.stringify({ answer, idempotencyKey: crypto.randomUUID(), timeOnTaskMs: 4_000 + Math.floor(s.rnd() * 20_000) });
  const url = new URL(`/api/practice/items/${item.id}/attempts`, target.base);
  const t0 = performance.now();
  const res = await httpRequest(target.agent, 'POST', url, { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' }, body);
  const clientMs = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${target.variant} ${s.sub}: attempt answered ${res.status}: ${res.body.slice(0, 300)}`);
  const timing = SERVER_TIMING.exec(String(res.headers['server-timing'] ?? ''));
  if (!timing) throw new Error(`${target.variant}: attempt response without Server-Timing app;dur`);
  const view = JSON.parse(res.body) as AttemptResultView;
  if (!view.attemptId || !view.next) throw new Error(`${target.variant} ${s.sub}: attempt response without attemptId or next item`);
  if (view.correct !== correct) {
    throw new Error(`${target.variant} ${s.sub}: answered ${correct ? 'correctly' : 'wrongly'} (${JSON.stringify(answer)}) but the server judged it ${view.correct ? 'correct' : 'incorrect'}`);
  }
  s.item = view.next;
  s.answered++;
  return { clientMs, serverMs: Number(timing[1]), correct };
}

interface LoopResult {
  samples: Sample[];
  errors: string[];
  wallMs: number;
}

/** Closed loop: every student submits `perStudent` attempts back to back, all students at once. */
async function closedLoop(target: { base: string; agent: http.Agent; variant: Variant }, students: Student[], perStudent: number, answers: AnswerBook): Promise<LoopResult> {
  const samples: Sample[] = [];
  const errors: string[] = [];
  const t0 = performance.now();
  const deadline = t0 + CONFIG.roundCapS * 1000;
  await Promise.all(
    students.map(async (s) => {
      for (let k = 0; k < perStudent && errors.length < 5 && performance.now() < deadline; k++) {
        try {
          samples.push(await attemptOnce(target, s, answers));
        } catch (err) {
          errors.push((err as Error).message);
          return;
        }
      }
    }),
  );
  const wallMs = performance.now() - t0;
  if (samples.length < students.length * perStudent && errors.length === 0) {
    errors.push(`round hit BENCH_ROUND_CAP_S=${CONFIG.roundCapS} s after ${samples.length} of ${students.length * perStudent} attempts`);
  }
  return { samples, errors, wallMs };
}

/** One attempt at a time: the students take turns, nothing else in flight (service time without queueing). */
async function serialLoop(target: { base: string; agent: http.Agent; variant: Variant }, students: Student[], count: number, offset: number, answers: AnswerBook): Promise<LoopResult> {
  const samples: Sample[] = [];
  const errors: string[] = [];
  const t0 = performance.now();
  const deadline = t0 + CONFIG.roundCapS * 1000;
  for (let k = 0; k < count && performance.now() < deadline; k++) {
    try {
      samples.push(await attemptOnce(target, students[(offset + k) % students.length]!, answers));
    } catch (err) {
      errors.push((err as Error).message);
      break;
    }
  }
  if (samples.length < count && errors.length === 0) errors.push(`round hit BENCH_ROUND_CAP_S=${CONFIG.roundCapS} s after ${samples.length} of ${count} attempts`);
  return { samples, errors, wallMs: performance.now() - t0 };
}

/** Paced: each student thinks (exponential, mean students ÷ rate) before each attempt, for `seconds`. */
async function pacedLoop(target: { base: string; agent: http.Agent; variant: Variant }, students: Student[], rate: number, seconds: number, answers: AnswerBook): Promise<LoopResult> {
  const samples: Sample[] = [];
  const errors: string[] = [];
  const meanThinkMs = (students.length * 1000) / rate;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let lastDone = t0;
  await Promise.all(
    students.map(async (s) => {
      // Exponential from the start too (memoryless), so the rate is the offered one from the first second.
      let wait = -Math.log(1 - s.rnd()) * meanThinkMs;
      for (;;) {
        if (performance.now() + wait >= end || errors.length >= 5) return;
        await sleep(wait);
        try {
          samples.push(await attemptOnce(target, s, answers));
          lastDone = performance.now();
        } catch (err) {
          errors.push((err as Error).message);
          return;
        }
        wait = -Math.log(1 - s.rnd()) * meanThinkMs;
      }
    }),
  );
  return { samples, errors, wallMs: Math.max(seconds * 1000, lastDone - t0) };
}

// ---- PostgreSQL ---------------------------------------------------------------------

class PgWatch {
  constructor(
    private readonly admin: Client,
    private readonly dbName: string,
    /** Backend pids left out of the CPU figures (the driver's own connections). */
    private readonly exclude: Set<number>,
  ) {}

  /** pid → user/system CPU ms of every backend of the bench database (null if not visible). */
  async cpu(): Promise<Map<number, { user: number; sys: number }> | null> {
    const { rows } = await this.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [this.dbName]);
    const out = new Map<number, { user: number; sys: number }>();
    for (const { pid } of rows) {
      if (this.exclude.has(pid)) continue;
      const v = cpuSplit(pid);
      if (v !== null) out.set(pid, v);
    }
    return rows.length > 0 && out.size === 0 && rows.some((r) => !this.exclude.has(r.pid)) ? null : out;
  }

  /** CPU used between two samples; a backend that appeared in between counts from zero. */
  static delta(before: Map<number, { user: number; sys: number }> | null, after: Map<number, { user: number; sys: number }> | null): { total: number; sys: number } | null {
    if (!before || !after) return null;
    let total = 0;
    let sys = 0;
    for (const [pid, v] of after) {
      const b = before.get(pid) ?? { user: 0, sys: 0 };
      total += v.user - b.user + (v.sys - b.sys);
      sys += v.sys - b.sys;
    }
    return { total, sys };
  }

  /** Samples pg_stat_activity every `everyMs` until stop() is called. */
  sampleWaits(everyMs = 50): () => Promise<WaitSamples> {
    const w = emptyWaits();
    let stopped = false;
    const exclude = [...this.exclude];
    const loop = (async () => {
      while (!stopped) {
        const { rows } = await this.admin.query<{ wt: string | null; we: string | null; state: string; q: string }>(
          `SELECT wait_event_type AS wt, wait_event AS we, state, left(regexp_replace(query, '\\s+', ' ', 'g'), 48) AS q
             FROM pg_stat_activity
            WHERE datname = $1 AND state <> 'idle' AND pid <> pg_backend_pid() AND NOT (pid = ANY($2::int[]))`,
          [this.dbName, exclude],
        );
        w.samples++;
        for (const r of rows) {
          w.busy++;
          if (r.wt === 'Lock') w.lockWaits++;
          const what = r.state === 'idle in transaction' ? 'in transaction, waiting for the app' : r.wt ? `${r.wt}:${r.we}` : 'running (CPU)';
          const key = `${what} — ${r.q}`;
          w.events.set(key, (w.events.get(key) ?? 0) + 1);
        }
        await sleep(everyMs);
      }
    })();
    return async () => {
      stopped = true;
      await loop;
      return w;
    };
  }
}

interface Scope {
  platformId: string;
  contextId: string;
  assignmentId: string;
  resourceLinkId: string;
  /** The assignment's target skills (and prerequisites): what the practice path reads. */
  skills: string[];
}

/**
 * Seeds attempts per student so each has `to` seeded attempts (from `from`), dated before
 * the run and cycling over the assignment's skills, like test/practice/refit.test.ts.
 */
async function seedHistory(db: Client, scope: Scope, userIds: string[], from: number, to: number, t0: Date): Promise<number> {
  if (to <= from) return 0;
  const templates = scope.skills.map((code) => {
    const t = builtinBank.templatesFor(code)[0];
    if (!t) throw new Error(`no built-in template for ${code}`);
    return t.key;
  });
  let rows = 0;
  const chunk = Math.max(1, Math.floor(20_000 / (to - from)));
  for (let i = 0; i < userIds.length; i += chunk) {
    const res = await db.query(
      `WITH input AS MATERIALIZED (
         SELECT u.user_id, g.i, ($6::text[])[1 + g.i % cardinality($6::text[])] AS skill,
                ($7::text[])[1 + g.i % cardinality($7::text[])] AS template, random() < $10 AS correct
           FROM unnest($5::uuid[]) AS u(user_id), generate_series($8::int, $9::int - 1) AS g(i)),
       served AS (
         INSERT INTO served_item (platform_id, context_id, user_id, assignment_id, resource_link_id, skill_code, template_key, seed,
                                  locale, explanation, served_at, answered_at)
         SELECT $1, $2, user_id, $3, $4, skill, template, i, 'en', jsonb_build_object('rule', 'keep-learning', 'skill', skill, 'seeded', true),
                $11::timestamptz + i * interval '1 minute', $11::timestamptz + i * interval '1 minute' + interval '20 seconds'
           FROM input
         RETURNING id, user_id, seed)
       INSERT INTO attempt (served_item_id, platform_id, context_id, user_id, assignment_id, skill_code, idempotency_key, answer, correct,
                            feedback, hints_used, time_on_task_ms, p_known_before, p_known_after, model_version, created_at)
       SELECT s.id, $1, $2, s.user_id, $3, input.skill, gen_random_uuid(), 'seeded', input.correct,
              CASE WHEN input.correct THEN 'correct' ELSE 'incorrect' END, 0, 20000, 0.5, 0.5, 1,
              $11::timestamptz + input.i * interval '1 minute' + interval '20 seconds'
         FROM served s JOIN input ON input.user_id = s.user_id AND input.i = s.seed`,
      [scope.platformId, scope.contextId, scope.assignmentId, scope.resourceLinkId, userIds.slice(i, i + chunk), scope.skills, templates, from, to, CONFIG.pCorrect, t0],
    );
    rows += res.rowCount ?? 0;
  }
  return rows;
}

interface Replayed {
  userId: string;
  skill: string;
  p: number;
  n: number;
  correct: number;
  last: Date;
}

/** Every student's estimates, replayed from all stored attempts (the same order and BKT update as the replay baseline). */
async function replayAll(db: Client, scope: Scope): Promise<Replayed[]> {
  const models = new Map(
    (
      await db.query<{ skill_code: string; p_init: number; p_learn: number; p_guess: number; p_slip: number; p_forget: number }>(
        `SELECT DISTINCT ON (skill_code) skill_code, p_init, p_learn, p_guess, p_slip, p_forget FROM skill_model ORDER BY skill_code, version DESC`,
      )
    ).rows.map((r) => [r.skill_code, { pInit: r.p_init, pLearn: r.p_learn, pGuess: r.p_guess, pSlip: r.p_slip, pForget: r.p_forget } as BktParams]),
  );
  const { rows } = await db.query<{ user_id: string; skill_code: string; correct: boolean; created_at: Date }>(
    `SELECT user_id, skill_code, correct, created_at FROM attempt WHERE context_id = $1 AND skill_code = ANY($2::text[])
      ORDER BY user_id, skill_code, created_at, id`,
    [scope.contextId, scope.skills],
  );
  const out: Replayed[] = [];
  let cur: Replayed | null = null;
  for (const r of rows) {
    if (!cur || cur.userId !== r.user_id || cur.skill !== r.skill_code) {
      const params = models.get(r.skill_code);
      if (!params) throw new Error(`no skill_model for ${r.skill_code}`);
      cur = { userId: r.user_id, skill: r.skill_code, p: params.pInit, n: 0, correct: 0, last: r.created_at };
      out.push(cur);
    }
    const params = models.get(r.skill_code)!;
    cur.p = updateKnown(cur.p, r.correct, params);
    cur.n++;
    if (r.correct) cur.correct++;
    cur.last = r.created_at;
  }
  return out;
}

/** Rebuilds mastery_estimate and the assignment counters from every stored attempt. */
async function rebuildEstimates(db: Client, scope: Scope): Promise<void> {
  const replayed = await replayAll(db, scope);
  const version = (await db.query<{ v: number }>(`SELECT max(version)::int AS v FROM skill_model WHERE skill_code = ANY($1::text[])`, [scope.skills])).rows[0]!.v;
  await db.query('BEGIN');
  try {
    await db.query(
      `INSERT INTO mastery_estimate AS m (context_id, user_id, skill_code, p_known, evidence_count, correct_count, model_version,
                                         mastered_at, review_count, last_practiced_at, updated_at)
       SELECT $1, r.user_id, r.skill, r.p, r.n, r.c, $3, CASE WHEN r.p >= $4 THEN r.last END, 0, r.last, now()
         FROM jsonb_to_recordset($2::jsonb) AS r(user_id uuid, skill text, p double precision, n int, c int, last timestamptz)
       ON CONFLICT (context_id, user_id, skill_code) DO UPDATE SET
         p_known = EXCLUDED.p_known, evidence_count = EXCLUDED.evidence_count, correct_count = EXCLUDED.correct_count,
         model_version = EXCLUDED.model_version,
         mastered_at = CASE WHEN EXCLUDED.p_known >= $4 THEN coalesce(m.mastered_at, EXCLUDED.mastered_at) END,
         review_count = CASE WHEN EXCLUDED.p_known >= $4 THEN m.review_count ELSE 0 END,
         last_practiced_at = EXCLUDED.last_practiced_at, updated_at = now()`,
      [scope.contextId, JSON.stringify(replayed.map((r) => ({ user_id: r.userId, skill: r.skill, p: r.p, n: r.n, c: r.correct, last: r.last.toISOString() }))), version, MASTERY_THRESHOLD],
    );
    await db.query(
      `INSERT INTO assignment_progress AS ap (assignment_id, user_id, context_id, items_answered, items_correct)
       SELECT $1, user_id, $2, count(*), count(*) FILTER (WHERE correct) FROM attempt WHERE assignment_id = $1 GROUP BY user_id
       ON CONFLICT (assignment_id, user_id) DO UPDATE SET items_answered = EXCLUDED.items_answered, items_correct = EXCLUDED.items_correct, updated_at = now()`,
      [scope.assignmentId, scope.contextId],
    );
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
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
    // 0. The launch answers with the built client's page, which carries the API token.
    if (!fs.existsSync(PANEL_HTML)) {
      log('client/dist/index.html missing: building the client');
      const r = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'client/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
      if (r.status !== 0) throw new Error('client build failed');
    }

    // 1. A fresh database on a loopback PostgreSQL.
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
    for (const name of ['shared_buffers', 'synchronous_commit', 'fsync', 'max_connections']) {
      pgSettings[name] = (await admin.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
    }
    log(`database ${dbName} on PostgreSQL ${pgVersion}`);

    // 2. The simulated LMS, on a loopback port in this process. Trellis's PUBLIC_URL is the
    //    first server's address; both servers share it (two instances of one deployment).
    const lms = express();
    const lmsServer: Server = await new Promise((resolve) => {
      const s = lms.listen(0, '127.0.0.1', () => resolve(s));
    });
    cleanups.push(async () => {
      lmsServer.closeAllConnections();
      await new Promise<void>((r) => lmsServer.close(() => r()));
    });
    const lmsBase = `http://127.0.0.1:${(lmsServer.address() as AddressInfo).port}`;
    const variants: Variant[] = CONFIG.prepared ? [...VARIANTS, 'prepared'] : [...VARIANTS];
    const ports: Partial<Record<Variant, number>> = {};
    for (const v of variants) {
      let port = await freePort();
      while (Object.values(ports).includes(port)) port = await freePort();
      ports[v] = port;
    }
    const publicUrl = `http://127.0.0.1:${ports.trellis!}`;
    const platform = await SimulatedPlatform.create({
      issuer: `${lmsBase}/lms`,
      name: 'Bench LMS',
      tool: {
        clientId: CLIENT_ID,
        deploymentId: DEPLOYMENT_ID,
        loginUrl: `${publicUrl}/lti/login`,
        launchUrl: `${publicUrl}/lti/launch`,
        redirectUris: [`${publicUrl}/lti/launch`],
        jwksUrl: `${publicUrl}/lti/jwks`,
      },
    });
    lms.use('/lms', platform.router);
    const subs = Array.from({ length: CONFIG.students }, (_, i) => `bench-stu-${String(i + 1).padStart(4, '0')}`);
    for (const [i, sub] of subs.entries()) {
      platform.addMember(DEFAULT_COURSE_ID, { sub, name: `Student ${i + 1}`, given_name: 'Student', family_name: String(i + 1), roles: [ROLE.learner, ROLE.institutionStudent] });
    }

    // 3. Schema, tool key, skill catalog and the platform registration, from the driver.
    const encryptionKey = crypto.randomBytes(32).toString('hex');
    {
      const db = await connectPostgres({ url: dbUrl, poolSize: 2 });
      try {
        await migrate(db);
        const config = loadConfig({ DATABASE_URL: dbUrl, TRELLIS_ENCRYPTION_KEY: encryptionKey, PUBLIC_URL: publicUrl, LOG_LEVEL: 'silent' });
        const trellis = composeTrellis({ config, db, logger: pino({ level: 'silent' }) });
        await trellis.toolKeys.ensureActiveKey();
        await trellis.practice.catalog.ready();
        await trellis.registry.register({
          issuer: platform.issuer,
          clientId: CLIENT_ID,
          name: platform.name,
          authLoginUrl: platform.authUrl,
          authTokenUrl: platform.tokenUrl,
          jwksUrl: platform.jwksUrl,
          deploymentIds: [DEPLOYMENT_ID],
        });
      } finally {
        await db.close();
      }
    }

    // 4. Both variants as child processes.
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl,
      DATABASE_POOL_SIZE: String(CONFIG.poolSize),
      TRELLIS_ENCRYPTION_KEY: encryptionKey,
      PUBLIC_URL: publicUrl,
      HOST: '127.0.0.1',
      DEMO: 'false',
    };
    delete baseEnv.DEBUG;
    delete baseEnv.BENCH_PREPARED;
    const profDir = CONFIG.cpuProf ? fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-practice-prof-')) : null;
    const envOf: Record<Variant, NodeJS.ProcessEnv> = {
      trellis: { BENCH_MASTERY_MODE: 'incremental' },
      baseline: { BENCH_MASTERY_MODE: 'replay' },
      prepared: { BENCH_MASTERY_MODE: 'incremental', BENCH_PREPARED: '1' },
    };
    const servers = {} as Record<Variant, ServerProcess>;
    for (const v of variants) servers[v] = new ServerProcess(v, ports[v]!, { ...baseEnv, ...envOf[v], PORT: String(ports[v]) }, profDir);
    for (const v of variants) cleanups.push(() => servers[v].stop());
    process.once('exit', () => variants.forEach((v) => servers[v].kill()));
    await Promise.all(variants.map((v) => servers[v].waitReady()));
    log(`servers ready: ${variants.map((v) => `${VARIANT_NAME[v]} ${servers[v].base} (pid ${servers[v].pid})`).join(', ')}; LMS ${lmsBase}`);

    // 5. The teacher places the assignment through Deep Linking (as test/support/practice.ts does).
    const teacherToken = await launchForToken(publicUrl, platform, { userSub: TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const dl = await fetch(`${publicUrl}/api/deep-linking/response`, {
      method: 'POST',
      headers: { authorization: `Bearer ${teacherToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ title: 'Bench practice', skills: CONFIG.skills, goal: { kind: 'mastery' }, dueAt: null, points: 10 }] }),
    });
    const dlBody = (await dl.json()) as { returnUrl: string; jwt: string };
    if (dl.status !== 201) throw new Error(`deep-linking response answered ${dl.status}: ${JSON.stringify(dlBody).slice(0, 300)}`);
    const back = await fetch(dlBody.returnUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ JWT: dlBody.jwt }) });
    await back.arrayBuffer();
    if (back.status !== 200) throw new Error(`the LMS refused the deep-linking response: ${back.status} ${platform.deepLinkReturns.at(-1)?.reason ?? ''}`);
    const linkId = platform.deepLinkReturns.at(-1)!.created[0]!.resourceLinkId;

    // 6. Every student launches through the LMS and loads the practice panel once.
    const launchStart = performance.now();
    const tokens = new Map<string, string>();
    await pool(subs, 8, async (sub) => {
      tokens.set(sub, await launchForToken(publicUrl, platform, { userSub: sub, resourceLinkId: linkId }));
    });
    const launchMs = performance.now() - launchStart;
    const initialStates = new Map<string, PracticeStateView>();
    await pool(subs, 8, async (sub) => {
      const res = await fetch(`${publicUrl}/api/practice`, { headers: { authorization: `Bearer ${tokens.get(sub)}` } });
      const body = (await res.json()) as PracticeStateView;
      if (res.status !== 200 || !body.item) throw new Error(`GET /api/practice for ${sub} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      initialStates.set(sub, body);
    });
    log(`${subs.length} students launched in ${(launchMs / 1000).toFixed(1)} s`);

    const benchDb = new Client({ connectionString: dbUrl });
    await benchDb.connect();
    cleanups.push(() => benchDb.end());
    const lookupDb = new Client({ connectionString: dbUrl });
    await lookupDb.connect();
    cleanups.push(() => lookupDb.end());
    const driverPids = new Set<number>();
    for (const c of [benchDb, lookupDb]) driverPids.add((await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
    const answers = new AnswerBook(lookupDb);
    const pg = new PgWatch(admin, dbName, driverPids);

    const people = (
      await benchDb.query<{ sub: string; user_id: string; platform_id: string; context_id: string; assignment_id: string; resource_link_id: string }>(
        `SELECT u.sub, ps.user_id, ps.platform_id, ps.context_id, ps.assignment_id, ls.resource_link_id
           FROM practice_session ps JOIN app_user u ON u.id = ps.user_id JOIN launch_session ls ON ls.id = ps.id`,
      )
    ).rows;
    const bySub = new Map(people.map((p) => [p.sub, p]));
    const first = people[0];
    if (!first || people.length !== subs.length || subs.some((s) => !bySub.has(s))) throw new Error(`expected ${subs.length} practice sessions, found ${people.length}`);
    const graphSkills = (await benchDb.query<{ code: string }>(
      `SELECT code FROM skill s JOIN skill_set ss ON ss.id = s.skill_set_id WHERE ss.platform_id IS NULL
          AND (s.code = ANY($1::text[]) OR s.standard = ANY($1::text[])) ORDER BY s.position`,
      [CONFIG.skills],
    )).rows.map((r) => r.code);
    const scope: Scope = { platformId: first.platform_id, contextId: first.context_id, assignmentId: first.assignment_id, resourceLinkId: first.resource_link_id, skills: [...new Set(graphSkills)] };
    if (people.some((p) => p.assignment_id !== scope.assignmentId || p.context_id !== scope.contextId)) throw new Error('students are not all on the same assignment');
    for (const s of initialStates.values()) {
      if (!scope.skills.includes(s.item!.skill.code)) throw new Error(`served skill ${s.item!.skill.code} is not one of the assignment's ${scope.skills.join(', ')}`);
    }
    log(`assignment ${scope.assignmentId}: skills ${scope.skills.join(', ')}`);

    const students: Student[] = subs.map((sub, i) => ({
      sub,
      userId: bySub.get(sub)!.user_id,
      token: tokens.get(sub)!,
      item: initialStates.get(sub)!.item!,
      rnd: seeded(1_000 + i),
      answered: 0,
    }));
    const userIds = students.map((s) => s.userId);

    // Each server resolves a launch's assignment once per session (cached for a minute); let
    // every student open the panel on every server, 8 at a time, before the first round, as
    // a browser would on load, instead of 200 cold resolutions in the first burst.
    for (const v of variants) {
      if (v === 'trellis') continue; // done above through PUBLIC_URL (= this server)
      await pool(students, 8, async (s) => {
        const res = await fetch(`${servers[v].base}/api/practice`, { headers: { authorization: `Bearer ${s.token}` } });
        const body = (await res.json()) as PracticeStateView;
        if (res.status !== 200 || body.item?.id !== s.item.id) throw new Error(`GET /api/practice on ${VARIANT_NAME[v]} for ${s.sub}: ${res.status}, item ${body.item?.id} (expected ${s.item.id})`);
      });
    }

    // A fresh node process runs cold code (tsx-compiled, not yet optimised by V8) several
    // times slower; 200 students at once on it would measure start-up, not steady state.
    // So each server first gets a gentle warm-up: every student answers twice, 8 at a time.
    const initialWarmupStart = performance.now();
    for (const v of variants) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
      const target = { base: servers[v].base, agent, variant: v };
      for (let k = 0; k < CONFIG.initialWarmup; k++) await pool(students, 8, async (s) => void (await attemptOnce(target, s, answers)));
      agent.destroy();
    }
    log(`initial warm-up: ${CONFIG.initialWarmup} attempts per student on each server, 8 at a time, in ${((performance.now() - initialWarmupStart) / 1000).toFixed(1)} s`);

    // 7. Levels.
    const seedEpoch = new Date(started.getTime() - 30 * 86_400_000);
    let seededPerStudent = 0;
    let seededRows = 0;
    const levels: LevelResult[] = [];
    const outboxCount = async () => Number((await benchDb.query<{ n: string }>('SELECT count(*) AS n FROM outbox')).rows[0]!.n);
    const historyPerStudent = async () =>
      Number((await benchDb.query<{ n: string }>('SELECT count(*) AS n FROM attempt WHERE context_id = $1 AND skill_code = ANY($2::text[])', [scope.contextId, scope.skills])).rows[0]!.n) / students.length;

    let serialOffset = 0;
    let failedRounds = 0;
    const runPhase = async (variant: Variant, kind: PhaseResult['kind'], round: number, of: number, level: LevelResult): Promise<PhaseResult> => {
      checkAborted();
      const server = servers[variant];
      const others = variants.filter((v) => v !== variant).map((v) => servers[v]);
      const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
      const target = { base: server.base, agent, variant };
      await server.stats(true);
      const outbox0 = await outboxCount();
      const cpu0 = cpuSplit(server.pid);
      const idleCpu = () => others.reduce((sum, o) => sum + (cpuMs(o.pid) ?? NaN), 0);
      const idle0 = idleCpu();
      const pg0 = await pg.cpu();
      const machine0 = machineBusyMs();
      const drv0 = process.cpuUsage();
      const stopWaits = kind === 'warmup' ? null : pg.sampleWaits();
      const r =
        kind === 'paced'
          ? await pacedLoop(target, students, CONFIG.pacedRate!, CONFIG.pacedSeconds, answers)
          : kind === 'serial'
            ? await serialLoop(target, students, CONFIG.serial, (serialOffset += CONFIG.serial) - CONFIG.serial, answers)
            : await closedLoop(target, students, kind === 'warmup' ? CONFIG.warmup : CONFIG.attempts, answers);
      const drv = process.cpuUsage(drv0);
      const machine1 = machineBusyMs();
      const cpu1 = cpuSplit(server.pid);
      const idle1 = idleCpu();
      const waits = stopWaits ? await stopWaits() : emptyWaits();
      const pg1 = await pg.cpu();
      const pgDelta = PgWatch.delta(pg0, pg1);
      const stats = await server.stats(true);
      agent.destroy();
      const phase: PhaseResult = {
        variant,
        kind,
        round,
        of,
        attempts: r.samples.length,
        errors: r.errors,
        wallMs: r.wallMs,
        clientMs: r.samples.map((s) => s.clientMs),
        serverMs: r.samples.map((s) => s.serverMs),
        correct: r.samples.filter((s) => s.correct).length,
        offeredPerS: kind === 'paced' ? CONFIG.pacedRate : null,
        costs: {
          serverCpuMs: cpu0 && cpu1 ? cpu1.user + cpu1.sys - cpu0.user - cpu0.sys : NaN,
          serverSysMs: cpu0 && cpu1 ? cpu1.sys - cpu0.sys : NaN,
          idleServerCpuMs: idle1 - idle0,
          pgCpuMs: pgDelta?.total ?? null,
          pgSysMs: pgDelta?.sys ?? null,
          driverCpuMs: (drv.user + drv.system) / 1000,
          machineBusyMs: machine0 === null || machine1 === null ? null : machine1 - machine0,
        },
        server: stats,
        waits,
        scoresQueued: (await outboxCount()) - outbox0,
      };
      level.phases.push(phase);
      const sorted = [...phase.serverMs].sort((a, b) => a - b);
      const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))] ?? NaN;
      log(
        `history ${level.seededPerStudent}: ${kind}${round ? ` ${round}/${of}` : ''} ${VARIANT_NAME[variant]}: ${phase.attempts} attempts in ${(phase.wallMs / 1000).toFixed(1)} s (${((phase.attempts * 1000) / phase.wallMs).toFixed(0)}/s), server p50 ${p(50).toFixed(2)} ms p95 ${p(95).toFixed(2)} ms, CPU/attempt server ${(phase.costs.serverCpuMs / Math.max(1, phase.attempts)).toFixed(2)} ms PG ${phase.costs.pgCpuMs === null ? 'n/a' : (phase.costs.pgCpuMs / Math.max(1, phase.attempts)).toFixed(2)} ms${phase.errors.length ? ` — ${phase.errors.length} ERRORS: ${phase.errors[0]}` : ''}`,
      );
      return phase;
    };

    for (const [li, target] of CONFIG.history.entries()) {
      checkAborted();
      const seedStart = performance.now();
      if (target > seededPerStudent) {
        log(`seeding history: ${seededPerStudent} → ${target} attempts per student`);
        seededRows += await seedHistory(benchDb, scope, userIds, seededPerStudent, target, seedEpoch);
        seededPerStudent = target;
        await rebuildEstimates(benchDb, scope);
        await benchDb.query('VACUUM (ANALYZE) served_item, attempt, mastery_estimate, assignment_progress, outbox');
        await benchDb.query('CHECKPOINT');
      }
      const level: LevelResult = {
        seededPerStudent,
        historyAtStart: await historyPerStudent(),
        historyAtEnd: NaN,
        first: li % 2 === 0 ? variants[0]! : variants[variants.length - 1]!,
        phases: [],
        seedMs: performance.now() - seedStart,
      };
      levels.push(level);
      const order: Variant[] = level.first === 'trellis' ? [...variants] : [...variants].reverse();
      // A B B A (A B C C B A with the experiment): rounds 1..4 of each variant are its first and second turn, twice.
      const abba = [...order, ...[...order].reverse()];
      // A round with errors is listed in the report but left out of the figures, and run
      // once more so each variant still has its rounds; the run then exits non-zero.
      const run = async (v: Variant, kind: PhaseResult['kind'], round: number, of: number) => {
        const first = await runPhase(v, kind, round, of, level);
        if (first.errors.length === 0) return;
        failedRounds++;
        if (failedRounds > CONFIG.maxFailedRounds) throw new Error(`${failedRounds} rounds with errors (BENCH_MAX_FAILED_ROUNDS=${CONFIG.maxFailedRounds}): stopping`);
        log(`repeating ${kind} round ${round} of ${VARIANT_NAME[v]} once`);
        await runPhase(v, kind, round, of, level);
      };
      if (CONFIG.warmup > 0) for (const v of order) await run(v, 'warmup', 0, 0);
      if (CONFIG.serial > 0) for (const [i, v] of abba.entries()) await run(v, 'serial', i + 1, abba.length);
      for (const [i, v] of abba.entries()) await run(v, 'loaded', i + 1, abba.length);
      if (CONFIG.pacedRate) for (const [i, v] of abba.entries()) await run(v, 'paced', i + 1, abba.length);
      level.historyAtEnd = await historyPerStudent();
    }

    // 8. Checks: every attempt counted once, one open item per student, stored estimates = replay.
    for (const v of variants) await servers[v].stats(false); // all still answer
    const peakRssMB: Partial<Record<Variant, number | null>> = {};
    for (const v of variants) {
      const m = memoryStatus(servers[v].pid);
      peakRssMB[v] = m ? (m.peakRssMiB * 2 ** 20) / 1e6 : null;
    }
    await Promise.all(variants.map((v) => servers[v].stop()));
    const checks: { label: string; ok: boolean; detail: string }[] = [];
    const answered = students.reduce((s, st) => s + st.answered, 0);
    const errors = levels.flatMap((l) => l.phases.flatMap((p) => p.errors));
    checks.push({ label: 'every attempt answered 200 with the next item and the intended verdict', ok: errors.length === 0, detail: `${answered} answered, ${errors.length} errors` });
    const inDb = Number((await benchDb.query<{ n: string }>('SELECT count(*) AS n FROM attempt')).rows[0]!.n);
    checks.push({ label: 'attempts in the database = seeded + answered', ok: inDb === seededRows + answered, detail: `${inDb} in the database, ${seededRows} seeded + ${answered} answered = ${seededRows + answered}` });
    const open = (await benchDb.query<{ user_id: string; n: string }>(
      `SELECT user_id, count(*) AS n FROM served_item WHERE assignment_id = $1 AND answered_at IS NULL GROUP BY user_id`,
      [scope.assignmentId],
    )).rows;
    const oneOpen = open.length === students.length && open.every((r) => Number(r.n) === 1) && students.every((s) => open.some((r) => r.user_id === s.userId));
    checks.push({ label: 'exactly one open item per student', ok: oneOpen, detail: `${open.length} students with open items, ${open.filter((r) => Number(r.n) !== 1).length} with more than one` });
    const replayed = await replayAll(benchDb, scope);
    const stored = new Map(
      (await benchDb.query<{ user_id: string; skill_code: string; p_known: number; evidence_count: number }>(
        `SELECT user_id, skill_code, p_known, evidence_count FROM mastery_estimate WHERE context_id = $1`,
        [scope.contextId],
      )).rows.map((r) => [`${r.user_id}:${r.skill_code}`, r]),
    );
    let maxDiff = 0;
    let countMismatch = 0;
    let missing = 0;
    for (const r of replayed) {
      const s = stored.get(`${r.userId}:${r.skill}`);
      if (!s) {
        missing++;
        continue;
      }
      maxDiff = Math.max(maxDiff, Math.abs(s.p_known - r.p));
      if (s.evidence_count !== r.n) countMismatch++;
    }
    checks.push({
      label: 'stored estimates = replay of all attempts (Trellis and the baseline compute the same mastery)',
      ok: missing === 0 && countMismatch === 0 && maxDiff < 1e-9 && stored.size === replayed.length,
      detail: `${replayed.length} student×skill estimates, max |Δp| ${maxDiff.toExponential(1)}, ${countMismatch} evidence-count mismatches, ${missing} missing, ${stored.size} stored`,
    });
    for (const c of checks) log(`check: ${c.label}: ${c.ok ? 'ok' : 'FAILED'} (${c.detail})`);
    log(`answer lookups: ${answers.lookups} items in ${answers.queries} batched queries`);

    const built = buildReport(
      {
        started,
        finished: new Date(),
        command: [...Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_')).map(([k, v]) => `${k}=${v}`).sort(), 'npm run bench:practice'].join(' '),
        pgVersion,
        pgSettings,
        dbName,
        loadBefore,
        loadAfter: os.loadavg(),
        students: students.length,
        skills: scope.skills,
        attemptsPerRound: CONFIG.attempts,
        warmupPerStudent: CONFIG.warmup,
        initialWarmupPerStudent: CONFIG.initialWarmup,
        pCorrect: CONFIG.pCorrect,
        pacedRate: CONFIG.pacedRate,
        pacedSeconds: CONFIG.pacedSeconds,
        serialAttempts: CONFIG.serial,
        variants,
        poolSize: CONFIG.poolSize,
        launch: { students: students.length, ms: launchMs },
        checks,
        peakRssMB,
      },
      levels,
    );
    let markdown = built.markdown;
    if (profDir) {
      const summaries: string[] = [];
      for (const v of variants) {
        const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile') && f.split('.').includes(String(servers[v].pid)));
        summaries.push(
          file
            ? formatProfileSummary(`${VARIANT_NAME[v]} (whole run incl. start-up)`, summarizeProfile(path.join(profDir, file), 25))
            : `(no CPU profile for ${VARIANT_NAME[v]} pid ${servers[v].pid} in ${profDir})`,
        );
      }
      markdown += `\n## CPU profiles (BENCH_CPU_PROF=1: the timings above are inflated by the profiler)\n\n${summaries.join('\n')}`;
    }
    process.stdout.write(markdown + '\n');
    if (profDir) {
      log(`profiled run: ${path.relative(ROOT, RESULTS_FILE)} not written; profiles kept in ${profDir}`);
    } else if (CONFIG.prepared) {
      log(`experiment (BENCH_PREPARED=1): ${path.relative(ROOT, RESULTS_FILE)} not written`);
    } else if (CONFIG.write) {
      fs.writeFileSync(RESULTS_FILE, markdown);
      log(`wrote ${path.relative(ROOT, RESULTS_FILE)}`);
    }
    return built.ok ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

main().then(
  (code) => process.exit(process.exitCode || code),
  (err: unknown) => {
    log(`FAILED: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
