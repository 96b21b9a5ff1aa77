// bench/passback: grade passback throughput. 1,000 scores delivered to the simulated LMS by
// Trellis (outbox + OutboxWorker + cached service tokens) and by a naive client that fetches
// a new access token for every call, in the same run. See bench/README.md.
//
//   npm run bench:passback
//
// The driver (this process) creates a throw-away database, listens for Trellis on a
// loopback port (composeTrellis, as in server/main.ts), starts the simulated LMS (a child
// process by default), launches the students once so Trellis knows them and each link's
// AGS claim, then runs rounds A B B A (Trellis, naive, naive, Trellis), then Trellis with
// other worker/client settings, then the same with a slower LMS. It checks the LMS
// gradebook after every round, writes the "## Grade passback" section of bench/RESULTS.md
// and prints it. Nothing is asserted about timing anywhere in test/.
import crypto from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import pino from 'pino';
import { composeTrellis, type Trellis } from '../../server/compose';
import { loadConfig, type Config } from '../../server/config';
import { connectPostgres, type Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { scoreDelivery } from '../../server/grades/deliver-score';
import { enqueueScore } from '../../server/grades/enqueue-score';
import { OutboxWorker } from '../../server/jobs/outbox';
import { AgsClient } from '../../server/lti/services/ags';
import { PlatformClient } from '../../server/lti/services/platform-client';
import { LmsHandle, type LmsMode } from './lms-handle';
import { NaiveAgsClient } from './naive';
import { machineBusyMs, PgCpu } from './pg-cpu';
import { instrumentDb, probe, RoundProbe, wrapFetch } from './probe';
import { buildSection, writeSection, type RoundResult, type RunInfo, type Setting } from './report';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS_FILE = path.join(ROOT, 'bench/RESULTS.md');

// ---- configuration ------------------------------------------------------------------

const num = (name: string, dflt: number, min = 1) => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min) throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return v;
};

/** "w8-p4-b50": OutboxWorker concurrency 8, PlatformClient perPlatformConcurrency 4, batchSize 50. */
export function parseSetting(text: string): Setting {
  const m = /^w(\d+)-p(\d+)-b(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`bad setting "${text}" (expected e.g. w8-p4-b50)`);
  return { worker: Number(m[1]), perPlatform: Number(m[2]), batch: Number(m[3]) };
}
const list = (name: string, dflt: string) => {
  const raw = (process.env[name] ?? dflt).trim();
  return raw === '' || raw === 'none' ? [] : raw.split(',').map((s) => s.trim());
};

/** What composeTrellis builds: OutboxWorker and PlatformClient defaults. */
const DEFAULT_SETTING: Setting = { worker: 8, perPlatform: 4, batch: 50 };

const CONFIG = {
  baseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  lms: ((process.env.BENCH_LMS ?? 'child').trim() || 'child') as LmsMode,
  scores: Math.round(num('BENCH_SCORES', 1000)),
  students: Math.round(num('BENCH_STUDENTS', 100)),
  /** Rounds per path at the default settings, interleaved A B B A. */
  rounds: Math.round(num('BENCH_ROUNDS', 2)),
  /** App transactions enqueueing scores at once (request handlers). */
  enqueueConcurrency: Math.round(num('BENCH_ENQUEUE_CONCURRENCY', 8)),
  /** Scores the naive client sends at once; default = the outbox worker's concurrency. */
  naiveConcurrency: Math.round(num('BENCH_NAIVE_CONCURRENCY', DEFAULT_SETTING.worker)),
  /** Other Trellis settings, one round each. */
  variants: list('BENCH_VARIANTS', 'w8-p8-b50,w16-p16-b100').map(parseSetting),
  /** Slower-LMS sensitivity: extra service latency (ms) for a second set of rounds. */
  latencies: list('BENCH_LMS_LATENCY_MS', '25').map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`BENCH_LMS_LATENCY_MS: bad value "${s}"`);
    return v;
  }),
  /** Steady load: both paths get scores at this offered rate (scores/s); "none" skips it. */
  pacedRate: (() => {
    const raw = (process.env.BENCH_PACED_RATE ?? '200').trim();
    if (raw === 'none' || raw === '') return null;
    const v = Number(raw);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`BENCH_PACED_RATE must be a positive number or none, got "${raw}"`);
    return v;
  })(),
  warmupScores: Math.round(num('BENCH_WARMUP', 200, 0)),
  poolSize: Math.round(num('BENCH_POOL_SIZE', 10)),
  roundCapS: num('BENCH_ROUND_CAP_S', 60),
  maxRunS: num('BENCH_MAX_RUN_S', 300),
  /** BENCH_WRITE=0: print the section without writing bench/RESULTS.md. */
  write: process.env.BENCH_WRITE !== '0',
};
if (CONFIG.lms !== 'child' && CONFIG.lms !== 'inline') throw new Error(`BENCH_LMS must be child or inline, got "${CONFIG.lms}"`);

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function benchCommand(): string {
  const vars = Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  return [...vars, 'npm run bench:passback'].join(' ');
}

