// bench/launch: full LTI 1.3 launches per second and latency, Trellis against a bare ltijs
// app on the same PostgreSQL database in the same run. See bench/README.md.
//
//   npm run bench:launch
//
// The driver (this process) creates a throw-away database, hosts the simulated LMS on a
// loopback port, registers one platform per tool, starts both tools as child processes,
// drives launches at each concurrency level (closed loop: alternating which tool goes
// first, ABBA rounds), then at fixed arrival rates (open loop, same ABBA interleaving),
// reads peak RSS and CPU time from /proc, writes bench/RESULTS.md and cleans up.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Client } from 'pg';
import pino from 'pino';
import { composeTrellis } from '../../server/compose';
import { loadConfig } from '../../server/config';
import { connectPostgres } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { ROLE, SimulatedPlatform } from '../../test/platform';
import { formatProfileSummary, summarizeProfile } from './cpu-profile';
import {
  arrivalSchedule,
  percentile,
  runOpenPhase,
  runPhase,
  type ArrivalKind,
  type Launcher,
  type LaunchTarget,
  type LaunchTiming,
  type OpenLatency,
  type OpenPhaseResult,
  type PhaseResult,
} from './load';
import { commandLine, cpuMs, listeningPid, memoryStatus } from './procfs';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const PANEL_HTML = path.join(ROOT, 'client/dist/index.html');
const RESULTS_FILE = path.join(ROOT, 'bench/RESULTS.md');
const DEPLOYMENT_ID = 'bench-deployment';
const COURSE_ID = 'math-6';

// ---- configuration ------------------------------------------------------------------

const num = (name: string, dflt: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return v;
};

/** A list of positive numbers from the environment; "none" (or "0") for an empty list. */
const numList = (name: string, dflt: string) => {
  const raw = process.env[name];
  const text = raw === undefined || raw.trim() === '' ? dflt : raw.trim();
  if (text === 'none' || text === '0') return [];
  return text.split(',').map((part) => {
    const v = Number(part.trim());
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name}: bad value "${part}" in "${text}"`);
    return v;
  });
};

const arrivalKind = (): ArrivalKind => {
  const raw = (process.env.BENCH_OPEN_ARRIVALS ?? '').trim() || 'poisson';
  if (raw !== 'poisson' && raw !== 'uniform') throw new Error(`BENCH_OPEN_ARRIVALS must be poisson or uniform, got "${raw}"`);
  return raw;
};

const CONFIG = {
  /** Admin connection; the bench database is created beside it on the same server. */
  baseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  levels: (process.env.BENCH_LEVELS ?? '1,8,32').split(',').map((s) => Number(s.trim())),
  /** Measured launches per tool per level (split over two rounds). */
  launches: Math.round(num('BENCH_LAUNCHES', 800)),
  /** Unmeasured launches per tool before each level. */
  warmup: Math.round(num('BENCH_WARMUP', 30)),
  /** Unmeasured launches per tool once, right after start (JIT, pools). */
  initialWarmup: Math.round(num('BENCH_INITIAL_WARMUP', 100)),
  /** Time cap for the measured launches of one tool at one level, seconds. */
  levelCapS: num('BENCH_LEVEL_CAP_S', 20),
  /** Hard cap for the whole run, seconds. */
  maxRunS: num('BENCH_MAX_RUN_S', 900),
  /** Distinct simulated students launching. */
  users: Math.round(num('BENCH_USERS', 200)),
  /** Courses they are spread over (1 = one big class: every launch touches the same course row). */
  courses: Math.round(num('BENCH_COURSES', 1)),
  /** Open loop: offered arrival rates, launches/s ("none" to skip the open-loop part). */
  openRates: numList('BENCH_OPEN_RATES', '25,50,100'),
  /** Open loop: how arrivals are spaced. */
  openArrivals: arrivalKind(),
  /** Open loop: arrival window per tool per rate, seconds (two rounds of half). */
  openPhaseS: num('BENCH_OPEN_PHASE_S', 8),
  /** Open loop: at most this many arrivals per tool per rate (two rounds of half). */
  openLaunches: Math.round(num('BENCH_OPEN_LAUNCHES', 800)),
  /** Open loop: launches in flight at most; later arrivals queue (and count as queued). */
  openMaxInFlight: Math.round(num('BENCH_OPEN_MAX_IN_FLIGHT', 32)),
  /** Open loop: after a round's arrival window, how long queued arrivals may still start, seconds. */
  openDrainS: num('BENCH_OPEN_DRAIN_S', 10),
  /** Profile both servers with --cpu-prof (timings are then inflated; RESULTS.md is not written). */
  cpuProf: process.env.BENCH_CPU_PROF === '1',
};

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---- child processes ----------------------------------------------------------------

class ToolProcess {
  readonly proc: ChildProcess;
  readonly output: string[] = [];
  serverPid: number | null = null;
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private printed = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    script: string,
    env: NodeJS.ProcessEnv,
    profileDir: string | null,
  ) {
    // As deployed: the tsx CLI, which runs the server in a child node process. --cpu-prof
    // is not allowed in NODE_OPTIONS, so a profiled run starts node with tsx's loader itself.
    const [cmd, args] = profileDir
      ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', 'tsx', script]]
      : [TSX, [script]];
    // detached: its own process group, so cleanup can end the tsx wrapper and its node child.
    this.proc = spawn(cmd, args, { cwd: ROOT, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.output.push(line);
        if (this.output.length > 200) this.output.shift();
        if (this.printed++ < 100) process.stderr.write(`[${this.name}] ${line}\n`);
      }
    };
    this.proc.stdout!.on('data', onData);
    this.proc.stderr!.on('data', onData);
    this.proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
    });
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Waits until the real server process listens and `probe` answers. */
  async waitReady(probe: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${this.name} exited during start (${JSON.stringify(this.exited)}):\n${this.output.slice(-30).join('\n')}`);
      this.serverPid ??= listeningPid(this.proc.pid!, this.port);
      if (this.serverPid && (await probe().catch(() => false))) return;
      await sleep(200);
    }
    throw new Error(`${this.name} did not become ready within ${timeoutMs / 1000} s:\n${this.output.slice(-30).join('\n')}`);
  }

  /** SIGTERM to the server (clean exit, writes a CPU profile), then SIGKILL to the group. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    try {
      process.kill(this.serverPid ?? this.proc.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(8_000)]);
    this.killGroup();
  }

  killGroup(): void {
    try {
      process.kill(-this.proc.pid!, 'SIGKILL');
    } catch {
      // group already gone
    }
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function probe(url: string, expect: number): Promise<boolean> {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
  await res.arrayBuffer();
  return res.status === expect;
}

// ---- measurement --------------------------------------------------------------------

interface App {
  name: 'Trellis' | 'ltijs';
  tool: ToolProcess;
  target: Omit<LaunchTarget, 'agent'>;
  platform: SimulatedPlatform;
  userOffset: number;
}

/** What measureWith adds to a phase: CPU time, platform calls, PostgreSQL session samples. */
interface Costs {
  serverCpuMs: number;
  pgCpuMs: number | null;
  driverCpuMs: number;
  jwksFetches: number;
  waits: WaitSamples;
}

