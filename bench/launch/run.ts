// bench/launch: full LTI 1.3 launches per second and latency, Trellis against a bare ltijs
// app on the same PostgreSQL database in the same run. See bench/README.md.
//
//   npm run bench:launch
//
// The driver (this process) creates a throw-away database, hosts the simulated LMS on a
// loopback port, registers one platform per tool, starts both tools as child processes,
// drives launches at each concurrency level (alternating which tool goes first, ABBA
// rounds), reads peak RSS and CPU time from /proc, writes bench/RESULTS.md and cleans up.
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
import { percentile, runPhase, type Launcher, type LaunchTarget, type LaunchTiming, type PhaseResult } from './load';
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

interface Round extends PhaseResult {
  serverCpuMs: number;
  pgCpuMs: number | null;
  driverCpuMs: number;
  jwksFetches: number;
  waits: WaitSamples;
}

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

async function measure(app: App, pg: PgBackends, concurrency: number, count: number, capMs: number): Promise<Round> {
  // Fresh keep-alive sockets per phase: no reuse of sockets a server timed out meanwhile.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const pid = app.tool.serverPid!;
  const cpu0 = cpuMs(pid) ?? NaN;
  const pg0 = await pg.snapshot();
  const drv0 = process.cpuUsage();
  app.platform.resetCalls();
  const stopSampling = pg.sampleWaits();
  const result = await runPhase({
    target: { ...app.target, agent },
    users: BENCH_USERS,
    concurrency,
    count,
    capMs,
    userOffset: app.userOffset,
  });
  app.userOffset += result.launches + result.errors.length;
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
  if (mem.trellis && mem.ltijs) {
    push(
      `- Trellis peak RSS ≤ 250 MB: ${mark(mem.trellis.peakMB <= 250)} — Trellis ${f1(mem.trellis.peakMB)} MB vs ltijs ${f1(mem.ltijs.peakMB)} MB (Trellis÷ltijs ${ratio(mem.trellis.peakMB, mem.ltijs.peakMB)})`,
    );
  }
  if (failed.length) push(`- **Levels with errors: ${failed.map((s) => `c=${s.c}`).join(', ')}** (see below); their numbers are not valid.`);
  push('');

  // Summary across levels
  push(
    '## Summary',
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
    '- **CPU per launch** from /proc/<pid>/stat (utime+stime) of the server process, of every PostgreSQL backend connected to the bench database, and of the driver (which also serves the platform JWKS that ltijs fetches on every launch).',
    '- **PostgreSQL sessions**: pg_stat_activity of the bench database sampled every 25 ms during measured rounds (non-idle sessions; "blocked on a lock" = wait_event_type Lock, e.g. a row lock held by another launch’s transaction).',
    '- **Peak RSS** = VmHWM of each server process at the end of the run (after all levels).',
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

    checkAborted();
    // 7. Memory, then stop the tools.
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