// ---- the world ----------------------------------------------------------------------

interface Student {
  sub: string;
  id: string;
}

interface World {
  config: Config;
  db: Database;
  admin: Client;
  pgCpu: PgCpu;
  lms: LmsHandle;
  main: Trellis;
  platformId: string;
  students: Student[];
  toolUrl: string;
  /** Trellis resource link id (uuid) by LMS link id. */
  links: Map<string, string>;
}

/** One score of a round: student index and value; the last one per student is what the LMS must hold. */
interface PlannedScore {
  student: number;
  scoreGiven: number;
}

const SCORE_MAXIMUM = 100;

function plan(scores: number, students: number): { list: PlannedScore[]; expected: Map<number, number> } {
  const list: PlannedScore[] = [];
  const expected = new Map<number, number>();
  for (let i = 0; i < scores; i++) {
    const student = i % students;
    const k = Math.floor(i / students);
    // Increasing per student (k-th score), different between students.
    const scoreGiven = Math.min(SCORE_MAXIMUM, 5 + 3 * k + (student % 7) * 0.5);
    list.push({ student, scoreGiven });
    expected.set(student, scoreGiven);
  }
  return { list, expected };
}

/** Browser flow: login at Trellis, /auth at the LMS, form post back to Trellis. */
async function launch(w: { toolUrl: string; lms: LmsHandle }, userSub: string, linkId: string): Promise<string | null> {
  const params = await w.lms.loginParams(userSub, linkId);
  const login = await fetch(`${w.toolUrl}/lti/login?${new URLSearchParams(params)}`, { redirect: 'manual' });
  if (login.status !== 302) throw new Error(`login answered ${login.status}: ${(await login.text()).slice(0, 200)}`);
  await login.arrayBuffer();
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const auth = await fetch(login.headers.get('location')!);
  const html = await auth.text();
  if (auth.status !== 200) throw new Error(`LMS /auth answered ${auth.status}: ${html.slice(0, 200)}`);
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  const res = await fetch(`${w.toolUrl}/lti/launch`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ id_token: field('id_token') ?? '', state: field('state') ?? '' }),
  });
  const body = await res.text();
  if (res.status === 200) return null;
  // The launch is recorded before the panel renders; a missing client build only breaks the page.
  if (res.status === 503 && body.includes('client_not_built')) return 'client_not_built';
  throw new Error(`launch answered ${res.status}: ${body.slice(0, 300)}`);
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

/**
 * Runs fn for every item. Burst (rate null): `concurrency` loops take the next item as soon
 * as they are free; an item "arrives" when it is taken. Paced: item i arrives at
 * start + i/rate whether or not earlier ones are done, and waits (FIFO) for one of the
 * `concurrency` slots if all are busy, so queueing counts in its latency.
 */
async function drive<T>(items: T[], o: { concurrency: number; rate: number | null }, fn: (item: T, arrival: number) => Promise<void>): Promise<{ start: number; queued: number }> {
  const start = performance.now();
  if (o.rate === null) {
    await pool(items, o.concurrency, (item) => fn(item, performance.now()));
    return { start, queued: 0 };
  }
  const gap = 1000 / o.rate;
  let active = 0;
  let queued = 0;
  const waiting: (() => void)[] = [];
  const tasks: Promise<void>[] = [];
  for (let i = 0; i < items.length; i++) {
    const due = start + i * gap;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    tasks.push(
      (async () => {
        if (active >= o.concurrency) {
          queued++;
          await new Promise<void>((r) => waiting.push(r));
        }
        active++;
        try {
          await fn(items[i]!, due);
        } finally {
          active--;
          waiting.shift()?.();
        }
      })(),
    );
  }
  await Promise.all(tasks);
  return { start, queued };
}

