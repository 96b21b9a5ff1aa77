// bench/practice report: aggregates the rounds of each history level into figures per
// variant (Trellis's incremental mastery vs the replay baseline), checks the goals and
// writes markdown (bench/practice/RESULTS.md).
import os from 'node:os';
import { percentile } from '../launch/load';
import type { ServerStats, StatementTally } from './server';

export type Variant = 'trellis' | 'baseline' | 'prepared';
/** The two variants of every run; 'prepared' joins them when BENCH_PREPARED=1. */
export const VARIANTS: Variant[] = ['trellis', 'baseline'];
export const VARIANT_NAME: Record<Variant, string> = { trellis: 'Trellis', baseline: 'Replay baseline', prepared: 'Trellis + prepared statements (experiment)' };

/** What the bench database's sessions were doing, sampled from pg_stat_activity. */
export interface WaitSamples {
  samples: number;
  /** Sum over samples of non-idle sessions. */
  busy: number;
  /** Sum over samples of sessions waiting for a heavyweight lock. */
  lockWaits: number;
  /** "wait — statement" → count, over non-idle sessions. */
  events: Map<string, number>;
}

export const emptyWaits = (): WaitSamples => ({ samples: 0, busy: 0, lockWaits: 0, events: new Map() });

export interface PhaseResult {
  variant: Variant;
  kind: 'warmup' | 'serial' | 'loaded' | 'paced';
  /** 1…of within the ABBA sequence of its kind; 0 for warm-up. */
  round: number;
  /** Rounds in the sequence (4, or 6 with the experiment). */
  of: number;
  /** Attempts answered 200. */
  attempts: number;
  errors: string[];
  wallMs: number;
  /** Per attempt, ms: POST sent → whole response read (driver). */
  clientMs: number[];
  /** Per attempt, ms: Server-Timing app;dur (the handler chain, incl. waiting for a pooled connection). */
  serverMs: number[];
  correct: number;
  /** Paced rounds: the aggregate rate the think times aim at. */
  offeredPerS: number | null;
  costs: {
    /** CPU ms of the measured server process (/proc). */
    serverCpuMs: number;
    /** Of which system (kernel) time. */
    serverSysMs: number;
    /** CPU ms of the other server process (idle: its outbox poll). */
    idleServerCpuMs: number;
    /** CPU ms of the PostgreSQL backends of the bench database (the driver's answer lookups excluded). */
    pgCpuMs: number | null;
    pgSysMs: number | null;
    /** CPU ms of the driver (load generator, answer lookups, simulated LMS). */
    driverCpuMs: number;
    /** CPU ms the whole machine was busy (/proc/stat), all processes. */
    machineBusyMs: number | null;
  };
  server: ServerStats;
  waits: WaitSamples;
  /** Rows added to the outbox (scores that changed) during the round. */
  scoresQueued: number;
}

export interface LevelResult {
  /** Attempts per student seeded with SQL before this level (cumulative). */
  seededPerStudent: number;
  /** Mean attempts per student on the assignment's skills when the level's measurements start / end. */
  historyAtStart: number;
  historyAtEnd: number;
  first: Variant;
  phases: PhaseResult[];
  /** Seeding + estimate rebuild + VACUUM ANALYZE + CHECKPOINT, ms. */
  seedMs: number;
}

export interface RunInfo {
  started: Date;
  finished: Date;
  command: string;
  pgVersion: string;
  pgSettings: Record<string, string>;
  dbName: string;
  loadBefore: number[];
  loadAfter: number[];
  students: number;
  skills: string[];
  attemptsPerRound: number;
  warmupPerStudent: number;
  initialWarmupPerStudent: number;
  pCorrect: number;
  pacedRate: number | null;
  pacedSeconds: number;
  serialAttempts: number;
  /** The variants measured (Trellis and the baseline, plus the experiment when it ran). */
  variants: Variant[];
  poolSize: number;
  launch: { students: number; ms: number };
  checks: { label: string; ok: boolean; detail: string }[];
  peakRssMB: Partial<Record<Variant, number | null>>;
}

export interface Agg {
  rounds: number;
  attempts: number;
  errors: number;
  wallMs: number;
  perSecond: number;
  offeredPerS: number | null;
  server: { p50: number; p95: number; p99: number; max: number; mean: number };
  client: { p50: number; p95: number; p99: number; mean: number };
  correctShare: number;
  serverCpuPer: number;
  /** Share of the server's CPU spent in the kernel (system time). */
  serverSysShare: number;
  pgCpuPer: number | null;
  pgSysShare: number | null;
  driverCpuPer: number;
  /** CPU of everything else on the machine per attempt (other jobs, the idle server, the kernel). */
  otherCpuPer: number | null;
  /** Share of the 2 (or n) CPUs busy with anything during the rounds. */
  machineBusyShare: number | null;
  /** Share of the CPUs used by processes other than the bench's (other jobs on the host). */
  otherShare: number | null;
  statementsPer: number;
  txStatementsPer: number;
  plainStatementsPer: number;
  txPer: number;
  /** Statements outside transactions on the request path (not the outbox worker's), per attempt, and their round trips, ms. */
  requestPlainPer: number;
  requestPlainMsPer: number;
  /** Means per attempt, ms. */
  txOpenPer: number;
  txStatementMsPer: number;
  txJsPer: number;
  commitPer: number;
  maxOpenMs: number;
  elu: number;
  loopDelayP99: number;
  byKind: Map<string, StatementTally>;
  scoresQueuedPer: number;
  pgBusyAvg: number;
  pgLockWaitAvg: number;
  waits: WaitSamples;
}