type Round = PhaseResult & Costs;
type OpenRound = OpenPhaseResult & Costs;

/** What the bench database's sessions were doing, sampled from pg_stat_activity. */
interface WaitSamples {
  samples: number;
  /** Sum over samples of non-idle sessions. */
  busy: number;
  /** Sum over samples of sessions waiting for a heavyweight lock (e.g. a row lock). */
  lockWaits: number;
  /** "wait_event_type:wait_event — statement" → count, over non-idle sessions. */
  events: Map<string, number>;
}

const emptyWaits = (): WaitSamples => ({ samples: 0, busy: 0, lockWaits: 0, events: new Map() });

function mergeWaits(all: WaitSamples[]): WaitSamples {
  const out = emptyWaits();
  for (const w of all) {
    out.samples += w.samples;
    out.busy += w.busy;
    out.lockWaits += w.lockWaits;
    for (const [k, v] of w.events) out.events.set(k, (out.events.get(k) ?? 0) + v);
  }
  return out;
}

interface Cell {
  rounds: Round[];
  errors: string[];
}

class PgBackends {
  constructor(
    private readonly admin: Client,
    private readonly dbName: string,
  ) {}

  /** CPU ms of every backend connected to the bench database (null if not visible). */
  async snapshot(): Promise<Map<number, number> | null> {
    const { rows } = await this.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [this.dbName]);
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = cpuMs(pid);
      if (ms !== null) out.set(pid, ms);
    }
    return rows.length > 0 && out.size === 0 ? null : out;
  }

  /** Samples pg_stat_activity every `everyMs` until the returned stop() is called. */
  sampleWaits(everyMs = 25): () => Promise<WaitSamples> {
    const w = emptyWaits();
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        const { rows } = await this.admin.query<{ wt: string | null; we: string | null; state: string; q: string }>(
          `SELECT wait_event_type AS wt, wait_event AS we, state, left(regexp_replace(query, '\\s+', ' ', 'g'), 48) AS q
             FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle' AND pid <> pg_backend_pid()`,
          [this.dbName],
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

  static delta(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
    if (!before || !after) return null;
    let sum = 0;
    // A backend that appeared during the phase did all its work in it.
    for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
    return sum;
  }
}

/**
 * Runs one phase of launches against `app` and measures what it cost: server, PostgreSQL
 * and driver CPU, platform JWKS fetches, PostgreSQL session states. `usersUsed` says how far
 * the phase got in the student list, so the next phase continues with the next student.
 */
async function measureWith<R extends PhaseResult>(
  app: App,
  pg: PgBackends,
  run: (target: LaunchTarget, userOffset: number) => Promise<R>,
  usersUsed: (r: R) => number,
): Promise<R & Costs> {
  // Fresh keep-alive sockets per phase: no reuse of sockets a server timed out meanwhile.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const pid = app.tool.serverPid!;
  const cpu0 = cpuMs(pid) ?? NaN;
  const pg0 = await pg.snapshot();
  const drv0 = process.cpuUsage();
  app.platform.resetCalls();
  const stopSampling = pg.sampleWaits();
  const result = await run({ ...app.target, agent }, app.userOffset);
  app.userOffset += usersUsed(result);
  const drv = process.cpuUsage(drv0);
  const cpu1 = cpuMs(pid) ?? NaN;
  const waits = await stopSampling();
  const pg1 = await pg.snapshot();
  agent.destroy();
  return {
    ...result,
    serverCpuMs: cpu1 - cpu0,
    pgCpuMs: PgBackends.delta(pg0, pg1),
    driverCpuMs: (drv.user + drv.system) / 1000,
    jwksFetches: app.platform.countCalls('jwks'),
    waits,
  };
}

/** Closed loop: `concurrency` clients, each launching again as soon as its launch ends. */
function measure(app: App, pg: PgBackends, concurrency: number, count: number, capMs: number): Promise<Round> {
  return measureWith(
    app,
    pg,
    (target, userOffset) => runPhase({ target, users: BENCH_USERS, concurrency, count, capMs, userOffset }),
    (r) => r.launches + r.errors.length,
  );
}

/** Open loop: arrivals at `ratePerS` on the schedule drawn from `seed`. */
function measureOpen(app: App, pg: PgBackends, ratePerS: number, seed: number): Promise<OpenRound> {
  const schedule = arrivalSchedule({
    ratePerS,
    windowMs: (CONFIG.openPhaseS * 1000) / 2,
    maxCount: Math.ceil(CONFIG.openLaunches / 2),
    kind: CONFIG.openArrivals,
    seed,
  });
  return measureWith(
    app,
    pg,
    (target, userOffset) =>
      runOpenPhase({ target, users: BENCH_USERS, ratePerS, schedule, maxInFlight: CONFIG.openMaxInFlight, drainMs: CONFIG.openDrainS * 1000, userOffset }),
    (r) => r.arrivals,
  );
}

let BENCH_USERS: Launcher[] = [];

// ---- report -------------------------------------------------------------------------

interface Stats {
  launches: number;
  wallMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  loginP50: number;
  launchP50: number;
  redirectP50: number;
  signP50: number;
  serverCpuPerLaunch: number;
  pgCpuPerLaunch: number | null;
  driverCpuPerLaunch: number;
  jwksPerLaunch: number;
  capped: boolean;
  waits: WaitSamples;
}

function stats(cell: Cell): Stats | null {
  const timings: LaunchTiming[] = cell.rounds.flatMap((r) => r.timings);
  if (timings.length === 0) return null;
  const launches = timings.length;
  const wallMs = cell.rounds.reduce((s, r) => s + r.wallMs, 0);
  const sorted = (f: (t: LaunchTiming) => number) => timings.map(f).sort((a, b) => a - b);
  const total = sorted((t) => t.totalMs);
  const pgValues = cell.rounds.map((r) => r.pgCpuMs);
  return {
    launches,
    wallMs,
    perSecond: (launches * 1000) / wallMs,
    p50: percentile(total, 50),
    p95: percentile(total, 95),
    p99: percentile(total, 99),
    max: total[total.length - 1]!,
    loginP50: percentile(sorted((t) => t.loginMs), 50),
    launchP50: percentile(sorted((t) => t.launchMs), 50),
    redirectP50: percentile(sorted((t) => t.redirectMs), 50),
    signP50: percentile(sorted((t) => t.signMs), 50),
    serverCpuPerLaunch: cell.rounds.reduce((s, r) => s + r.serverCpuMs, 0) / launches,
    pgCpuPerLaunch: pgValues.some((v) => v === null) ? null : pgValues.reduce((s: number, v) => s + v!, 0) / launches,
    driverCpuPerLaunch: cell.rounds.reduce((s, r) => s + r.driverCpuMs, 0) / launches,
    jwksPerLaunch: cell.rounds.reduce((s, r) => s + r.jwksFetches, 0) / launches,
    capped: cell.rounds.some((r) => r.capped),
    waits: mergeWaits(cell.rounds.map((r) => r.waits)),
  };
}

interface OpenCell {
  rounds: OpenRound[];
  errors: string[];
}

interface OpenStats {
  ratePerS: number;
  arrivals: number;
  completed: number;
  queued: number;
  dropped: number;
  maxInFlightSeen: number;
  /** Completed launches ÷ (arrival window, or until the last launch ended if later). */
  achievedPerSecond: number;
  p50: OpenLatency;
  p95: OpenLatency;
  p99: OpenLatency;
  max: OpenLatency;
  /** Launch alone (from its actual start), as in the closed loop. */
  serviceP50: number;
  serviceP95: number;
  /** Actual start − scheduled arrival (driver timer lag, plus queue wait when queued). */
  startDelayP50: number;
  startDelayP95: number;
  serverCpuPerLaunch: number;
  /** Server CPU time ÷ wall time (1.0 = one core busy all the time). */
  serverCpuBusy: number;
  pgCpuPerLaunch: number | null;
  pgBusyAvg: number;
  /** Did not keep up: arrivals had to queue for a slot (all in-flight slots busy), or achieved < 90% of offered. */
  overloaded: boolean;
}

function openStats(cell: OpenCell): OpenStats | null {
  const rounds = cell.rounds;
  const completed = rounds.reduce((s, r) => s + r.launches, 0);
  if (rounds.length === 0 || completed === 0) return null;
  const wallMs = rounds.reduce((s, r) => s + r.wallMs, 0);
  const lat = rounds.flatMap((r) => r.latencies).sort((a, b) => a.ms - b.ms);
  const pick = (p: number): OpenLatency => {
    const rank = Math.min(lat.length, Math.max(1, Math.ceil((p / 100) * lat.length)));
    return lat[rank - 1]!;
  };
  const service = rounds.flatMap((r) => r.timings.map((t) => t.totalMs)).sort((a, b) => a - b);
  const delays = rounds.flatMap((r) => r.startDelays).sort((a, b) => a - b);
  const serverCpu = rounds.reduce((s, r) => s + r.serverCpuMs, 0);
  const pgValues = rounds.map((r) => r.pgCpuMs);
  const waits = mergeWaits(rounds.map((r) => r.waits));
  const ratePerS = rounds[0]!.ratePerS;
  const achievedPerSecond = (completed * 1000) / wallMs;
  const dropped = rounds.reduce((s, r) => s + r.dropped, 0);
  return {
    ratePerS,
    arrivals: rounds.reduce((s, r) => s + r.arrivals, 0),
    completed,
    queued: rounds.reduce((s, r) => s + r.queued, 0),
    dropped,
    maxInFlightSeen: Math.max(...rounds.map((r) => r.maxInFlightSeen)),
    achievedPerSecond,
    p50: pick(50),
    p95: pick(95),
    p99: pick(99),
    max: lat[lat.length - 1]!,
    serviceP50: percentile(service, 50),
    serviceP95: percentile(service, 95),
    startDelayP50: percentile(delays, 50),
    startDelayP95: percentile(delays, 95),
    serverCpuPerLaunch: serverCpu / completed,
    serverCpuBusy: serverCpu / wallMs,
    pgCpuPerLaunch: pgValues.some((v) => v === null) ? null : pgValues.reduce((s: number, v) => s + v!, 0) / completed,
    pgBusyAvg: waits.samples ? waits.busy / waits.samples : NaN,
    overloaded: dropped > 0 || rounds.some((r) => r.queued > 0) || achievedPerSecond < 0.9 * ratePerS,
  };
}

/** An open-loop latency: "≥ x ms" when the percentile falls on an arrival that never started. */
const fLat = (l: OpenLatency) => `${l.lowerBound ? '≥ ' : ''}${f1(l.ms)} ms`;

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const mb = (mib: number) => (mib * 1024 * 1024) / 1e6;

interface RunInfo {
  started: Date;
  finished: Date;
  pgVersion: string;
  loadBefore: number[];
  loadAfter: number[];
  command: string;
  dbName: string;
}

interface MemoryResult {
  peakMB: number;
  endMB: number;
  pid: number;
  cmd: string;
  wrapperPeakMB: number | null;
}

function buildReport(
  info: RunInfo,
  results: Map<number, { trellis: Cell; ltijs: Cell; firstApp: string }>,
  openResults: Map<number, { trellis: OpenCell; ltijs: OpenCell; firstApp: string }>,
  mem: { trellis: MemoryResult | null; ltijs: MemoryResult | null },
): { markdown: string; ok: boolean } {
  const cpus = os.cpus();
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  let ok = true;

  push(
    '# Launch benchmark: Trellis vs bare ltijs',
    '',
    `Full LTI 1.3 launches (OIDC login initiation → signed id_token → launch POST → panel HTML), Trellis and a bare ltijs app on the same PostgreSQL database in the same run. Ratios compare Trellis with ltijs measured in interleaved rounds on the same machine; absolute numbers depend on the machine and its load and mean little on their own.`,
    '',
    `- Date: ${info.started.toISOString()} (run took ${((info.finished.getTime() - info.started.getTime()) / 1000).toFixed(0)} s)`,
    `- Command: \`${info.command}\``,
    `- Machine: ${os.availableParallelism()} CPUs (${cpus[0]?.model.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}; load average before ${info.loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${info.loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
    `- Node ${process.version}; PostgreSQL ${info.pgVersion} (database \`${info.dbName}\`, created and dropped by the run); ltijs ${pkgVersion('ltijs')}, express ${pkgVersion('express')} (Trellis) / ${pkgVersion('ltijs/node_modules/express') ?? pkgVersion('express')} (ltijs)`,
    `- Per tool and level: ${CONFIG.warmup} warm-up launches, then ${CONFIG.launches} measured launches in two rounds (ABBA order, which tool goes first alternates by level), capped at ${CONFIG.levelCapS} s; ${CONFIG.initialWarmup} launches per tool once at start. ${CONFIG.users} distinct students ${CONFIG.courses === 1 ? 'of one course' : `spread over ${CONFIG.courses} courses`} launch in turn.`,
    ...(CONFIG.openRates.length
      ? [
          `- Open loop, after the closed-loop levels: ${CONFIG.openArrivals === 'poisson' ? 'Poisson' : 'evenly spaced'} arrivals at ${CONFIG.openRates.join(', ')} launches/s offered, per tool and rate ${CONFIG.openPhaseS} s of arrivals or ${CONFIG.openLaunches} arrivals, whichever comes first, in two rounds (ABBA, the same arrival schedules for both tools), at most ${CONFIG.openMaxInFlight} launches in flight (later arrivals queue), queued arrivals dropped if not started ${CONFIG.openDrainS} s after a round's arrival window.`,
        ]
      : []),
    '',
  );

  // Goals
  // A tool with any error at a level has no valid numbers there.
  const valid = (cell: Cell) => (cell.errors.length ? null : stats(cell));
  const levelStats = [...results].map(([c, r]) => ({ c, t: valid(r.trellis), l: valid(r.ltijs), r }));
  const failed = levelStats.filter((s) => s.r.trellis.errors.length || s.r.ltijs.errors.length || !s.t || !s.l);
  if (failed.length) ok = false;
  const mark = (met: boolean) => (met ? '**met**' : '**NOT MET**');
  push('## Goals', '');
  const fastEnough = levelStats.map((s) => s.t && s.l && s.t.perSecond >= s.l.perSecond && s.l.p95 >= s.t.p95);
  push(
    `- Trellis at least as fast as bare ltijs (launches/s Trellis÷ltijs ≥ 1 and p95 ltijs÷Trellis ≥ 1 at every level): ${mark(fastEnough.every(Boolean) && levelStats.length > 0)} — ` +
      levelStats
        .map((s) => `c=${s.c}: throughput ${s.t && s.l ? ratio(s.t.perSecond, s.l.perSecond) : 'n/a'}, p95 ${s.t && s.l ? ratio(s.l.p95, s.t.p95) : 'n/a'}`)
        .join('; '),
  );
  const at32 = levelStats.find((s) => s.c === 32);
  if (at32?.t && at32.l) {
    push(
      `- Trellis p95 ≤ 50 ms at 32 concurrent: ${mark(at32.t.p95 <= 50)} — Trellis ${f1(at32.t.p95)} ms vs ltijs ${f1(at32.l.p95)} ms (ltijs÷Trellis ${ratio(at32.l.p95, at32.t.p95)})`,
      `  - With 32 clients that launch back to back, mean latency = 32 ÷ throughput (Little's law): p95 ≤ 50 ms needs more than 640 launches/s; Trellis did ${f1(at32.t.perSecond)}/s (${f1(32_000 / at32.t.perSecond)} ms mean) using ${f2(at32.t.serverCpuPerLaunch)} ms server + ${at32.t.pgCpuPerLaunch === null ? 'n/a' : f2(at32.t.pgCpuPerLaunch)} ms PostgreSQL + ${f2(at32.t.driverCpuPerLaunch)} ms driver CPU per launch on ${os.availableParallelism()} CPUs.`,
      `  - CPU alone bounds this: one Trellis process at ${f2(at32.t.serverCpuPerLaunch)} ms CPU per launch serves at most ${f1(1000 / at32.t.serverCpuPerLaunch)} launches/s (≥ ${f1(32 * at32.t.serverCpuPerLaunch)} ms mean latency at 32 concurrent); 50 ms at 32 concurrent needs under ${f2(50 / 32)} ms of server CPU per launch per process, or more processes and cores.`,
    );
  } else {
    push('- Trellis p95 ≤ 50 ms at 32 concurrent: **not measured** (level 32 missing or failed)');
  }
  // Open loop: context for the goal above, not a goal of its own and not a redefinition of it.
  const validOpen = (cell: OpenCell) => (cell.errors.length ? null : openStats(cell));
  const openStatsList = [...openResults].map(([rate, r]) => ({ rate, t: validOpen(r.trellis), l: validOpen(r.ltijs), r }));
  const openFailed = openStatsList.filter((s) => s.r.trellis.errors.length || s.r.ltijs.errors.length || !s.t || !s.l);
  if (openFailed.length) ok = false;
  if (openStatsList.length) {
    const top = openStatsList.find((s) => s.rate === 100) ?? openStatsList.reduce((a, b) => (b.rate > a.rate ? b : a));
    const within = top.rate === 100 ? 'within a third of a second' : `within ${f2(32 / top.rate)} s`;
    if (top.t && top.l) {
      const keptUp = (s: OpenStats) => (s.overloaded ? `did not keep up: ${f1(s.achievedPerSecond)}/s achieved, ${s.queued} of ${s.arrivals} arrivals queued for a slot${s.dropped ? `, ${s.dropped} dropped` : ''}` : `kept up: ${f1(s.achievedPerSecond)}/s achieved`);
      push(
        `- Open loop (context for the goal above, not a goal and not a redefinition of it): Trellis p95 at ${top.rate} launches/s offered (a class of 32 starting ${within}): ${fLat(top.t.p95)} vs ltijs ${fLat(top.l.p95)} (ltijs÷Trellis ${ratio(top.l.p95.ms, top.t.p95.ms)}${top.l.p95.lowerBound ? ' or more' : ''})`,
        `  - Trellis ${keptUp(top.t)}; ltijs ${keptUp(top.l)}. Latency counts from each launch's scheduled arrival, so time spent waiting for a free slot is included (see "Open loop" below).`,
      );
    } else {
      push(`- Open loop at ${top.rate} launches/s offered: **not measured** (failed, see below)`);
    }
  }
  if (mem.trellis && mem.ltijs) {
    push(
      `- Trellis peak RSS ≤ 250 MB: ${mark(mem.trellis.peakMB <= 250)} — Trellis ${f1(mem.trellis.peakMB)} MB vs ltijs ${f1(mem.ltijs.peakMB)} MB (Trellis÷ltijs ${ratio(mem.trellis.peakMB, mem.ltijs.peakMB)})`,
    );
  }
  if (failed.length) push(`- **Levels with errors: ${failed.map((s) => `c=${s.c}`).join(', ')}** (see below); their numbers are not valid.`);
  if (openFailed.length) push(`- **Open-loop rates with errors: ${openFailed.map((s) => `${s.rate}/s`).join(', ')}** (see below); their numbers are not valid.`);
  push('');

  // Summary across levels
  push(
    '## Summary (closed loop)',
    '',
    '| Concurrent | Launches/s Trellis | Launches/s ltijs | Trellis÷ltijs | p50 Trellis | p50 ltijs | p95 Trellis | p95 ltijs | ltijs÷Trellis p95 |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const s of levelStats) {
    if (!s.t || !s.l) {
      push(`| ${s.c} | failed | failed | | | | | | |`);
      continue;
    }
    push(
      `| ${s.c} | ${f1(s.t.perSecond)} | ${f1(s.l.perSecond)} | ${ratio(s.t.perSecond, s.l.perSecond)} | ${f1(s.t.p50)} ms | ${f1(s.l.p50)} ms | ${f1(s.t.p95)} ms | ${f1(s.l.p95)} ms | ${ratio(s.l.p95, s.t.p95)} |`,
    );
  }
  push('');

  // Open loop
  if (openStatsList.length) {
    push(
      '## Open loop: fixed arrival rates',
      '',
      `Launches arrive on a schedule (${CONFIG.openArrivals === 'poisson' ? 'Poisson arrivals: random, exponential gaps, so bursts happen' : 'evenly spaced'}) whether or not earlier launches have finished, as when a class opens the tool; at most ${CONFIG.openMaxInFlight} are in flight and later arrivals queue for a free slot. Latency runs from each launch's **scheduled arrival** to the panel HTML (minus the driver's id_token signing), so queueing and the driver's timer lag count against the tool (no coordinated omission). A tool that cannot keep up builds a queue and its latency grows with the length of the phase: its figures then depend on the phase length and are marked *overloaded* (some arrivals found all ${CONFIG.openMaxInFlight} slots busy, or it achieved under 90% of the offered rate). These figures are context for the closed-loop goal, not a replacement for it.`,
      '',
      '| Offered/s | Achieved/s Trellis | Achieved/s ltijs | p50 Trellis | p50 ltijs | p95 Trellis | p95 ltijs | p99 Trellis | p99 ltijs | ltijs÷Trellis p50 | ltijs÷Trellis p95 | ltijs÷Trellis p99 | Queued (dropped) Trellis | Queued (dropped) ltijs |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    const ach = (s: OpenStats) => `${f1(s.achievedPerSecond)}${s.overloaded ? ' *overloaded*' : ''}`;
    const q = (s: OpenStats) => `${s.queued} of ${s.arrivals}${s.dropped ? ` (${s.dropped})` : ''}`;
    const orMore = (l: OpenLatency) => (l.lowerBound ? ' or more' : '');
    for (const s of openStatsList) {
      if (!s.t || !s.l) {
        push(`| ${s.rate} | ${s.t ? ach(s.t) : 'failed'} | ${s.l ? ach(s.l) : 'failed'} | | | | | | | | | | | |`);
        continue;
      }
      const { t, l } = s;
      push(
        `| ${s.rate} | ${ach(t)} | ${ach(l)} | ${fLat(t.p50)} | ${fLat(l.p50)} | ${fLat(t.p95)} | ${fLat(l.p95)} | ${fLat(t.p99)} | ${fLat(l.p99)} | ${ratio(l.p50.ms, t.p50.ms)}${orMore(l.p50)} | ${ratio(l.p95.ms, t.p95.ms)}${orMore(l.p95)} | ${ratio(l.p99.ms, t.p99.ms)}${orMore(l.p99)} | ${q(t)} | ${q(l)} |`,
      );
    }
    push(
      '',
      'Details per rate and tool ("(first)": the tool whose rounds came first at that rate, ABBA). *Service* = the launch alone, from its actual start (as in the closed loop); *start delay* = actual start − scheduled arrival (driver timer lag, plus the wait for a slot when queued); *server CPU busy* = server CPU time ÷ wall time (1.00 = one core all the time).',
      '',
      '| Offered/s | Tool | Arrivals | Completed | Max in flight | Latency max | Service p50 | Service p95 | Start delay p50 | Start delay p95 | Server CPU per launch | Server CPU busy | PostgreSQL CPU per launch | PostgreSQL sessions busy (avg) |',
      '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const s of openStatsList) {
      for (const [name, st, cell] of [['Trellis', s.t, s.r.trellis], ['ltijs', s.l, s.r.ltijs]] as const) {
        const label = `${name}${s.r.firstApp === name ? ' (first)' : ''}`;
        if (!st) {
          push(`| ${s.rate} | ${label} | failed | | | | | | | | | | | |`);
          continue;
        }
        push(
          `| ${s.rate} | ${label} | ${st.arrivals} | ${st.completed}${cell.errors.length ? ` (${cell.errors.length} errors)` : ''} | ${st.maxInFlightSeen} | ${fLat(st.max)} | ${f1(st.serviceP50)} ms | ${f1(st.serviceP95)} ms | ${f1(st.startDelayP50)} ms | ${f1(st.startDelayP95)} ms | ${f2(st.serverCpuPerLaunch)} ms | ${f2(st.serverCpuBusy)} | ${st.pgCpuPerLaunch === null ? 'n/a' : `${f2(st.pgCpuPerLaunch)} ms`} | ${f2(st.pgBusyAvg)} |`,
        );
      }
    }
    push('');
    for (const s of openStatsList) {
      for (const [name, cell] of [['Trellis', s.r.trellis], ['ltijs', s.r.ltijs]] as const) {
        if (!cell.errors.length) continue;
        push(`**${name} FAILED at ${s.rate} launches/s** (${cell.errors.length} error${cell.errors.length === 1 ? '' : 's'}):`, '', '```');
        push(...cell.errors.slice(0, 5).map((e) => e.slice(0, 400)));
        push('```', '');
      }
    }
  }

  // Per level
  for (const s of levelStats) {
    push(`## ${s.c} concurrent client${s.c === 1 ? '' : 's'}`, '', `First tool this level: ${s.r.firstApp}.`, '');
    for (const [name, cell] of [['Trellis', s.r.trellis], ['ltijs', s.r.ltijs]] as const) {
      if (cell.errors.length) {
        push(`**${name} FAILED at this level** (${cell.errors.length} error${cell.errors.length === 1 ? '' : 's'}):`, '', '```');
        push(...cell.errors.slice(0, 5).map((e) => e.slice(0, 400)));
        push('```', '');
      }
    }
    if (!s.t || !s.l) continue;
    const t = s.t;
    const l = s.l;
    push('| Metric | Trellis | ltijs | Trellis vs ltijs |', '|---|---:|---:|---:|');
    const row = (m: string, a: string, b: string, r: string) => push(`| ${m} | ${a} | ${b} | ${r} |`);
    row('Measured launches', `${t.launches}${t.capped ? ' (time cap)' : ''}`, `${l.launches}${l.capped ? ' (time cap)' : ''}`, '');
    row('**Launches/s**', f1(t.perSecond), f1(l.perSecond), `${ratio(t.perSecond, l.perSecond)} (Trellis÷ltijs)`);
    row('Latency p50', `${f1(t.p50)} ms`, `${f1(l.p50)} ms`, `${ratio(l.p50, t.p50)} (ltijs÷Trellis)`);
    row('**Latency p95**', `${f1(t.p95)} ms`, `${f1(l.p95)} ms`, `${ratio(l.p95, t.p95)} (ltijs÷Trellis)`);
    row('Latency p99', `${f1(t.p99)} ms`, `${f1(l.p99)} ms`, `${ratio(l.p99, t.p99)} (ltijs÷Trellis)`);
    row('Latency max', `${f1(t.max)} ms`, `${f1(l.max)} ms`, `${ratio(l.max, t.max)} (ltijs÷Trellis)`);
    row('p50 login step', `${f1(t.loginP50)} ms`, `${f1(l.loginP50)} ms`, `${ratio(l.loginP50, t.loginP50)} (ltijs÷Trellis)`);
    row('p50 launch step (POST, + redirect hop for ltijs)', `${f1(t.launchP50)} ms`, `${f1(l.launchP50)} ms`, `${ratio(l.launchP50, t.launchP50)} (ltijs÷Trellis)`);
    row('p50 of which redirect hop', '—', `${f1(l.redirectP50)} ms`, '');
    row('Server CPU per launch', `${f2(t.serverCpuPerLaunch)} ms`, `${f2(l.serverCpuPerLaunch)} ms`, `${ratio(l.serverCpuPerLaunch, t.serverCpuPerLaunch)} (ltijs÷Trellis)`);
    row(
      'PostgreSQL CPU per launch',
      t.pgCpuPerLaunch === null ? 'n/a' : `${f2(t.pgCpuPerLaunch)} ms`,
      l.pgCpuPerLaunch === null ? 'n/a' : `${f2(l.pgCpuPerLaunch)} ms`,
      t.pgCpuPerLaunch !== null && l.pgCpuPerLaunch !== null ? `${ratio(l.pgCpuPerLaunch, t.pgCpuPerLaunch)} (ltijs÷Trellis)` : '',
    );
    row('Driver CPU per launch (LMS + client)', `${f2(t.driverCpuPerLaunch)} ms`, `${f2(l.driverCpuPerLaunch)} ms`, '');
    row('Platform JWKS fetches per launch', f2(t.jwksPerLaunch), f2(l.jwksPerLaunch), '');
    row('p50 id_token signing (driver, excluded)', `${f1(t.signP50)} ms`, `${f1(l.signP50)} ms`, '');
    const avg = (w: WaitSamples, x: number) => (w.samples ? (x / w.samples).toFixed(2) : 'n/a');
    row('PostgreSQL sessions busy (avg of samples)', avg(t.waits, t.waits.busy), avg(l.waits, l.waits.busy), '');
    row('… of which blocked on a lock (avg)', avg(t.waits, t.waits.lockWaits), avg(l.waits, l.waits.lockWaits), '');
    push('');
    for (const [name, w] of [['Trellis', t.waits], ['ltijs', l.waits]] as const) {
      const top = [...w.events].sort((a, b) => b[1] - a[1]).slice(0, 3);
      if (top.length) push(`Top PostgreSQL session states, ${name}: ${top.map(([k, n]) => `${(n * 100 / w.busy).toFixed(0)}% ${k.replace(/\|/g, '\\|')}`).join('; ')}.`, '');
    }
  }

  push('## Memory', '');
  if (mem.trellis && mem.ltijs) {
    push(
      '| Server process | Trellis | ltijs | Trellis÷ltijs |',
      '|---|---:|---:|---:|',
      `| **Peak RSS (VmHWM)** | ${f1(mem.trellis.peakMB)} MB | ${f1(mem.ltijs.peakMB)} MB | ${ratio(mem.trellis.peakMB, mem.ltijs.peakMB)} |`,
      `| RSS at end | ${f1(mem.trellis.endMB)} MB | ${f1(mem.ltijs.endMB)} MB | ${ratio(mem.trellis.endMB, mem.ltijs.endMB)} |`,
      `| tsx launcher process (parent, not counted above) | ${mem.trellis.wrapperPeakMB === null ? 'n/a' : `${f1(mem.trellis.wrapperPeakMB)} MB`} | ${mem.ltijs.wrapperPeakMB === null ? 'n/a' : `${f1(mem.ltijs.wrapperPeakMB)} MB`} | |`,
      '',
      `Measured processes: Trellis pid ${mem.trellis.pid} \`${mem.trellis.cmd.slice(0, 160)}\`; ltijs pid ${mem.ltijs.pid} \`${mem.ltijs.cmd.slice(0, 160)}\` (the process holding the listening socket, found through /proc).`,
      '',
    );
  } else {
    push('Not measured (a server was not running at the end).', '');
  }

  push(
    '## What is measured',
    '',
    '- **Latency** of one launch = wall time from sending the login initiation GET to having read the whole panel HTML, minus the time the driver spends building and signing the id_token (the platform’s work, identical for both tools). Trellis: GET /lti/login → POST /lti/launch (200, panel). ltijs: GET /login → POST / (302 with ltik) → GET /?ltik=… (200, panel). Every launch checks the status codes, the state/nonce round trip and that the body is the panel (client/dist/index.html with inlined boot data); any error fails the level.',
    '- **Launches/s** = measured launches ÷ wall time of the measured rounds (this wall time includes the signing, so throughput is a slight underestimate for both).',
    '- **Closed loop** (the levels): each of N clients starts its next launch as soon as the previous one ends, so the tool sets the pace and mean latency = N ÷ throughput. **Open loop**: launches arrive on a fixed schedule at the offered rate, independent of how fast the tool answers; latency counts from the scheduled arrival (including any wait for one of the in-flight slots), achieved rate = completed launches ÷ max(arrival window, time until the last launch ended). Both tools get the same arrival schedules (seeded), in ABBA rounds.',
    '- **CPU per launch** from /proc/<pid>/stat (utime+stime) of the server process, of every PostgreSQL backend connected to the bench database, and of the driver (which also serves the platform JWKS that ltijs fetches on every launch).',
    '- **PostgreSQL sessions**: pg_stat_activity of the bench database sampled every 25 ms during measured rounds (non-idle sessions; "blocked on a lock" = wait_event_type Lock, e.g. a row lock held by another launch’s transaction).',
    '- **Peak RSS** = VmHWM of each server process at the end of the run (after all levels and open-loop rates).',
    '- Both tools run under `tsx` with NODE_ENV=production, a pool of 10 PostgreSQL connections each, on loopback ports. Trellis is `server/main.ts` unchanged (LOG_LEVEL=warn, DEMO=false); ltijs is `bench/launch/bare-ltijs-app.ts` (ltijs defaults, plain-http cookies, `LtijsPostgresPlugin`).',
    '- Other work on the machine shares the CPUs: compare the ratios, and re-run before trusting a difference of a few percent.',
    '',
  );
  return { markdown: lines.join('\n'), ok };
}

function pkgVersion(name: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

function benchCommand(): string {
  const vars = Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  return [...vars, 'npm run bench:launch'].join(' ');
}

// ---- main ---------------------------------------------------------------------------

async function main(): Promise<number> {
  for (const c of CONFIG.levels) if (!Number.isInteger(c) || c < 1) throw new Error(`BENCH_LEVELS: bad level ${c}`);
  const started = new Date();
  const loadBefore = os.loadavg();
  const cleanups: (() => Promise<void> | void)[] = [];
  // Runs once; every caller (normal end, error, signal, watchdog) waits for the same run.
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
    process.exitCode = 130;
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
    // 0. The panel HTML both tools serve.
    if (!fs.existsSync(PANEL_HTML)) {
      log('client/dist/index.html missing: building the client');
      const r = spawnSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'client/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
      if (r.status !== 0) throw new Error('client build failed');
    }
    // The panel: the built client's page, with the boot data each tool inlines.
    const templateMarkers = ['<div id="root"></div>', '/app/assets/index-'];
    const template = fs.readFileSync(PANEL_HTML, 'utf8');
    for (const m of templateMarkers) if (!template.includes(m)) throw new Error(`client/dist/index.html lacks ${m}`);
    const panelMarkers = [...templateMarkers, '<script id="trellis-boot" type="application/json">'];

    // 1. A fresh database, on this machine only.
    const dbHost = new URL(CONFIG.baseUrl).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(dbHost)) {
      throw new Error(`BENCH_DATABASE_URL must point at a loopback PostgreSQL (got host ${dbHost})`);
    }
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
    log(`database ${dbName} on PostgreSQL ${pgVersion}`);

    // 2. The simulated LMS: one platform (issuer) per tool on one loopback server.
    const lms = express();
    const lmsServer: Server = await new Promise((resolve) => {
      const s = lms.listen(0, '127.0.0.1', () => resolve(s));
    });
    cleanups.push(async () => {
      lmsServer.closeAllConnections();
      await new Promise<void>((r) => lmsServer.close(() => r()));
    });
    const lmsBase = `http://127.0.0.1:${(lmsServer.address() as AddressInfo).port}`;
    const trellisPort = await freePort();
    let ltijsPort = await freePort();
    while (ltijsPort === trellisPort) ltijsPort = await freePort();
    const trellisBase = `http://127.0.0.1:${trellisPort}`;
    const ltijsBase = `http://127.0.0.1:${ltijsPort}`;

    const trellisPlatform = await SimulatedPlatform.create({
      issuer: `${lmsBase}/lms-trellis`,
      name: 'Bench LMS',
      tool: {
        clientId: 'trellis-bench',
        deploymentId: DEPLOYMENT_ID,
        loginUrl: `${trellisBase}/lti/login`,
        launchUrl: `${trellisBase}/lti/launch`,
        redirectUris: [`${trellisBase}/lti/launch`],
      },
    });
    const ltijsPlatform = await SimulatedPlatform.create({
      issuer: `${lmsBase}/lms-ltijs`,
      name: 'Bench LMS',
      tool: {
        clientId: 'ltijs-bench',
        deploymentId: DEPLOYMENT_ID,
        loginUrl: `${ltijsBase}/login`,
        launchUrl: `${ltijsBase}/`,
        redirectUris: [`${ltijsBase}/`],
      },
    });
    const courseIds = Array.from({ length: CONFIG.courses }, (_, i) => (i === 0 ? COURSE_ID : `bench-course-${i + 1}`));
    BENCH_USERS = Array.from({ length: CONFIG.users }, (_, i) => ({
      userSub: `bench-stu-${String(i + 1).padStart(4, '0')}`,
      courseId: courseIds[i % courseIds.length]!,
    }));
    for (const platform of [trellisPlatform, ltijsPlatform]) {
      for (const id of courseIds.slice(1)) {
        platform.courses.set(id, { id, title: `Bench course ${id}`, label: id.toUpperCase() });
        platform.resourceLinks.set(`rl-${id}`, { id: `rl-${id}`, courseId: id, title: 'Practice' });
      }
      for (const [i, { userSub: sub }] of BENCH_USERS.entries()) {
        platform.users.set(sub, {
          sub,
          name: `Student ${i + 1}`,
          given_name: 'Student',
          family_name: String(i + 1),
          email: `${sub}@students.example.edu`,
          roles: [ROLE.learner, ROLE.institutionStudent],
        });
      }
      if (!platform.courses.has(COURSE_ID)) throw new Error(`seed course ${COURSE_ID} missing`);
    }
    lms.use('/lms-trellis', trellisPlatform.router);
    lms.use('/lms-ltijs', ltijsPlatform.router);

    // 3. Schema and registrations, from the driver, then the connection is closed.
    const encryptionKey = crypto.randomBytes(32).toString('hex');
    {
      const db = await connectPostgres({ url: dbUrl, poolSize: 2 });
      try {
        await migrate(db);
        const config = loadConfig({ DATABASE_URL: dbUrl, TRELLIS_ENCRYPTION_KEY: encryptionKey, PUBLIC_URL: trellisBase, LOG_LEVEL: 'silent' });
        const trellis = composeTrellis({ config, db, logger: pino({ level: 'silent' }) });
        log('registering the platforms (ltijs generates a 4096-bit key pair for each)');
        await trellis.registry.register({
          issuer: trellisPlatform.issuer,
          clientId: trellisPlatform.tool.clientId,
          name: trellisPlatform.name,
          authLoginUrl: trellisPlatform.authUrl,
          authTokenUrl: trellisPlatform.tokenUrl,
          jwksUrl: trellisPlatform.jwksUrl,
          deploymentIds: [DEPLOYMENT_ID],
        });
        // The bare app's platform, registered the way an ltijs app does it (lti.registerPlatform).
        await trellis.ltijs.registerPlatform({
          url: ltijsPlatform.issuer,
          name: ltijsPlatform.name,
          clientId: ltijsPlatform.tool.clientId,
          authenticationEndpoint: ltijsPlatform.authUrl,
          accesstokenEndpoint: ltijsPlatform.tokenUrl,
          authConfig: { method: 'JWK_SET', key: ltijsPlatform.jwksUrl },
        });
      } finally {
        await db.close();
      }
    }

    // 4. Both tools as child processes.
    const profDir = CONFIG.cpuProf ? fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-bench-prof-')) : null;
    const baseEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete baseEnv.DEBUG; // ltijs logs through `debug`

    const trellisTool = new ToolProcess('trellis', trellisPort, 'server/main.ts', {
      ...baseEnv,
      DATABASE_URL: dbUrl,
      TRELLIS_ENCRYPTION_KEY: encryptionKey,
      PUBLIC_URL: trellisBase,
      PORT: String(trellisPort),
      HOST: '127.0.0.1',
      DEMO: 'false',
      LOG_LEVEL: 'warn',
    }, profDir);
    cleanups.push(() => trellisTool.stop());
    const ltijsTool = new ToolProcess('ltijs', ltijsPort, 'bench/launch/bare-ltijs-app.ts', {
      ...baseEnv,
      DATABASE_URL: dbUrl,
      LTIJS_ENCRYPTION_KEY: encryptionKey,
      PORT: String(ltijsPort),
      HOST: '127.0.0.1',
      PANEL_HTML,
    }, profDir);
    cleanups.push(() => ltijsTool.stop());
    process.once('exit', () => {
      trellisTool.killGroup();
      ltijsTool.killGroup();
    });
    await Promise.all([
      trellisTool.waitReady(() => probe(`${trellisBase}/healthz`, 200)),
      // ltijs answers a login without parameters with 400 MISSING_LOGIN_PARAMETERS.
      ltijsTool.waitReady(() => probe(`${ltijsBase}/login`, 400)),
    ]);
    log(`Trellis ready at ${trellisBase} (pid ${trellisTool.serverPid}), ltijs ready at ${ltijsBase} (pid ${ltijsTool.serverPid}), LMS at ${lmsBase}`);

    const apps: Record<'trellis' | 'ltijs', App> = {
      trellis: {
        name: 'Trellis',
        tool: trellisTool,
        platform: trellisPlatform,
        userOffset: 0,
        target: {
          app: 'Trellis',
          platform: trellisPlatform,
          base: trellisBase,
          loginPath: '/lti/login',
          launchUrl: `${trellisBase}/lti/launch`,
          followRedirect: false,
          panelMarkers,
        },
      },
      ltijs: {
        name: 'ltijs',
        tool: ltijsTool,
        platform: ltijsPlatform,
        userOffset: 0,
        target: {
          app: 'ltijs',
          platform: ltijsPlatform,
          base: ltijsBase,
          loginPath: '/login',
          launchUrl: `${ltijsBase}/`,
          followRedirect: true,
          panelMarkers,
        },
      },
    };

    const pg = new PgBackends(admin, dbName);
    const results = new Map<number, { trellis: Cell; ltijs: Cell; firstApp: string }>();
    const describe = (r: PhaseResult) => {
      const sorted = r.timings.map((t) => t.totalMs).sort((a, b) => a - b);
      return `${r.launches} launches in ${(r.wallMs / 1000).toFixed(1)} s (${f1((r.launches * 1000) / r.wallMs)}/s), p50 ${f1(percentile(sorted, 50))} ms, p95 ${f1(percentile(sorted, 95))} ms${r.capped ? ' [time cap]' : ''}${r.errors.length ? ` — ${r.errors.length} ERRORS` : ''}`;
    };

    // 5. Initial warm-up.
    const startupErrors: string[] = [];
    for (const key of ['trellis', 'ltijs'] as const) {
      checkAborted();
      const r = await measure(apps[key], pg, 4, CONFIG.initialWarmup, 30_000);
      log(`initial warm-up ${apps[key].name}: ${describe(r)}`);
      if (r.errors.length) startupErrors.push(...r.errors.map((e) => `${apps[key].name}: ${e}`));
    }
    if (startupErrors.length) {
      throw new Error(`launches fail during warm-up:\n  ${startupErrors.slice(0, 6).join('\n  ')}\n--- trellis output ---\n${trellisTool.output.slice(-15).join('\n')}\n--- ltijs output ---\n${ltijsTool.output.slice(-15).join('\n')}`);
    }

    // 6. Levels: warm-up each tool, then rounds A B B A (A alternates by level).
    const half = Math.ceil(CONFIG.launches / 2);
    const roundCapMs = (CONFIG.levelCapS * 1000) / 2;
    for (const [li, c] of CONFIG.levels.entries()) {
      const order: ('trellis' | 'ltijs')[] = li % 2 === 0 ? ['trellis', 'ltijs'] : ['ltijs', 'trellis'];
      const cells = { trellis: { rounds: [], errors: [] } as Cell, ltijs: { rounds: [], errors: [] } as Cell };
      results.set(c, { ...cells, firstApp: apps[order[0]!].name });
      for (const key of order) {
        checkAborted();
        const r = await measure(apps[key], pg, c, Math.max(CONFIG.warmup, c), 15_000);
        log(`c=${c} warm-up ${apps[key].name}: ${describe(r)}`);
        cells[key].errors.push(...r.errors);
      }
      const rounds = [order[0]!, order[1]!, order[1]!, order[0]!];
      for (const [ri, key] of rounds.entries()) {
        if (cells[key].errors.length) continue;
        checkAborted();
        const r = await measure(apps[key], pg, c, half, roundCapMs);
        log(`c=${c} round ${ri + 1}/4 ${apps[key].name}: ${describe(r)}`);
        cells[key].rounds.push(r);
        cells[key].errors.push(...r.errors);
      }
      for (const key of order) {
        if (cells[key].errors.length) {
          log(`c=${c}: ${apps[key].name} FAILED:\n  ${cells[key].errors.slice(0, 5).join('\n  ')}`);
          log(`last ${apps[key].name} output:\n${apps[key].tool.output.slice(-15).join('\n')}`);
        }
      }
    }

    // 7. Open loop: per rate, rounds A B B A (A alternates by rate, continuing the levels'
    //    alternation); rounds 1–2 share one arrival schedule and rounds 3–4 another, so both
    //    tools see the same arrivals. No extra warm-up: the servers are warm from the levels.
    const openResults = new Map<number, { trellis: OpenCell; ltijs: OpenCell; firstApp: string }>();
    const describeOpen = (r: OpenRound) => {
      const lat = r.latencies.map((x) => x.ms).sort((a, b) => a - b);
      return `${r.arrivals} arrivals at ${r.ratePerS}/s, ${r.launches} done (${f1((r.launches * 1000) / r.wallMs)}/s achieved), p50 ${f1(percentile(lat, 50))} ms, p95 ${f1(percentile(lat, 95))} ms, ${r.queued} queued${r.dropped ? `, ${r.dropped} DROPPED` : ''}, max ${r.maxInFlightSeen} in flight${r.errors.length ? ` — ${r.errors.length} ERRORS` : ''}`;
    };
    for (const [ri, rate] of CONFIG.openRates.entries()) {
      const order: ('trellis' | 'ltijs')[] = (CONFIG.levels.length + ri) % 2 === 0 ? ['trellis', 'ltijs'] : ['ltijs', 'trellis'];
      const cells = { trellis: { rounds: [], errors: [] } as OpenCell, ltijs: { rounds: [], errors: [] } as OpenCell };
      openResults.set(rate, { ...cells, firstApp: apps[order[0]!].name });
      const rounds = [order[0]!, order[1]!, order[1]!, order[0]!];
      for (const [n, key] of rounds.entries()) {
        if (cells[key].errors.length) continue;
        checkAborted();
        const seed = Math.round(rate * 1000) * 16 + (n < 2 ? 1 : 2);
        const r = await measureOpen(apps[key], pg, rate, seed);
        log(`open ${rate}/s round ${n + 1}/4 ${apps[key].name}: ${describeOpen(r)}`);
        cells[key].rounds.push(r);
        cells[key].errors.push(...r.errors);
      }
      for (const key of order) {
        if (cells[key].errors.length) {
          log(`open ${rate}/s: ${apps[key].name} FAILED:\n  ${cells[key].errors.slice(0, 5).join('\n  ')}`);
          log(`last ${apps[key].name} output:\n${apps[key].tool.output.slice(-15).join('\n')}`);
        }
      }
    }

    checkAborted();
    // 8. Memory, then stop the tools.
    const memOf = (tool: ToolProcess): MemoryResult | null => {
      const m = tool.serverPid ? memoryStatus(tool.serverPid) : null;
      if (!m || !tool.serverPid) return null;
      const wrapper = tool.proc.pid !== tool.serverPid ? memoryStatus(tool.proc.pid!) : null;
      const cmd = commandLine(tool.serverPid).replace(/--require \S*preflight\.cjs --import \S*loader\.mjs/, '(tsx loader)');
      return { peakMB: mb(m.peakRssMiB), endMB: mb(m.rssMiB), pid: tool.serverPid, cmd, wrapperPeakMB: wrapper ? mb(wrapper.peakRssMiB) : null };
    };
    const mem = { trellis: memOf(trellisTool), ltijs: memOf(ltijsTool) };
    const servers = { trellis: trellisTool.serverPid, ltijs: ltijsTool.serverPid };
    await trellisTool.stop();
    await ltijsTool.stop();

    const report = buildReport(
      { started, finished: new Date(), pgVersion, loadBefore, loadAfter: os.loadavg(), command: benchCommand(), dbName },
      results,
      openResults,
      mem,
    );
    checkAborted();
    let markdown = report.markdown;
    if (profDir) {
      const profiles: string[] = [];
      for (const [name, pid] of Object.entries(servers)) {
        const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile') && f.split('.').includes(String(pid)));
        if (file) profiles.push(formatProfileSummary(`${name} (whole run incl. start-up)`, summarizeProfile(path.join(profDir, file))));
        else profiles.push(`(no CPU profile found for ${name} pid ${pid} in ${profDir})`);
      }
      markdown += `\n## CPU profiles (BENCH_CPU_PROF=1: timings above are inflated by the profiler)\n\n${profiles.join('\n')}`;
      process.stdout.write(markdown + '\n');
      log(`profiled run: ${path.relative(ROOT, RESULTS_FILE)} not written; profiles kept in ${profDir}`);
    } else {
      fs.writeFileSync(RESULTS_FILE, markdown);
      process.stdout.write(markdown + '\n');
      log(`wrote ${path.relative(ROOT, RESULTS_FILE)}`);
    }
    return report.ok ? 0 : 1;
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