// ---- measurement helpers --------------------------------------------------------------

interface CpuMarks {
  driver: NodeJS.CpuUsage;
  lms: { user: number; system: number } | null;
  pg: Map<number, number>;
  machine: number | null;
  at: number;
}

async function cpuMarks(w: World, lmsMark: { cpuUserUs: number; cpuSystemUs: number }): Promise<CpuMarks> {
  return {
    driver: process.cpuUsage(),
    lms: w.lms.mode === 'child' ? { user: lmsMark.cpuUserUs, system: lmsMark.cpuSystemUs } : null,
    pg: await w.pgCpu.sample(),
    machine: machineBusyMs(),
    at: performance.now(),
  };
}

async function cpuSince(w: World, before: CpuMarks, lmsEnd: { cpuUserUs: number; cpuSystemUs: number }) {
  const d = process.cpuUsage(before.driver);
  return {
    driverMs: (d.user + d.system) / 1000,
    lmsMs: before.lms ? (lmsEnd.cpuUserUs - before.lms.user + lmsEnd.cpuSystemUs - before.lms.system) / 1000 : null,
    pgMs: PgCpu.between(before.pg, await w.pgCpu.sample()),
    machineMs: before.machine === null ? null : (machineBusyMs() ?? NaN) - before.machine,
    elapsedMs: performance.now() - before.at,
  };
}

async function lmsSummary(w: World, lmsLinkId: string, markBefore: Awaited<ReturnType<LmsHandle['mark']>>, expected: Map<number, number>) {
  const win = await w.lms.window(markBefore);
  const gradebook = await w.lms.gradebook(lmsLinkId);
  const mismatches: string[] = [];
  let matching = 0;
  const item = gradebook.items[0];
  for (const [student, value] of expected) {
    const sub = w.students[student]!.sub;
    const got = item?.results[sub];
    if (got === value) matching++;
    else if (mismatches.length < 5) mismatches.push(`${sub}: LMS has ${got ?? 'nothing'}, last computed ${value}`);
  }
  const scoreRows = win.scores.filter((s) => !item || s.lineItemId === item.id);
  const rejected: Record<string, number> = {};
  const reasons: string[] = [];
  let accepted = 0;
  for (const s of scoreRows) {
    accepted += s.accepted;
    for (const [status, n] of Object.entries(s.rejected)) rejected[status] = (rejected[status] ?? 0) + n;
    reasons.push(...s.reasons);
  }
  return {
    win,
    verification: { students: expected.size, matching, mismatches, lineItems: gradebook.items.length },
    accepted,
    rejected,
    reasons: reasons.slice(0, 5),
  };
}

// ---- Trellis round --------------------------------------------------------------------

function deliveryLogger(errors: string[]) {
  return pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        try {
          const line = JSON.parse(chunk.toString('utf8')) as { msg?: string; err?: string };
          errors.push(`${line.msg ?? ''}: ${line.err ?? ''}`);
        } catch {
          errors.push(chunk.toString('utf8').slice(0, 200));
        }
        cb();
      },
    }),
  );
}