/** Statement kinds of a round that failed or took over 3 s (the pool gives up waiting at 5 s). */
export function stallsOf(p: PhaseResult): [string, StatementTally][] {
  return Object.entries(p.server.byKind).filter(([, t]) => t.failed > 0 || t.maxMs > 3_000);
}

/** Statements of the outbox worker run beside the requests, not inside them. */
const isBackground = (kind: string) => kind.startsWith('outbox worker');

export function aggregate(phases: PhaseResult[]): Agg | null {
  // Rounds with errors are listed separately, not averaged in.
  const ok = phases.filter((p) => p.attempts > 0 && p.errors.length === 0);
  if (ok.length === 0) return null;
  const attempts = ok.reduce((s, p) => s + p.attempts, 0);
  const wallMs = ok.reduce((s, p) => s + p.wallMs, 0);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const server = sorted(ok.flatMap((p) => p.serverMs));
  const client = sorted(ok.flatMap((p) => p.clientMs));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const sum = (f: (p: PhaseResult) => number) => ok.reduce((s, p) => s + f(p), 0);
  const pgNull = ok.some((p) => p.costs.pgCpuMs === null);
  const machineNull = ok.some((p) => p.costs.machineBusyMs === null);
  const byKind = new Map<string, StatementTally>();
  for (const p of ok) {
    for (const [k, t] of Object.entries(p.server.byKind)) {
      const m = byKind.get(k) ?? { n: 0, ms: 0, inTx: 0, msInTx: 0, maxMs: 0, failed: 0 };
      m.n += t.n;
      m.ms += t.ms;
      m.inTx += t.inTx;
      m.msInTx += t.msInTx;
      m.maxMs = Math.max(m.maxMs, t.maxMs);
      m.failed += t.failed;
      byKind.set(k, m);
    }
  }
  const waits = emptyWaits();
  for (const p of ok) {
    waits.samples += p.waits.samples;
    waits.busy += p.waits.busy;
    waits.lockWaits += p.waits.lockWaits;
    for (const [k, v] of p.waits.events) waits.events.set(k, (waits.events.get(k) ?? 0) + v);
  }
  const tx = (f: (t: ServerStats['transactions']) => number) => sum((p) => f(p.server.transactions));
  const machineBusy = machineNull ? null : sum((p) => p.costs.machineBusyMs!);
  const ours = sum((p) => p.costs.serverCpuMs + p.costs.driverCpuMs) + (pgNull ? 0 : sum((p) => p.costs.pgCpuMs!));
  const offered = ok.map((p) => p.offeredPerS).filter((x): x is number => x !== null);
  return {
    rounds: ok.length,
    attempts,
    errors: phases.reduce((s, p) => s + p.errors.length, 0),
    wallMs,
    perSecond: (attempts * 1000) / wallMs,
    offeredPerS: offered.length ? mean(offered) : null,
    server: { p50: percentile(server, 50), p95: percentile(server, 95), p99: percentile(server, 99), max: server[server.length - 1]!, mean: mean(server) },
    client: { p50: percentile(client, 50), p95: percentile(client, 95), p99: percentile(client, 99), mean: mean(client) },
    correctShare: sum((p) => p.correct) / attempts,
    serverCpuPer: sum((p) => p.costs.serverCpuMs) / attempts,
    serverSysShare: sum((p) => p.costs.serverSysMs) / sum((p) => p.costs.serverCpuMs),
    pgCpuPer: pgNull ? null : sum((p) => p.costs.pgCpuMs!) / attempts,
    pgSysShare: pgNull ? null : sum((p) => p.costs.pgSysMs!) / sum((p) => p.costs.pgCpuMs!),
    driverCpuPer: sum((p) => p.costs.driverCpuMs) / attempts,
    otherCpuPer: machineBusy === null || pgNull ? null : (machineBusy - ours) / attempts,
    machineBusyShare: machineBusy === null ? null : machineBusy / (wallMs * os.availableParallelism()),
    otherShare: machineBusy === null || pgNull ? null : Math.max(0, machineBusy - ours - sum((p) => p.costs.idleServerCpuMs)) / (wallMs * os.availableParallelism()),
    statementsPer: (tx((t) => t.statements) + sum((p) => p.server.plain.n)) / attempts,
    txStatementsPer: tx((t) => t.statements) / attempts,
    plainStatementsPer: sum((p) => p.server.plain.n) / attempts,
    txPer: tx((t) => t.n) / attempts,
    requestPlainPer: [...byKind].filter(([k]) => !isBackground(k)).reduce((x, [, t]) => x + t.n - t.inTx, 0) / attempts,
    requestPlainMsPer: [...byKind].filter(([k]) => !isBackground(k)).reduce((x, [, t]) => x + t.ms - t.msInTx, 0) / attempts,
    txOpenPer: tx((t) => t.openMs) / attempts,
    txStatementMsPer: tx((t) => t.statementMs) / attempts,
    txJsPer: (tx((t) => t.bodyMs) - tx((t) => t.statementMs)) / attempts,
    commitPer: tx((t) => t.commitMs) / attempts,
    maxOpenMs: Math.max(...ok.map((p) => p.server.transactions.maxOpenMs)),
    elu: sum((p) => p.server.elu * p.server.elapsedMs) / sum((p) => p.server.elapsedMs),
    loopDelayP99: Math.max(...ok.map((p) => p.server.loopDelayP99Ms)),
    byKind,
    scoresQueuedPer: sum((p) => p.scoresQueued) / attempts,
    pgBusyAvg: waits.samples ? waits.busy / waits.samples : NaN,
    pgLockWaitAvg: waits.samples ? waits.lockWaits / waits.samples : NaN,
    waits,
  };
}