async function trellisRound(
  w: World,
  o: { label: string; lmsLinkId: string; scores: number; setting: Setting; latencyMs: number; rate: number | null; mode: 'pipeline' | 'backlog'; warmup?: boolean },
): Promise<RoundResult> {
  const linkUuid = w.links.get(o.lmsLinkId);
  if (!linkUuid) throw new Error(`link ${o.lmsLinkId} was not launched`);
  const { list, expected } = plan(o.scores, w.students.length);
  const deliveryErrors: string[] = [];
  // A fresh Trellis, as a freshly started process would be: empty token cache, its own
  // PlatformClient limits and outbox worker. The default setting uses compose's worker as is.
  const t = composeTrellis({ config: w.config, db: w.db, logger: deliveryLogger(deliveryErrors) });
  const isDefault = o.setting.worker === DEFAULT_SETTING.worker && o.setting.perPlatform === DEFAULT_SETTING.perPlatform && o.setting.batch === DEFAULT_SETTING.batch;
  let worker = t.outboxWorker;
  let ags = t.services.ags;
  if (!isDefault) {
    // The same wiring as server/compose.ts, with other constructor options.
    const platformClient = new PlatformClient(t.services.tokens, `Trellis/0.1 (+${w.config.publicUrl})`, {
      perPlatformConcurrency: o.setting.perPlatform,
      retry: { attempts: 3, baseDelayMs: 250, maxDelayMs: 5_000 },
    });
    ags = new AgsClient(platformClient);
    const log = deliveryLogger(deliveryErrors);
    worker = new OutboxWorker({
      db: w.db,
      deliver: scoreDelivery({ db: w.db, registry: t.registry, ags }),
      concurrency: o.setting.worker,
      batchSize: o.setting.batch,
      onError: (err, row) => log.warn({ err: (err as Error).message, outboxId: row.id, attempts: row.attempts }, 'LMS delivery failed'),
    });
  }

  // Time AgsClient.postScore on this instance: the PlatformClient slot wait + the HTTP call.
  const postScore = ags.postScore.bind(ags);
  ags.postScore = async (...args: Parameters<typeof postScore>) => {
    const t0 = performance.now();
    try {
      return await postScore(...args);
    } finally {
      probe.current?.step('AgsClient.postScore', performance.now() - t0);
    }
  };

  const round = new RoundProbe();
  const lmsMark = await w.lms.mark();
  const cpu = await cpuMarks(w, lmsMark);
  probe.current = round;
  const committedAt = new Map<string, number>();
  const arrivedAt = new Map<string, number>();
  const enqueueMs: number[] = [];
  const heldMs: number[] = [];
  const backlog = o.mode === 'backlog';
  // Pipeline: the worker runs while the app enqueues. Backlog: enqueue everything, then start it.
  if (!backlog) worker.start();
  const driven = await drive(list, { concurrency: CONFIG.enqueueConcurrency, rate: o.rate }, async (s, arrival) => {
    const student = w.students[s.student]!;
    const t0 = performance.now();
    const id = await w.db.transaction((tx) =>
      enqueueScore(tx, {
        platformId: w.platformId,
        resourceLinkId: linkUuid,
        userId: student.id,
        score: { scoreGiven: s.scoreGiven, scoreMaximum: SCORE_MAXIMUM, activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
      }),
    );
    const now = performance.now();
    committedAt.set(id, now);
    arrivedAt.set(id, arrival);
    enqueueMs.push(now - t0);
    heldMs.push(now - arrival);
    // Nothing in server/ enqueues scores yet; an enqueuing handler would wake the worker
    // like this, instead of leaving the first score to wait for the next poll (1 s).
    worker.nudge();
  });
  const workerStart = performance.now();
  if (backlog) worker.start();
  const capped = await Promise.race([round.settled(list.length).then(() => false), sleep(CONFIG.roundCapS * 1000).then(() => true)]);
  await worker.stop();
  probe.current = null;
  const lmsEnd = await w.lms.mark();
  const cpuUsed = await cpuSince(w, cpu, lmsEnd);

  const ids = [...committedAt.keys()];
  const rows = await w.db.query<{ id: string; status: string; attempts: number }>(`SELECT id::text AS id, status, attempts FROM outbox WHERE id = ANY($1::bigint[])`, [ids]);
  if (capped) await w.db.query(`UPDATE outbox SET status = 'failed', last_error = 'bench round cap' WHERE status = 'pending'`);
  const commits = [...committedAt.values()];
  const firstCommit = Math.min(...commits);
  const lastCommit = Math.max(...commits);
  const delivered = [...round.deliveredAt.entries()].filter(([id]) => committedAt.has(id));
  const lastDelivered = delivered.length ? Math.max(...delivered.map(([, at]) => at)) : NaN;
  // Burst: from the commit (the brief's measure). Paced: from the scheduled arrival.
  const from = o.rate === null ? committedAt : arrivedAt;
  const latencies = delivered.map(([id, at]) => at - from.get(id)!).sort((a, b) => a - b);
  const lms = await lmsSummary(w, o.lmsLinkId, lmsMark, expected);
  const result: RoundResult = {
    path: 'trellis',
    label: o.label,
    setting: o.setting,
    latencyMs: o.latencyMs,
    scores: list.length,
    delivered: delivered.length,
    wallMs: lastDelivered - (o.rate === null ? firstCommit : driven.start),
    mode: o.mode,
    drainMs: backlog ? lastDelivered - workerStart : null,
    latencies,
    heldMs: heldMs.sort((a, b) => a - b),
    offeredRate: o.rate,
    queued: driven.queued,
    enqueue: { windowMs: lastCommit - firstCommit, txMs: enqueueMs.sort((a, b) => a - b), concurrency: CONFIG.enqueueConcurrency },
    tokenRequests: lms.win.tokenRequests,
    tokenRejections: lms.win.tokenRejections,
    toolTokenCounter: t.services.tokens.requests,
    lmsCalls: lms.win.requests,
    toolJwksFetches: lms.win.toolJwksFetches,
    accepted: lms.accepted,
    rejected: lms.rejected,
    rejectReasons: lms.reasons,
    failedRows: rows.filter((r) => r.status === 'failed').length,
    undelivered: rows.filter((r) => r.status === 'pending').length,
    retriedRows: rows.filter((r) => r.attempts > 1).length,
    deliveryErrors: deliveryErrors.length,
    deliveryErrorSamples: deliveryErrors.slice(0, 5),
    clientErrors: 0,
    clientErrorSamples: [],
    verification: lms.verification,
    cpu: cpuUsed,
    sql: Object.fromEntries(round.sql),
    http: Object.fromEntries(round.http),
    steps: Object.fromEntries(round.steps),
    maxInFlight: Object.fromEntries(round.maxInFlight),
    capped,
    warmup: !!o.warmup,
  };
  return result;
}

// ---- naive round ----------------------------------------------------------------------

async function naiveRound(w: World, o: { label: string; lmsLinkId: string; scores: number; concurrency: number; latencyMs: number; rate: number | null; warmup?: boolean }): Promise<RoundResult> {
  const { list, expected } = plan(o.scores, w.students.length);
  const platform = (await w.main.registry.findById(w.platformId))!;
  const client = new NaiveAgsClient(w.main.toolKeys, platform);
  const round = new RoundProbe();
  const lmsMark = await w.lms.mark();
  const cpu = await cpuMarks(w, lmsMark);
  probe.current = round;
  const errors: string[] = [];
  let exceptions = 0;
  const latencies: number[] = [];
  const statuses: number[] = [];
  const lastTimestamp = new Map<number, number>();
  let t0 = performance.now();
  let lastDone = t0;
  let queued = 0;
  let lineItemUrl: string | null = null;
  try {
    lineItemUrl = await client.findOrCreateLineItem(w.lms.info.lineItemsUrl, {
      resourceId: `naive:${o.lmsLinkId}`,
      resourceLinkId: o.lmsLinkId,
      label: 'Naive practice',
      scoreMaximum: SCORE_MAXIMUM,
      tag: 'naive',
    });
  } catch (err) {
    exceptions++;
    errors.push(`line item: ${(err as Error).message}`);
  }
  if (lineItemUrl) {
    const url = lineItemUrl;
    const driven = await drive(list, { concurrency: o.concurrency, rate: o.rate }, async (s, arrival) => {
      // The naive client still keeps its timestamps increasing per student.
      const ts = Math.max(Date.now(), (lastTimestamp.get(s.student) ?? 0) + 1);
      lastTimestamp.set(s.student, ts);
      try {
        const status = await client.postScore(url, { userSub: w.students[s.student]!.sub, scoreGiven: s.scoreGiven, scoreMaximum: SCORE_MAXIMUM, timestamp: new Date(ts).toISOString() });
        statuses.push(status);
        const end = performance.now();
        if (status >= 200 && status < 300) {
          latencies.push(end - arrival);
          lastDone = Math.max(lastDone, end);
        } else if (errors.length < 5) errors.push(`score POST answered ${status}`);
      } catch (err) {
        exceptions++;
        if (errors.length < 5) errors.push((err as Error).message);
      }
    });
    queued = driven.queued;
    if (o.rate !== null) t0 = driven.start;
  }
  probe.current = null;
  const lmsEnd = await w.lms.mark();
  const cpuUsed = await cpuSince(w, cpu, lmsEnd);
  const lms = await lmsSummary(w, o.lmsLinkId, lmsMark, expected);
  const okCount = statuses.filter((s) => s >= 200 && s < 300).length;
  return {
    path: 'naive',
    label: o.label,
    setting: null,
    naiveConcurrency: o.concurrency,
    latencyMs: o.latencyMs,
    scores: list.length,
    delivered: okCount,
    wallMs: lastDone - t0,
    latencies: latencies.sort((a, b) => a - b),
    heldMs: [...latencies],
    offeredRate: o.rate,
    queued,
    enqueue: null,
    tokenRequests: lms.win.tokenRequests,
    tokenRejections: lms.win.tokenRejections,
    toolTokenCounter: null,
    lmsCalls: lms.win.requests,
    toolJwksFetches: lms.win.toolJwksFetches,
    accepted: lms.accepted,
    rejected: lms.rejected,
    rejectReasons: lms.reasons,
    failedRows: 0,
    undelivered: list.length - okCount,
    retriedRows: 0,
    deliveryErrors: 0,
    deliveryErrorSamples: [],
    clientErrors: statuses.length - okCount + exceptions,
    clientErrorSamples: errors.slice(0, 5),
    verification: lms.verification,
    cpu: cpuUsed,
    sql: {},
    http: Object.fromEntries(round.http),
    steps: {},
    maxInFlight: Object.fromEntries(round.maxInFlight),
    capped: false,
    mode: 'direct',
    drainMs: null,
    warmup: !!o.warmup,
  };
}

// ---- main -----------------------------------------------------------------------------

const settingName = (s: Setting) => `w${s.worker}-p${s.perPlatform}-b${s.batch}`;

function describe(r: RoundResult): string {
  const lat = r.latencies;
  const p = (q: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.ceil((q / 100) * lat.length) - 1)]!.toFixed(1) : 'n/a');
  const tokens = r.tokenRequests.reduce((a, t) => a + t.issued + t.rejected, 0);
  const rejected = Object.values(r.rejected).reduce((a, n) => a + n, 0);
  return `${r.delivered}/${r.scores} in ${(r.wallMs / 1000).toFixed(2)} s = ${((r.delivered * 1000) / r.wallMs).toFixed(1)}/s, p50 ${p(50)} ms, p95 ${p(95)} ms, ${tokens} token requests, ${rejected} score POSTs rejected, LMS holds the last score for ${r.verification.matching}/${r.verification.students} students${r.capped ? ' [ROUND CAP]' : ''}`;
}