const f1 = (x: number | null | undefined) => (x !== null && x !== undefined && Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number | null | undefined) => (x !== null && x !== undefined && Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const f0 = (x: number | null | undefined) => (x !== null && x !== undefined && Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const ms = (x: number | null | undefined) => `${f2(x)} ms`;
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a !== null && a !== undefined && b !== null && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a';
const pct = (x: number | null | undefined) => (x !== null && x !== undefined && Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : 'n/a');
const mark = (met: boolean) => (met ? '**met**' : '**NOT MET**');
const esc = (s: string) => s.replace(/\|/g, '\\|');

export interface Built {
  markdown: string;
  /** false when a round failed or a correctness check failed (missing a goal does not count). */
  ok: boolean;
}

export function buildReport(info: RunInfo, levels: LevelResult[]): Built {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  const cpus = os.cpus();
  const ncpu = os.availableParallelism();
  let ok = info.checks.every((c) => c.ok);

  const cells = levels.map((lv) => {
    const pick = (v: Variant, kind: PhaseResult['kind']) => lv.phases.filter((p) => p.variant === v && p.kind === kind);
    const both = (kind: PhaseResult['kind']) => ({
      trellis: aggregate(pick('trellis', kind)),
      baseline: aggregate(pick('baseline', kind)),
      prepared: aggregate(pick('prepared', kind)),
    });
    const failed = lv.phases.filter((p) => p.errors.length > 0);
    if (failed.length) ok = false;
    return { lv, failed, serial: both('serial'), loaded: both('loaded'), paced: both('paced') };
  });
  type Cell = (typeof cells)[number];
  const phaseName = { warmup: 'warm-up', serial: 'one at a time', paced: 'paced', loaded: 'closed loop' } as const;
  const hist = (c: Cell) => `${f0(c.lv.historyAtStart)}`;
  const cpu = (x: Agg) => x.serverCpuPer + (x.pgCpuPer ?? 0);

  push(
    '# Practice benchmark: attempt → mastery update → next item',
    '',
    `${info.students} simulated students, each launched through the simulated LMS (real LTI 1.3 launches) onto one assignment placed by Deep Linking (skills ${info.skills.join(', ')}; goal: mastery), submit answers: \`POST /api/practice/items/:id/attempts\`, then answer the next item the response carries. **Trellis** keeps a running BKT estimate per student and skill (\`masteryMode: 'incremental'\`); the **replay baseline** recomputes mastery from every past attempt of the student on each request (\`masteryMode: 'replay'\`). Both are the same code (\`composeTrellis\`) in two server processes on the same database with the same students, measured in interleaved rounds (ABBA) at each history size.`,
    '',
    `- Date: ${info.started.toISOString()} (run took ${((info.finished.getTime() - info.started.getTime()) / 1000).toFixed(0)} s)`,
    `- Command: \`${info.command}\``,
    `- Machine: ${ncpu} CPUs (${cpus[0]?.model.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}; load average before ${info.loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${info.loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
    `- Node ${process.version}; PostgreSQL ${info.pgVersion} (${Object.entries(info.pgSettings).map(([k, v]) => `${k}=${v}`).join(', ')}) on the same machine over TCP loopback; database \`${info.dbName}\`, created and dropped by the run; pool of ${info.poolSize} connections per server`,
    ...(info.variants.includes('prepared')
      ? [`- **Experiment (BENCH_PREPARED=1)**: a third server, *${VARIANT_NAME.prepared}*, runs Trellis with every statement sent as a named prepared statement (\`connectPrepared\` in \`bench/practice/server.ts\`), interleaved with the other two (A B C C B A).`]
      : []),
    `- Per history level and variant: ${info.warmupPerStudent} warm-up attempts per student; then, each as 4 rounds in ABBA order (which variant goes first alternates by level): ${info.serialAttempts ? `**one at a time** (${info.serialAttempts} attempts per round, the students taking turns, nothing else in flight); ` : ''}**closed loop** (all ${info.students} students at once, back to back, ${info.attemptsPerRound} attempts each per round)${info.pacedRate ? `; **classroom pace** (${info.students} students with exponential think times aiming at ${info.pacedRate} attempts/s in total, ${info.pacedSeconds} s per round)` : ''}. Answers are correct with probability ${info.pCorrect} (computed by the driver from the item bank, not timed).`,
    `- Launches: ${info.launch.students} students in ${(info.launch.ms / 1000).toFixed(1)} s (login → LMS /auth → launch POST, 8 at a time), before any measurement; each student then opens the panel (GET /api/practice) once on each server, and answers ${info.initialWarmupPerStudent} items on each server 8 students at a time (initial warm-up of the fresh processes, not measured).`,
    '',
  );

  // ---- goals --------------------------------------------------------------------------
  push('## Goals', '');
  const series = (kind: 'serial' | 'loaded' | 'paced') => cells.map((c) => ({ c, t: c[kind].trellis, b: c[kind].baseline }));
  const list = (xs: { c: Cell; t: Agg | null }[], f: (a: Agg) => string) => xs.map((x) => `history ${hist(x.c)}: ${x.t ? f(x.t) : 'n/a'}`).join('; ');
  const p95ok = (xs: { t: Agg | null }[]) => xs.length > 0 && xs.every((x) => x.t && x.t.server.p95 <= 5);
  push('- **p95 server time ≤ 5 ms** (Trellis; Server-Timing of the attempt request):');
  if (info.serialAttempts) {
    const xs = series('serial');
    push(`  - one attempt at a time (the work of one attempt, no queueing): ${mark(p95ok(xs))} — ${list(xs, (a) => `p95 ${ms(a.server.p95)} (p50 ${ms(a.server.p50)})`)}.`);
  }
  if (info.pacedRate) {
    const xs = series('paced');
    push(`  - ${info.students} students at classroom pace (${info.pacedRate} attempts/s offered): ${mark(p95ok(xs))} — ${list(xs, (a) => `p95 ${ms(a.server.p95)} (p50 ${ms(a.server.p50)}; other jobs on the host used ${pct(a.otherShare)} of the CPUs)`)}.`);
  }
  {
    const xs = series('loaded');
    push(`  - ${info.students} students back to back (closed loop, saturation): ${mark(p95ok(xs))} — ${list(xs, (a) => `p95 ${ms(a.server.p95)}`)}.`);
    const w = xs.find((x) => x.t)?.t;
    if (w) {
      push(
        `    At saturation this is queueing, not work: with ${info.students} requests in flight and X attempts/s, the mean time in the system is ${info.students} ÷ X (Little's law), ${f0((info.students * 1000) / w.perSecond)} ms at ${f0(w.perSecond)}/s. The server takes all ${info.students} requests at once, so the wait for one of its ${info.poolSize} pooled connections (${ms(w.txOpenPer)} per attempt on average) is inside Server-Timing. 5 ms with ${info.students} in flight would take ${f0((info.students * 1000) / 5)} attempts/s.`,
      );
    }
  }
  {
    const xs = series('loaded');
    const met = xs.length > 0 && xs.every((x) => x.t && x.t.perSecond >= 1000);
    push(`- **≥ 1,000 attempts/s on ${ncpu} cores** (Trellis, closed loop): ${mark(met)} — ${list(xs, (a) => `${f0(a.perSecond)}/s`)}.`);
    const t0 = xs[xs.length - 1]?.t;
    if (t0) {
      push(
        `  - CPU per attempt at history ${hist(xs[xs.length - 1]!.c)}: server ${ms(t0.serverCpuPer)} (${pct(t0.serverSysShare)} of it in the kernel) + PostgreSQL ${ms(t0.pgCpuPer)} (${pct(t0.pgSysShare)} in the kernel) = ${ms(cpu(t0))}. With the ${ncpu} cores to themselves that allows at most ${f0((ncpu * 1000) / cpu(t0))} attempts/s (the single-threaded node process alone: ${f0(1000 / t0.serverCpuPer)}/s; its event loop was ${pct(t0.elu)} busy). During these rounds the driver (load generator + LMS) used ${ms(t0.driverCpuPer)} per attempt and other jobs on the host ${pct(t0.otherShare)} of the CPUs; the CPUs were ${pct(t0.machineBusyShare)} busy. 1,000/s on ${ncpu} cores needs under ${ms((ncpu * 1000) / 1000)} of server + PostgreSQL CPU per attempt, with nothing else on the machine.`,
      );
    }
  }
  {
    // Like for like: a student without history is still learning (scores change, the outbox
    // works); after a long seeded history every skill is mastered (BKT without forgetting
    // settles at 1). So flatness is judged from the first seeded level when there are two.
    const seededCells = cells.filter((c) => c.lv.seededPerStudent > 0);
    const a = seededCells.length >= 2 ? seededCells[0]! : cells[0];
    const z = cells[cells.length - 1];
    const lat = (c: Cell, v: Variant) => c.serial[v] ?? c.paced[v] ?? c.loaded[v];
    const latKind = a?.serial.trellis ? 'one-at-a-time' : a?.paced.trellis ? 'paced' : 'closed-loop';
    if (a && z && a !== z && a.loaded.trellis && z.loaded.trellis && lat(a, 'trellis') && lat(z, 'trellis')) {
      const tCpu = cpu(z.loaded.trellis) / cpu(a.loaded.trellis);
      const tLat = lat(z, 'trellis')!.server.p50 / lat(a, 'trellis')!.server.p50;
      const bCpu = a.loaded.baseline && z.loaded.baseline ? cpu(z.loaded.baseline) / cpu(a.loaded.baseline) : NaN;
      const bLat = lat(a, 'baseline') && lat(z, 'baseline') ? lat(z, 'baseline')!.server.p50 / lat(a, 'baseline')!.server.p50 : NaN;
      const met = tCpu <= 1.25;
      push(
        `- **Cost flat as history grows** (Trellis's CPU per attempt, server + PostgreSQL in the closed loop, grows by at most 25% from history ${hist(a)} to ${hist(z)}): ${mark(met)} — Trellis ×${f2(tCpu)} (${ms(cpu(a.loaded.trellis))} → ${ms(cpu(z.loaded.trellis))}); the replay baseline ×${f2(bCpu)}${z.loaded.baseline ? `, needing ${ratio(cpu(z.loaded.baseline), cpu(z.loaded.trellis))} Trellis's CPU per attempt at history ${hist(z)}` : ''}.`,
        `  - Latency over the same range (${latKind} p50 server time, context rather than the criterion: a few milliseconds that move by ±20% from run to run on this host): Trellis ×${f2(tLat)} (${ms(lat(a, 'trellis')!.server.p50)} → ${ms(lat(z, 'trellis')!.server.p50)}), replay baseline ×${f2(bLat)}.`,
      );
      if (a !== cells[0] && cells[0]!.loaded.trellis) {
        push(
          `  - Judged from history ${hist(a)}, not ${hist(cells[0]!)}: students without history are still learning, so their attempts often change the assignment score (${f2(cells[0]!.loaded.trellis.scoresQueuedPer)} scores queued per attempt, each a few more statements and an LMS delivery); after a long history every skill is mastered (BKT without forgetting settles at 1) and scores no longer change (${f2(z.loaded.trellis.scoresQueuedPer)} per attempt). Comparing those would credit the mix, not the history.`,
        );
      }
    } else {
      push('- Cost flat as history grows: **not measured** (needs at least two history levels)');
    }
  }
  if (info.variants.includes('prepared')) {
    const xs = cells.map((c) => ({ c, t: c.loaded.trellis, e: c.loaded.prepared, ts: c.serial.trellis, es: c.serial.prepared }));
    push(
      `- Experiment, **Trellis + prepared statements** (same code, but \`bench/practice/server.ts\` sends every statement as a named prepared statement; not what Trellis ships): ${xs
        .map((x) => `history ${hist(x.c)}: ${x.e ? `${f0(x.e.perSecond)}/s vs ${f0(x.t?.perSecond)}/s closed loop, ${ms(x.e && cpu(x.e))} vs ${ms(x.t && cpu(x.t))} CPU per attempt${x.es && x.ts ? `, one-at-a-time p95 ${ms(x.es.server.p95)} vs ${ms(x.ts.server.p95)}` : ''}` : 'n/a'}`)
        .join('; ')}.`,
    );
  }
  {
    const refills = cells.flatMap((c) => c.lv.phases.flatMap((p) => stallsOf(p).filter(([k]) => k.includes('cache refill')).map(([k, t]) => ({ c, p, k, t }))));
    if (refills.length) {
      push(
        `- **Pool stall**: 60 s cache refills run on the connection pool, and the authored-item index (\`ItemSource.choose\` from \`chooseNext\`; in the replay baseline also \`SkillCatalog.models()\`) is refilled from inside the attempt's transaction. When that happens with every pooled connection held by a transaction that waits for the refill, the refill queues behind the other requests for a connection and nothing moves until the pool's wait limit; then the waiting requests fail with 503. Seen here: ${refills.map((r) => `${r.k.replace(/ \(.*/, '')} in ${VARIANT_NAME[r.p.variant]} ${phaseName[r.p.kind]}${r.p.round ? ` ${r.p.round}/${r.p.of}` : ''} at history ${hist(r.c)} (waited ${f0(r.t.maxMs)} ms${r.t.failed ? ', failed' : ''})`).join('; ')}.`,
      );
    }
  }
  for (const c of info.checks) push(`- Check: ${c.label}: ${c.ok ? 'ok' : '**FAILED**'} — ${c.detail}`);
  const failedLevels = cells.filter((c) => c.failed.length);
  if (failedLevels.length) {
    const n = failedLevels.reduce((x, c) => x + c.failed.length, 0);
    push(`- **${n} round${n === 1 ? '' : 's'} with errors** (at history ${failedLevels.map(hist).join(', ')}): listed under *Rounds*, left out of the figures, each run once more; the run exits non-zero.`);
  }
  push('');

  // ---- tables ---------------------------------------------------------------------------
  const ratioRow = (c: Cell, label: string, t: Agg, b: Agg, withRate: boolean) =>
    `| ${hist(c)} | *${label}* | ${withRate ? `*${ratio(b.perSecond, t.perSecond)}*` : ''} | *${ratio(b.server.p50, t.server.p50)}* | *${ratio(b.server.p95, t.server.p95)}* | *${ratio(b.server.p99, t.server.p99)}* | *${ratio(b.client.p50, t.client.p50)}* | *${ratio(b.client.p95, t.client.p95)}* | *${ratio(b.serverCpuPer, t.serverCpuPer)}* | *${ratio(b.pgCpuPer, t.pgCpuPer)}* | *${ratio(cpu(b), cpu(t))}* | |`;
  const header = [
    '| History | Variant | Attempts/s | Server p50 | Server p95 | Server p99 | Client p50 | Client p95 | Server CPU/attempt | PostgreSQL CPU/attempt | Together | Other jobs on the host |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const table = (kind: 'serial' | 'loaded' | 'paced', withRate: boolean) => {
    push(...header);
    for (const c of cells) {
      for (const v of info.variants) {
        const a = c[kind][v];
        if (!a) {
          push(`| ${hist(c)} | ${VARIANT_NAME[v]} | failed | | | | | | | | | |`);
          continue;
        }
        push(
          `| ${hist(c)} | ${VARIANT_NAME[v]}${c.lv.first === v ? ' (first)' : ''} | ${f0(a.perSecond)} | ${ms(a.server.p50)} | ${ms(a.server.p95)} | ${ms(a.server.p99)} | ${ms(a.client.p50)} | ${ms(a.client.p95)} | ${ms(a.serverCpuPer)} | ${ms(a.pgCpuPer)} | ${ms(cpu(a))} | ${pct(a.otherShare)} |`,
        );
      }
      const t = c[kind].trellis;
      const b = c[kind].baseline;
      const e = c[kind].prepared;
      if (t && b) push(ratioRow(c, 'baseline ÷ Trellis', t, b, withRate));
      if (t && e) push(ratioRow(c, 'Trellis ÷ experiment', e, t, withRate));
    }
    push('');
  };
  const intro =
    'History = mean attempts per student on the assignment\'s skills when the level\'s measurements start (seeded + earlier rounds; the replay baseline reads that many rows per attempt). Server = Server-Timing `app;dur` (the handler chain, including any wait for a pooled connection); client = POST sent → response read by the driver. CPU per attempt from /proc: the server process and the PostgreSQL backends of the bench database. *Other jobs on the host* = share of the CPUs used by processes that are not part of the bench during those rounds.';

  if (info.serialAttempts) {
    push(`## One attempt at a time`, '', `The students take turns, one request in flight: the time one attempt takes on this machine, without queueing behind other students. ${intro}`, '');
    table('serial', false);
  }
  push(`## Closed loop: ${info.students} students submitting back to back`, '', `Every student sends its next attempt as soon as the previous answer arrives: capacity (attempts/s); latency is then mostly queueing (Little's law). ${info.serialAttempts ? '' : intro}`, '');
  table('loaded', true);
  if (info.pacedRate) {
    push(
      `## Classroom pace: ${info.students} students with think time (${info.pacedRate} attempts/s offered)`,
      '',
      `Each student waits an exponentially distributed think time (mean ${f0((info.students * 1000) / info.pacedRate)} ms) before each attempt, one attempt in flight per student, so the server is not saturated. (A real class thinks for 10–60 s per item: ${info.students} students offer 3–20 attempts/s.)`,
      '',
    );
    table('paced', true);
  }

  // ---- where the time goes ----------------------------------------------------------------
  push(
    '## Where the server time goes',
    '',
    'Means per attempt, from the statement counters `bench/practice/server.ts` puts around the `Database` it hands to `composeTrellis` (round trip of each statement as seen from JS) and from Server-Timing. *Connection + BEGIN* = `transaction()` called → callback running (waiting for one of the pooled connections, then BEGIN); *statements* = round trips inside the attempt\'s transaction; *JS in tx* = the rest of the callback (BKT, choosing and generating the next item, waiting for the event loop between statements); *COMMIT*; *statements outside tx* = the request\'s own statements outside the transaction (e.g. reading the served item to check the answer before the transaction; statements of the outbox worker are not counted); *rest* = the remaining server time (auth, checking the answer, JSON, rendering the response, event-loop waits). *DB share* = (connection + BEGIN + statements + COMMIT + statements outside tx) ÷ server time. ELU = event-loop utilisation of the server (1.00: the node process never idled); kernel = share of the CPU time spent in system calls.',
    '',
    '| History | Variant | Phase | Server time (mean) | Connection + BEGIN | Statements in tx | JS in tx | COMMIT | Statements outside tx | Rest | DB share | Statements/attempt (in tx + outside + outbox worker) | Server CPU/attempt (kernel) | PostgreSQL CPU/attempt (kernel) | ELU | Event-loop delay p99 | PostgreSQL sessions busy | Scores queued/attempt |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const c of cells) {
    for (const kind of ['serial', 'paced', 'loaded'] as const) {
      for (const v of info.variants) {
        const a = c[kind][v];
        if (!a) continue;
        const db = a.txOpenPer + a.txStatementMsPer + a.commitPer + a.requestPlainMsPer;
        const rest = a.server.mean - (db + a.txJsPer);
        push(
          `| ${hist(c)} | ${VARIANT_NAME[v]} | ${phaseName[kind]} | ${ms(a.server.mean)} | ${ms(a.txOpenPer)} | ${ms(a.txStatementMsPer)} | ${ms(a.txJsPer)} | ${ms(a.commitPer)} | ${ms(a.requestPlainMsPer)} | ${ms(rest)} | ${pct(db / a.server.mean)} | ${f1(a.txStatementsPer)} + ${f2(a.requestPlainPer)} + ${f2(a.plainStatementsPer - a.requestPlainPer)} | ${ms(a.serverCpuPer)} (${pct(a.serverSysShare)}) | ${ms(a.pgCpuPer)} (${pct(a.pgSysShare)}) | ${f2(a.elu)} | ${f1(a.loopDelayP99)} ms | ${f1(a.pgBusyAvg)} | ${f2(a.scoresQueuedPer)} |`,
        );
      }
    }
  }
  push('');
  const last = cells[cells.length - 1];
  for (const kind of ['serial', 'paced', 'loaded'] as const) {
    if (!last) break;
    const t = last[kind].trellis;
    const b = last[kind].baseline;
    const e = last[kind].prepared;
    if (!t || !b) continue;
    push(
      `Statements per attempt at history ${hist(last)} (${phaseName[kind]}), round trip as seen from JS:`,
      '',
      `| Statement | Trellis per attempt | Trellis mean round trip | Baseline per attempt | Baseline mean round trip |${e ? ' Experiment mean round trip |' : ''}`,
      `|---|---:|---:|---:|---:|${e ? '---:|' : ''}`,
    );
    const kinds = new Set([...t.byKind.keys(), ...b.byKind.keys()]);
    const rows = [...kinds].map((k) => ({ k, t: t.byKind.get(k), b: b.byKind.get(k), e: e?.byKind.get(k) }));
    rows.sort((x, y) => (y.b?.ms ?? 0) / b.attempts + (y.t?.ms ?? 0) / t.attempts - ((x.b?.ms ?? 0) / b.attempts + (x.t?.ms ?? 0) / t.attempts));
    for (const r of rows.slice(0, 14)) {
      const per = (x: StatementTally | undefined, n: number) => (x ? f2(x.n / n) : '—');
      const avg = (x: StatementTally | undefined) => (x ? ms(x.ms / x.n) : '—');
      push(`| ${esc(r.k)} | ${per(r.t, t.attempts)} | ${avg(r.t)} | ${per(r.b, b.attempts)} | ${avg(r.b)} |${e ? ` ${avg(r.e)} |` : ''}`);
    }
    push('', 'BEGIN and COMMIT are not in this table (they are inside `transaction()`); they are the *connection + BEGIN* and *COMMIT* columns above. Statements named "outbox worker" run beside the requests (scores to the LMS), not inside them.', '');
    break;
  }
  for (const c of cells) {
    for (const v of info.variants) {
      const a = c.loaded[v];
      if (!a || !a.waits.busy) continue;
      const top = [...a.waits.events].sort((x, y) => y[1] - x[1]).slice(0, 3);
      push(`PostgreSQL session states, closed loop, history ${hist(c)}, ${VARIANT_NAME[v]} (busy ${f1(a.pgBusyAvg)}, on a lock ${f2(a.pgLockWaitAvg)} on average): ${top.map(([k, n]) => `${((n * 100) / a.waits.busy).toFixed(0)}% ${esc(k)}`).join('; ')}.`, '');
    }
  }

  // ---- rounds -------------------------------------------------------------------------------
  push(
    '## Rounds',
    '',
    '| History | Round | Variant | Attempts | Wall | Attempts/s | Server p50 | Server p95 | Server CPU | PostgreSQL CPU | Driver CPU | Machine busy | Errors |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const c of cells) {
    if (c.lv.seedMs >= 1) push(`| ${hist(c)} | (seeding to ${c.lv.seededPerStudent} attempts/student, estimates rebuilt, VACUUM ANALYZE, CHECKPOINT) | | | ${f1(c.lv.seedMs / 1000)} s | | | | | | | | |`);
    for (const p of c.lv.phases) {
      const srt = [...p.serverMs].sort((x, y) => x - y);
      const label = p.kind === 'warmup' ? 'warm-up' : `${phaseName[p.kind]} ${p.round}/${p.of}`;
      push(
        `| ${hist(c)} | ${label} | ${VARIANT_NAME[p.variant]} | ${p.attempts} | ${f1(p.wallMs / 1000)} s | ${f0((p.attempts * 1000) / p.wallMs)} | ${ms(percentile(srt, 50))} | ${ms(percentile(srt, 95))} | ${f0(p.costs.serverCpuMs)} ms | ${f0(p.costs.pgCpuMs)} ms | ${f0(p.costs.driverCpuMs)} ms | ${p.costs.machineBusyMs === null ? 'n/a' : pct(p.costs.machineBusyMs / (p.wallMs * ncpu))} | ${p.errors.length} |`,
      );
    }
  }
  push('');
  for (const c of cells) {
    for (const p of c.failed) {
      push(`**Errors at history ${hist(c)}, ${VARIANT_NAME[p.variant]} ${phaseName[p.kind]} round ${p.round}** (${p.errors.length}; the round is left out of the figures and was run once more):`, '', '```');
      push(...p.errors.slice(0, 5).map((e) => e.slice(0, 400)));
      push('```', '');
    }
  }
  const stalled = cells.flatMap((c) => c.lv.phases.map((p) => ({ c, p, s: stallsOf(p) }))).filter((x) => x.s.length > 0);
  if (stalled.length) {
    push(
      '**Statements that failed or took over 3 s** (a statement on the pool includes its wait for a connection; the pool gives up at 5 s):',
      '',
      '| History | Round | Variant | Statement | Count | Failed | Longest |',
      '|---:|---|---|---|---:|---:|---:|',
    );
    for (const { c, p, s: list } of stalled) {
      for (const [k, t] of list) {
        push(`| ${hist(c)} | ${p.kind === 'warmup' ? phaseName.warmup : `${phaseName[p.kind]} ${p.round}/${p.of}`} | ${VARIANT_NAME[p.variant]} | ${esc(k)} | ${t.n} | ${t.failed} | ${f0(t.maxMs)} ms |`);
      }
    }
    push('');
  }
  push(`Peak RSS (VmHWM) of the server processes: ${info.variants.map((v) => `${VARIANT_NAME[v]} ${f1(info.peakRssMB[v])} MB`).join(', ')}.`, '');

  push(
    '## What is measured',
    '',
    '- **One attempt**: `POST /api/practice/items/:id/attempts` with the launch token: Trellis checks the answer, updates mastery, writes the attempt, the estimate, the counters and the next served item, queues the assignment score when it changed (to the LMS through the outbox), and answers with feedback, progress and the next item. The driver then answers that next item. Each student GETs `/api/practice` once, after its launch.',
    '- **Answers** are computed by the driver from the item bank (template + seed of the served item, read from the database in batches, not timed) and are correct with the configured probability; the driver checks that the server judged each answer as intended.',
    '- **History**: before each level the bench adds seeded attempts per student on the assignment\'s skills with SQL (served_item + attempt rows dated before the run, like `test/practice/refit.test.ts`), then rebuilds each student\'s `mastery_estimate` rows and assignment counters by replaying all of the student\'s attempts with the same BKT code, so both variants start each level from the same, consistent mastery; then `VACUUM ANALYZE` and `CHECKPOINT` (what autovacuum and the checkpointer would have done), so neither variant pays for the bulk load. Live attempts add to the history as the rounds go.',
    '- **Both variants** are `bench/practice/server.ts` (composeTrellis as `server/main.ts` wires it, NODE_ENV=production, LOG_LEVEL=warn, outbox worker on) with `masteryMode` incremental or replay, in two node processes on the same database with the same PUBLIC_URL and keys (two instances of one deployment), so the launch tokens of the same students work on both. Students, items and history are shared: a round continues where the previous round (of either variant) left each student.',
    '- **CPU** from /proc: the server process, the PostgreSQL backends of the bench database (the driver\'s answer-lookup connection excluded), the driver, and the whole machine (/proc/stat). The driver and PostgreSQL share the CPUs with the server, and so does whatever else runs on the host.',
    '- At the end the bench checks that every response was 200, that the attempts in the database equal the seeded ones plus those answered, that each student has exactly one open item, and that every stored estimate equals a replay of the student\'s attempts (so the baseline computes the same mastery as Trellis). Any failure makes the run exit non-zero; missing a goal does not.',
    '- Other work on the machine shares the CPUs: compare the ratios, and re-run before trusting a difference of a few percent.',
    '',
  );
  return { markdown: lines.join('\n'), ok };
}