async function main(): Promise<number> {
  const started = new Date();
  const loadBefore = os.loadavg();
  const cleanups: (() => Promise<void> | void)[] = [];
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      probe.current = null;
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
    // 1. A fresh database on a loopback PostgreSQL.
    const dbHost = new URL(CONFIG.baseUrl).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(dbHost)) throw new Error(`BENCH_DATABASE_URL must point at a loopback PostgreSQL (got host ${dbHost})`);
    const admin = new Client({ connectionString: CONFIG.baseUrl });
    await admin.connect();
    cleanups.push(() => admin.end());
    const dbName = `trellis_bench_${crypto.randomBytes(5).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    cleanups.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      log(`dropped database ${dbName}`);
    });
    const dbUrlObj = new URL(CONFIG.baseUrl);
    dbUrlObj.pathname = `/${dbName}`;
    const dbUrl = dbUrlObj.toString();
    const pgVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const syncCommit = (await admin.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit;
    log(`database ${dbName} on PostgreSQL ${pgVersion}`);
    const rawDb = await connectPostgres({ url: dbUrl, poolSize: CONFIG.poolSize });
    cleanups.push(() => rawDb.close());
    await migrate(rawDb);
    const db = instrumentDb(rawDb);
    wrapFetch();

    // 2. Trellis's loopback port first (the LMS needs its URLs), then the LMS.
    let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
    const toolServer: Server = await new Promise((resolve) => {
      const s = http.createServer((req, res) => handler(req, res)).listen(0, '127.0.0.1', () => resolve(s));
    });
    cleanups.push(async () => {
      toolServer.closeAllConnections();
      await new Promise<void>((r) => toolServer.close(() => r()));
    });
    const toolUrl = `http://127.0.0.1:${(toolServer.address() as AddressInfo).port}`;
    const lms = await LmsHandle.start(CONFIG.lms, toolUrl, log);
    cleanups.push(() => lms.stop());
    log(`LMS (${CONFIG.lms}) at ${lms.base}, pid ${lms.info.pid}; Trellis at ${toolUrl}`);

    // 3. Trellis as server/main.ts composes it, registered with the LMS.
    const config = loadConfig({
      DATABASE_URL: dbUrl,
      TRELLIS_ENCRYPTION_KEY: crypto.randomBytes(32).toString('hex'),
      PUBLIC_URL: toolUrl,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
    });
    const main = composeTrellis({ config, db, logger: pino({ level: 'silent' }) });
    handler = main.app;
    await main.toolKeys.ensureActiveKey();
    const platform = await main.registry.register({
      issuer: lms.info.issuer,
      clientId: lms.info.clientId,
      name: 'Bench LMS',
      authLoginUrl: lms.info.authUrl,
      authTokenUrl: lms.info.tokenUrl,
      jwksUrl: lms.info.jwksUrl,
      deploymentIds: [lms.info.deploymentId],
    });

    // 4. Students and links. Every student launches once (so Trellis knows them); every
    //    Trellis round gets its own link (its own gradebook column), launched once, so
    //    Trellis holds that link's AGS claim.
    const subs = Array.from({ length: CONFIG.students }, (_, i) => `bench-stu-${String(i + 1).padStart(4, '0')}`);
    type Common = { latencyMs: number; label: string; rate: number | null; warmup?: boolean };
    type Planned = (Common & { kind: 'trellis'; setting: Setting; mode?: 'backlog' }) | (Common & { kind: 'naive' });
    const rounds: Planned[] = [];
    if (CONFIG.warmupScores > 0) {
      rounds.push({ kind: 'trellis', setting: DEFAULT_SETTING, latencyMs: 0, rate: null, label: 'warm-up', warmup: true });
      rounds.push({ kind: 'naive', latencyMs: 0, rate: null, label: 'warm-up', warmup: true });
    }
    for (let r = 0; r < CONFIG.rounds; r++) {
      // A B C, C B A, …: Trellis (worker running while the app enqueues), naive, Trellis
      // (backlog: enqueue all, then drain); the order reverses every other time.
      const set: Planned[] = [
        { kind: 'trellis', setting: DEFAULT_SETTING, latencyMs: 0, rate: null, label: `round ${r + 1}` },
        { kind: 'naive', latencyMs: 0, rate: null, label: `round ${r + 1}` },
        { kind: 'trellis', setting: DEFAULT_SETTING, latencyMs: 0, rate: null, label: `round ${r + 1} backlog`, mode: 'backlog' },
      ];
      rounds.push(...(r % 2 === 0 ? set : set.reverse()));
    }
    if (CONFIG.pacedRate !== null) {
      const rate = CONFIG.pacedRate;
      rounds.push({ kind: 'trellis', setting: DEFAULT_SETTING, latencyMs: 0, rate, label: `steady ${rate}/s` });
      rounds.push({ kind: 'naive', latencyMs: 0, rate, label: `steady ${rate}/s` });
    }
    for (const v of CONFIG.variants) rounds.push({ kind: 'trellis', setting: v, latencyMs: 0, rate: null, label: 'variant' });
    for (const ms of CONFIG.latencies) {
      rounds.push({ kind: 'trellis', setting: DEFAULT_SETTING, latencyMs: ms, rate: null, label: 'slow LMS' });
      rounds.push({ kind: 'naive', latencyMs: ms, rate: null, label: 'slow LMS' });
      for (const v of CONFIG.variants) rounds.push({ kind: 'trellis', setting: v, latencyMs: ms, rate: null, label: 'slow LMS' });
    }
    const linkIds = rounds.map((r, i) => `rl-bench-${r.kind}-${i + 1}`);
    await lms.setup(subs, linkIds.map((id) => ({ id, title: `Bench practice ${id}` })));
    const launchStarted = performance.now();
    let notBuilt = 0;
    const trellisLinks = linkIds.filter((id, i) => rounds[i]!.kind === 'trellis');
    // Students on the first Trellis link; one launch (the first student) on each other link.
    const launches = [...subs.map((sub) => ({ sub, link: trellisLinks[0]! })), ...trellisLinks.slice(1).map((link) => ({ sub: subs[0]!, link }))];
    await pool(launches, 8, async (l) => {
      if ((await launch({ toolUrl, lms }, l.sub, l.link)) === 'client_not_built') notBuilt++;
    });
    log(`${launches.length} launches in ${((performance.now() - launchStarted) / 1000).toFixed(1)} s${notBuilt ? ` (${notBuilt} answered 503 client_not_built after recording the launch)` : ''}`);
    const userRows = await db.query<{ id: string; sub: string }>(`SELECT id, sub FROM app_user WHERE platform_id = $1`, [platform.id]);
    const bySub = new Map(userRows.map((u) => [u.sub, u.id]));
    const students = subs.map((sub) => {
      const id = bySub.get(sub);
      if (!id) throw new Error(`student ${sub} is unknown to Trellis after the launches`);
      return { sub, id };
    });
    const linkRows = await db.query<{ id: string; link_id: string; ags_scopes: string[] }>(`SELECT id, link_id, ags_scopes FROM resource_link`);
    const links = new Map(linkRows.map((l) => [l.link_id, l.id]));
    for (const id of trellisLinks) {
      const row = linkRows.find((l) => l.link_id === id);
      if (!row) throw new Error(`link ${id} is unknown to Trellis after the launches`);
      if (!row.ags_scopes.includes('https://purl.imsglobal.org/spec/lti-ags/scope/score')) throw new Error(`link ${id} has no AGS score scope`);
    }
    const world: World = { config, db, admin, pgCpu: new PgCpu(admin, dbName), lms, main, platformId: platform.id, students, toolUrl, links };

    // 5. The rounds.
    const results: RoundResult[] = [];
    let latency = 0;
    for (const [i, r] of rounds.entries()) {
      checkAborted();
      if (r.latencyMs !== latency) {
        await lms.setLatency(r.latencyMs);
        latency = r.latencyMs;
      }
      const scores = r.warmup ? CONFIG.warmupScores : CONFIG.scores;
      const res =
        r.kind === 'trellis'
          ? await trellisRound(world, { label: r.label, lmsLinkId: linkIds[i]!, scores, setting: r.setting, latencyMs: r.latencyMs, rate: r.rate, mode: r.mode ?? 'pipeline', warmup: r.warmup })
          : await naiveRound(world, { label: r.label, lmsLinkId: linkIds[i]!, scores, concurrency: CONFIG.naiveConcurrency, latencyMs: r.latencyMs, rate: r.rate, warmup: r.warmup });
      const who = r.kind === 'trellis' ? `Trellis ${settingName(r.setting)}` : `naive c=${CONFIG.naiveConcurrency}`;
      log(`${i + 1}/${rounds.length} ${r.label}${r.latencyMs ? ` (+${r.latencyMs} ms LMS)` : ''} ${who}: ${describe(res)}${res.queued ? `, ${res.queued} arrivals queued` : ''}${res.drainMs !== null ? `; drain alone ${(res.drainMs / 1000).toFixed(2)} s = ${((res.delivered * 1000) / res.drainMs).toFixed(1)}/s` : ''}`);
      results.push(res);
    }
    await lms.setLatency(0);

    // 6. Report.
    const info: RunInfo = {
      started,
      finished: new Date(),
      command: benchCommand(),
      pgVersion,
      synchronousCommit: syncCommit,
      dbName,
      loadBefore,
      loadAfter: os.loadavg(),
      lmsMode: CONFIG.lms,
      students: CONFIG.students,
      scores: CONFIG.scores,
      warmupScores: CONFIG.warmupScores,
      enqueueConcurrency: CONFIG.enqueueConcurrency,
      naiveConcurrency: CONFIG.naiveConcurrency,
      pacedRate: CONFIG.pacedRate,
      poolSize: CONFIG.poolSize,
      defaultSetting: DEFAULT_SETTING,
      launches: launches.length,
    };
    const { markdown, ok } = buildSection(info, results.filter((r) => !r.warmup));
    checkAborted();
    process.stdout.write(`${markdown}\n`);
    if (CONFIG.write) {
      writeSection(RESULTS_FILE, markdown);
      log(`wrote the "## Grade passback" section of ${path.relative(ROOT, RESULTS_FILE)}`);
    } else log(`BENCH_WRITE=0: ${path.relative(ROOT, RESULTS_FILE)} not written`);
    return ok ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      log(`FAILED: ${(err as Error).stack ?? err}`);
      process.exit(1);
    },
  );
}
