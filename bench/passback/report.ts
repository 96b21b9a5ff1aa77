// The "## Grade passback" section of bench/RESULTS.md: goals, Trellis beside the naive
// client with ratios, per-round figures, Trellis with other settings and with a slower LMS,
// and where Trellis's time goes. writeSection replaces only that section of the file.
import fs from 'node:fs';
import os from 'node:os';
import { percentile, type Tally } from './probe';

export const SECTION_HEADING = '## Grade passback';

export interface Setting {
  /** OutboxWorker concurrency (parallel deliveries per batch). */
  worker: number;
  /** PlatformClient perPlatformConcurrency (LMS calls in flight per platform). */
  perPlatform: number;
  /** OutboxWorker batchSize (rows leased per claim). */
  batch: number;
}

export interface RoundResult {
  path: 'trellis' | 'naive';
  label: string;
  setting: Setting | null;
  naiveConcurrency?: number;
  /** Extra latency the LMS added to each service call, ms. */
  latencyMs: number;
  scores: number;
  delivered: number;
  /** Trellis: first enqueue commit → last row recorded delivered. Naive: first call → last score accepted. */
  wallMs: number;
  /** Sorted, ms. Trellis: enqueue commit → recorded delivered. Naive: start of the score's token request → LMS answer. */
  latencies: number[];
  /** Sorted, ms: how long the producing request is held. Trellis: arrival → enqueue commit. Naive: arrival → LMS answer. */
  heldMs: number[];
  /** Paced rounds: offered scores/s (latency then counts from each score's scheduled arrival). Null: burst. */
  offeredRate: number | null;
  /** Paced rounds: arrivals that found every slot busy and waited. */
  queued: number;
  enqueue: { windowMs: number; txMs: number[]; concurrency: number } | null;
  tokenRequests: { scopeSet: string; issued: number; rejected: number }[];
  tokenRejections: string[];
  toolTokenCounter: number | null;
  lmsCalls: { endpoint: string; method: string; status: number; count: number }[];
  toolJwksFetches: number;
  accepted: number;
  rejected: Record<string, number>;
  rejectReasons: string[];
  failedRows: number;
  undelivered: number;
  retriedRows: number;
  deliveryErrors: number;
  deliveryErrorSamples: string[];
  clientErrors: number;
  clientErrorSamples: string[];
  verification: { students: number; matching: number; mismatches: string[]; lineItems: number };
  /** CPU ms during the round: driver process, LMS child, bench-database backends, whole machine (all processes); elapsed wall ms. */
  cpu: { driverMs: number; lmsMs: number | null; pgMs: number; machineMs: number | null; elapsedMs: number };
  sql: Record<string, Tally>;
  http: Record<string, Tally>;
  steps: Record<string, Tally>;
  maxInFlight: Record<string, number>;
  capped: boolean;
  warmup: boolean;
  /** Trellis: pipeline (worker runs while the app enqueues) or backlog (enqueue all, then start the worker). Naive: direct. */
  mode: 'pipeline' | 'backlog' | 'direct';
  /** Backlog rounds: worker start → last row recorded delivered. */
  drainMs: number | null;
}

export interface RunInfo {
  started: Date;
  finished: Date;
  command: string;
  pgVersion: string;
  synchronousCommit: string;
  dbName: string;
  loadBefore: number[];
  loadAfter: number[];
  lmsMode: 'child' | 'inline';
  students: number;
  scores: number;
  warmupScores: number;
  enqueueConcurrency: number;
  naiveConcurrency: number;
  pacedRate: number | null;
  poolSize: number;
  defaultSetting: Setting;
  launches: number;
}

// ---- formatting -------------------------------------------------------------------------

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const ms = (x: number) => `${f1(x)} ms`;
const int = (x: number) => x.toLocaleString('en-US');
export const settingName = (s: Setting) => `w${s.worker}-p${s.perPlatform}-b${s.batch}`;
const settingText = (s: Setting) => `worker concurrency ${s.worker}, per-platform limit ${s.perPlatform}, batch ${s.batch}`;
const SCOPE_SHORT: Record<string, string> = {
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem': 'lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score': 'score',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly': 'lineitem.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly': 'result.readonly',
};
const scopeSetName = (set: string) => `{${set.split(' ').map((s) => SCOPE_SHORT[s] ?? s).join(', ')}}`;

const tokenTotal = (r: RoundResult) => r.tokenRequests.reduce((a, t) => a + t.issued + t.rejected, 0);
const callsTotal = (r: RoundResult) => r.lmsCalls.reduce((a, c) => a + c.count, 0);
const callsOf = (r: RoundResult, endpoint: string) => r.lmsCalls.filter((c) => c.endpoint === endpoint).reduce((a, c) => a + c.count, 0);
const rejectedTotal = (r: RoundResult) => Object.values(r.rejected).reduce((a, n) => a + n, 0);
const conflicts = (r: RoundResult) => r.rejected['409'] ?? 0;
const rate = (r: { delivered: number; wallMs: number }) => (r.delivered * 1000) / r.wallMs;
const tokensBySet = (rs: RoundResult[]) => {
  const m = new Map<string, number>();
  for (const r of rs) for (const t of r.tokenRequests) m.set(t.scopeSet, (m.get(t.scopeSet) ?? 0) + t.issued + t.rejected);
  return m;
};
const bySetText = (rs: RoundResult[], perRound: boolean) => {
  const m = tokensBySet(rs);
  return [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([set, n]) => `${scopeSetName(set)} ${perRound ? f1(n / rs.length).replace(/\.0$/, '') : int(n)}`)
    .join(', ');
};

interface Pooled {
  rounds: RoundResult[];
  delivered: number;
  scores: number;
  wallMs: number;
  latencies: number[];
}
function pool(rs: RoundResult[]): Pooled {
  return {
    rounds: rs,
    delivered: rs.reduce((a, r) => a + r.delivered, 0),
    scores: rs.reduce((a, r) => a + r.scores, 0),
    wallMs: rs.reduce((a, r) => a + r.wallMs, 0),
    latencies: rs.flatMap((r) => r.latencies).sort((a, b) => a - b),
  };
}
const perScore = (rs: RoundResult[], pick: (r: RoundResult) => number | null) => {
  const vals = rs.map(pick);
  if (vals.some((v) => v === null)) return NaN;
  const delivered = rs.reduce((a, r) => a + r.delivered, 0);
  return (vals as number[]).reduce((a, v) => a + v, 0) / delivered;
};
const sameSetting = (a: Setting | null, b: Setting) => !!a && a.worker === b.worker && a.perPlatform === b.perPlatform && a.batch === b.batch;

/** Correct when every score reached the LMS and the LMS holds each student's last score. */
function correct(r: RoundResult): boolean {
  const otherRejections = rejectedTotal(r) - conflicts(r);
  return (
    !r.capped &&
    r.delivered === r.scores &&
    r.undelivered === 0 &&
    r.failedRows === 0 &&
    r.clientErrors === 0 &&
    otherRejections === 0 &&
    r.verification.lineItems === 1 &&
    r.verification.matching === r.verification.students
  );
}

/** Every scope set a Trellis round used was requested exactly once. */
const oneTokenPerScopeSet = (r: RoundResult) => r.tokenRequests.length > 0 && r.tokenRequests.every((t) => t.issued + t.rejected === 1 && t.rejected === 0);

// ---- the section --------------------------------------------------------------------------

export function buildSection(info: RunInfo, results: RoundResult[]): { markdown: string; ok: boolean } {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  const cpus = os.cpus();
  const def = info.defaultSetting;
  const burst = results.filter((r) => r.offeredRate === null && r.mode !== 'backlog');
  const backlog = results.filter((r) => r.mode === 'backlog');
  const main = burst.filter((r) => r.latencyMs === 0 && (r.path === 'naive' || sameSetting(r.setting, def)));
  const trellis = main.filter((r) => r.path === 'trellis');
  const naive = main.filter((r) => r.path === 'naive');
  const T = pool(trellis);
  const N = pool(naive);
  const tRate = rate(T);
  const nRate = rate(N);
  const ok = results.every(correct);
  const trellisAll = results.filter((r) => r.path === 'trellis');
  const trellisBurst = burst.filter((r) => r.path === 'trellis');
  const goalRate = tRate >= 200;
  const goalTokens = trellisAll.every(oneTokenPerScopeSet);

  push(
    SECTION_HEADING,
    '',
    `${int(info.scores)} scores delivered to the simulated LMS (\`test/platform\`, over loopback HTTP) by **Trellis** — \`enqueueScore\` in an app transaction, then the \`OutboxWorker\` that \`composeTrellis\` builds, with its real delivery code (\`scoreDelivery\` → \`AgsClient\` → \`PlatformClient\` → cached \`ServiceTokenClient\` tokens) — and by a **naive client** (\`bench/passback/naive.ts\`) that requests a new access token (client_credentials, JWT assertion signed with Trellis's tool key) before every LMS call and posts each score directly, with the same number of scores in flight. Both in the same run, in interleaved rounds (Trellis, naive, Trellis with a backlog, then the same in reverse order); each Trellis round is a freshly composed Trellis (empty token cache, as after a restart) and each round scores its own resource link, so every round creates its line item once and starts from nothing.`,
    '',
    `- Date: ${info.started.toISOString()} (run took ${((info.finished.getTime() - info.started.getTime()) / 1000).toFixed(0)} s)`,
    `- Command: \`${info.command}\``,
    `- Machine: ${os.availableParallelism()} CPUs (${cpus[0]?.model.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}; load average before ${info.loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${info.loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
    `- Node ${process.version}; PostgreSQL ${info.pgVersion}, synchronous_commit=${info.synchronousCommit} (database \`${info.dbName}\`, created and dropped by the run); pool of ${info.poolSize} connections shared by the enqueuing transactions and the worker`,
    `- LMS: ${info.lmsMode === 'child' ? 'a child process (its CPU is measured apart from the driver’s)' : 'inside the driver process (BENCH_LMS=inline: its CPU counts in the driver’s)'}; Trellis and the naive client run in the driver process. ${info.students} students enrolled and launched once (${info.launches} launches in all: every student on one link, one launch on every other link) so Trellis knows them and each link’s AGS claim.`,
    `- Per round: ${int(info.scores)} scores, ${Math.ceil(info.scores / info.students)} per student with increasing values, ${info.enqueueConcurrency} app transactions enqueueing at once (each commit nudges the worker); naive: ${info.naiveConcurrency} scores in flight. Before the measured rounds, an unreported warm-up of ${info.warmupScores} scores per path.`,
    `- Trellis default = what \`composeTrellis\` builds: ${settingText(def)} (written \`${settingName(def)}\` below).`,
    '',
    '### Goals',
    '',
    `- ≥ 200 scores/s (Trellis, default settings, worker running while the app enqueues, LMS answering at once): **${goalRate ? 'met' : 'NOT MET'}** — ${f1(tRate)} scores/s over ${trellis.length} rounds (${trellis.map((r) => `${f1(rate(r))} while other processes kept ${f2(othersCores(r))} cores busy`).join('; ')}); naive ${f1(nRate)} scores/s; Trellis÷naive ${ratio(tRate, nRate)}${backlog.length ? `. Draining a backlog: ${f1((pool(backlog).delivered * 1000) / backlog.reduce((a, r) => a + (r.drainMs ?? 0), 0))} scores/s` : ''}`,
    ...slowGoalLines(results, def),
    `- 1 token request per scope set (every Trellis round, every setting and LMS latency): **${goalTokens ? 'met' : 'NOT MET'}** — per round ${bySetText(trellis, true)}; the naive client made ${bySetText(naive, true)} per round (naive÷Trellis ${ratio(perRound(naive, tokenTotal), perRound(trellis, tokenTotal))} in token requests)`,
    `- Correctness (every score accepted or superseded, LMS gradebook = each student’s last computed score, in every round): **${ok ? 'met' : 'NOT MET'}**`,
  );
  for (const r of results.filter((x) => !correct(x))) {
    push(`  - ${r.path} ${r.label}${r.setting ? ` ${settingName(r.setting)}` : ''}: delivered ${r.delivered}/${r.scores}, failed ${r.failedRows}, client errors ${r.clientErrors}, rejected ${JSON.stringify(r.rejected)}, LMS matches ${r.verification.matching}/${r.verification.students}${r.capped ? ', round cap reached' : ''}; ${[...r.verification.mismatches, ...r.rejectReasons, ...r.deliveryErrorSamples, ...r.clientErrorSamples].slice(0, 4).join('; ')}`);
  }
  push('');

  // Side by side.
  const tCalls = perRound(trellis, callsTotal);
  const nCalls = perRound(naive, callsTotal);
  const tTok = perRound(trellis, tokenTotal);
  const nTok = perRound(naive, tokenTotal);
  const lat = (p: Pooled, q: number) => percentile(p.latencies, q);
  push(
    `### Trellis vs naive (default settings, ${trellis.length} + ${naive.length} rounds of ${int(info.scores)} scores, LMS answering at once)`,
    '',
    '| Metric | Trellis | Naive | Ratio |',
    '|---|---:|---:|---:|',
    `| Scores delivered | ${int(T.delivered)} / ${int(T.scores)} | ${int(N.delivered)} / ${int(N.scores)} | |`,
    `| **Scores/s** | **${f1(tRate)}** | **${f1(nRate)}** | **${ratio(tRate, nRate)}** (Trellis÷naive) |`,
    `| Wall time per round (mean) | ${f2(T.wallMs / trellis.length / 1000)} s | ${f2(N.wallMs / naive.length / 1000)} s | |`,
    `| Latency p50 | ${ms(lat(T, 50))} | ${ms(lat(N, 50))} | ${ratio(lat(N, 50), lat(T, 50))} (naive÷Trellis) |`,
    `| Latency p95 | ${ms(lat(T, 95))} | ${ms(lat(N, 95))} | ${ratio(lat(N, 95), lat(T, 95))} (naive÷Trellis) |`,
    `| Request held p50 / p95 (Trellis: the enqueue transaction; naive: token + score POST) | ${ms(percentile(held(trellis), 50))} / ${ms(percentile(held(trellis), 95))} | ${ms(percentile(held(naive), 50))} / ${ms(percentile(held(naive), 95))} | ${ratio(percentile(held(naive), 50), percentile(held(trellis), 50))} / ${ratio(percentile(held(naive), 95), percentile(held(trellis), 95))} (naive÷Trellis) |`,
    `| **Token requests** per round (at the LMS) | **${f1(tTok)}** (Trellis’s own counter: ${trellis.map((r) => r.toolTokenCounter ?? '?').join(', ')}) | **${f1(nTok)}** | **${ratio(nTok, tTok)}** (naive÷Trellis) |`,
    `| Token requests per round, by scope set | ${bySetText(trellis, true)} | ${bySetText(naive, true)} | |`,
    `| LMS calls per round (all) | ${f1(tCalls)} | ${f1(nCalls)} | ${ratio(nCalls, tCalls)} (naive÷Trellis) |`,
    `| … token / line items / score POSTs | ${callsSplit(trellis)} | ${callsSplit(naive)} | |`,
    `| LMS fetches of Trellis’s JWKS (to verify assertions; cached 30 s) | ${sum(trellis, (r) => r.toolJwksFetches)} | ${sum(naive, (r) => r.toolJwksFetches)} | |`,
    `| Score POSTs rejected: 409 (older timestamp) / other | ${sum(trellis, conflicts)} / ${sum(trellis, (r) => rejectedTotal(r) - conflicts(r))} | ${sum(naive, conflicts)} / ${sum(naive, (r) => rejectedTotal(r) - conflicts(r))} | |`,
    `| Token requests rejected | ${sum(trellis, (r) => r.tokenRequests.reduce((a, t) => a + t.rejected, 0))} | ${sum(naive, (r) => r.tokenRequests.reduce((a, t) => a + t.rejected, 0))} | |`,
    `| Outbox rows failed / retried; delivery errors logged | ${sum(trellis, (r) => r.failedRows)} / ${sum(trellis, (r) => r.retriedRows)}; ${sum(trellis, (r) => r.deliveryErrors)} | — | |`,
    `| Client errors (non-2xx, exceptions) | — | ${sum(naive, (r) => r.clientErrors)} | |`,
    `| LMS holds each student’s last computed score | ${trellis.map((r) => `${r.verification.matching}/${r.verification.students}`).join(', ')} | ${naive.map((r) => `${r.verification.matching}/${r.verification.students}`).join(', ')} | |`,
    `| CPU per score, driver process (Trellis / naive client${info.lmsMode === 'inline' ? ' + LMS' : ''}) | ${ms(perScore(trellis, (r) => r.cpu.driverMs))} | ${ms(perScore(naive, (r) => r.cpu.driverMs))} | ${ratio(perScore(naive, (r) => r.cpu.driverMs), perScore(trellis, (r) => r.cpu.driverMs))} |`,
    `| CPU per score, LMS process | ${info.lmsMode === 'child' ? ms(perScore(trellis, (r) => r.cpu.lmsMs)) : 'in driver'} | ${info.lmsMode === 'child' ? ms(perScore(naive, (r) => r.cpu.lmsMs)) : 'in driver'} | ${info.lmsMode === 'child' ? ratio(perScore(naive, (r) => r.cpu.lmsMs), perScore(trellis, (r) => r.cpu.lmsMs)) : ''} |`,
    `| CPU per score, PostgreSQL backends | ${ms(perScore(trellis, (r) => r.cpu.pgMs))} | ${ms(perScore(naive, (r) => r.cpu.pgMs))} | |`,
    '',
    'These are burst rounds: all scores are offered at once and each side goes as fast as it can. Latency: Trellis from the commit of the enqueuing transaction to the outbox row recorded `delivered` (queueing in the outbox included: in a burst, committed rows wait for a free delivery lane); naive from the start of the score’s token request to the LMS’s answer (the naive client sends each score as soon as one of its slots is free; the scores still waiting for a slot are not counted). So the burst latencies measure different things; the steady-load rounds below compare like with like. Wall time: Trellis from the first enqueue commit to the last row recorded `delivered`; naive from its first LMS call to the last score accepted. Both include creating the round’s line item.',
    '',
  );

  // Backlog.
  if (backlog.length) {
    const B = pool(backlog);
    const drain = backlog.reduce((a, r) => a + (r.drainMs ?? 0), 0);
    const enq = backlog.reduce((a, r) => a + (r.enqueue?.windowMs ?? 0), 0);
    const drainRate = (B.delivered * 1000) / drain;
    push(
      `### Trellis with a backlog: enqueue all ${int(info.scores)}, then drain (${backlog.length} rounds, interleaved with the above)`,
      '',
      'The same Trellis, but the worker starts only after the last enqueue commit, so enqueueing and delivery do not compete for the CPU and the connection pool. The drain alone is the worker’s own delivery rate, the closest match to the naive burst (which also starts with every score in hand).',
      '',
      '| Metric | Trellis | Naive (burst, above) | Ratio |',
      '|---|---:|---:|---:|',
      `| Enqueue (${info.enqueueConcurrency} transactions at once), per round | ${f2(enq / backlog.length / 1000)} s = ${f1((B.delivered * 1000) / enq)} commits/s | — | |`,
      `| Drain alone (worker start → last row delivered), per round | ${f2(drain / backlog.length / 1000)} s = **${f1(drainRate)} scores/s** | ${f2(N.wallMs / naive.length / 1000)} s = ${f1(nRate)} scores/s | ${ratio(drainRate, nRate)} (Trellis÷naive) |`,
      `| First enqueue commit → last row delivered, per round | ${f2(B.wallMs / backlog.length / 1000)} s = ${f1(rate(B))} scores/s | | ${ratio(rate(B), nRate)} |`,
      `| Token requests per round | ${bySetText(backlog, true)} | ${bySetText(naive, true)} | |`,
      `| LMS holds each student’s last computed score | ${backlog.map((r) => `${r.verification.matching}/${r.verification.students}`).join(', ')} | | |`,
      '',
    );
  }

  // Steady load.
  const paced = results.filter((r) => r.offeredRate !== null && r.latencyMs === 0);
  const pt = paced.filter((r) => r.path === 'trellis');
  const pn = paced.filter((r) => r.path === 'naive');
  if (pt.length && pn.length) {
    const PT = pool(pt);
    const PN = pool(pn);
    const offered = pt[0]!.offeredRate!;
    push(
      `### Steady load: ${f1(offered)} scores/s offered to both`,
      '',
      `Scores arrive on a fixed schedule (${int(info.scores)} at ${f1(offered)}/s, evenly spaced) whether or not earlier ones are done; at most ${info.enqueueConcurrency} (Trellis: enqueuing transactions) or ${info.naiveConcurrency} (naive: scores in flight) are worked on at once and later arrivals wait their turn. Latency counts from each score’s scheduled arrival, for both, so queueing is included on both sides.`,
      '',
      '| Metric | Trellis | Naive | Ratio |',
      '|---|---:|---:|---:|',
      `| Achieved scores/s | ${f1(rate(PT))} | ${f1(rate(PN))} | ${ratio(rate(PT), rate(PN))} (Trellis÷naive) |`,
      `| Arrival → in the LMS gradebook, p50 | ${ms(lat(PT, 50))} | ${ms(lat(PN, 50))} | ${ratio(lat(PN, 50), lat(PT, 50))} (naive÷Trellis) |`,
      `| Arrival → in the LMS gradebook, p95 | ${ms(lat(PT, 95))} | ${ms(lat(PN, 95))} | ${ratio(lat(PN, 95), lat(PT, 95))} (naive÷Trellis) |`,
      `| Request held p50 / p95 (Trellis: until the enqueue commit; naive: until the LMS answers) | ${ms(percentile(held(pt), 50))} / ${ms(percentile(held(pt), 95))} | ${ms(percentile(held(pn), 50))} / ${ms(percentile(held(pn), 95))} | ${ratio(percentile(held(pn), 50), percentile(held(pt), 50))} / ${ratio(percentile(held(pn), 95), percentile(held(pt), 95))} |`,
      `| Arrivals that waited for a slot | ${sum(pt, (r) => r.queued)} | ${sum(pn, (r) => r.queued)} | |`,
      `| Token requests | ${sum(pt, tokenTotal)} (${bySetText(pt, false)}) | ${sum(pn, tokenTotal)} (${bySetText(pn, false)}) | ${ratio(sum(pn, tokenTotal), sum(pt, tokenTotal))} |`,
      `| CPU per score: driver / LMS / PostgreSQL | ${cpuText(pt, info)} | ${cpuText(pn, info)} | |`,
      `| LMS holds each student’s last computed score | ${pt.map((r) => `${r.verification.matching}/${r.verification.students}`).join(', ')} | ${pn.map((r) => `${r.verification.matching}/${r.verification.students}`).join(', ')} | |`,
      '',
    );
  }

  // Per round.
  push(
    '### Every round, in run order',
    '',
    `“CPU busy” is in cores (${os.availableParallelism()} on this machine), averaged over the round: this run’s processes (driver, LMS, PostgreSQL backends of the bench database) and everything else on the machine (from /proc/stat), which competes for the same cores.`,
    '',
    '| # | Path | Setting | Offered | LMS latency | Scores/s | Wall | p50 | p95 | Enqueue window (tx p50) | Token requests | LMS calls | Max score POSTs in flight | 409 / other rejected | LMS = last score | CPU busy: this run / other processes |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const [i, r] of results.entries()) {
    push(
      `| ${i + 1} | ${r.path === 'trellis' ? 'Trellis' : 'naive'} | ${r.setting ? settingName(r.setting) : `${r.naiveConcurrency} in flight`} | ${r.offeredRate === null ? 'burst' : `${f1(r.offeredRate)}/s`} | ${r.latencyMs ? `+${r.latencyMs} ms` : '0'} | ${f1(rate(r))} | ${f2(r.wallMs / 1000)} s | ${ms(percentile(r.latencies, 50))} | ${ms(percentile(r.latencies, 95))} | ${r.enqueue ? `${f2(r.enqueue.windowMs / 1000)} s (${ms(percentile(r.enqueue.txMs, 50))})` : '—'} | ${tokenTotal(r)} | ${callsTotal(r)} | ${r.maxInFlight['score POST'] ?? 0} | ${conflicts(r)} / ${rejectedTotal(r) - conflicts(r)} | ${r.verification.matching}/${r.verification.students} | ${busyText(r)} |`,
    );
  }
  push('');

  // Settings and slow LMS.
  const latencies = [...new Set(burst.map((r) => r.latencyMs))].sort((a, b) => a - b);
  const settings = uniqueSettings(trellisBurst);
  if (settings.length > 1 || latencies.length > 1) {
    push(
      '### Trellis settings and a slower LMS',
      '',
      'Same run, one round per cell unless noted. The settings are constructor options passed from the bench (`OutboxWorker` `concurrency`/`batchSize`, `PlatformClient` `perPlatformConcurrency`), wired as `composeTrellis` does; server code unchanged. “LMS latency” is a delay the simulated LMS adds before answering each token and AGS call (a timer: no CPU), standing in for a real LMS’s response time.',
      '',
      `| Setting | ${latencies.map((l) => `Scores/s, LMS +${l} ms`).join(' | ')} | ${latencies.map((l) => `p95, +${l} ms`).join(' | ')} | Token requests per round |`,
      `|---|${latencies.map(() => '---:').join('|')}|${latencies.map(() => '---:').join('|')}|---:|`,
    );
    const cell = (rs: RoundResult[]) => (rs.length ? f1(rate(pool(rs))) + (rs.length > 1 ? ` (${rs.length} rounds)` : '') : '—');
    const p95 = (rs: RoundResult[]) => (rs.length ? ms(percentile(pool(rs).latencies, 95)) : '—');
    for (const s of settings) {
      const rs = (l: number) => trellisBurst.filter((r) => sameSetting(r.setting, s) && r.latencyMs === l);
      const all = trellisBurst.filter((r) => sameSetting(r.setting, s));
      push(`| Trellis \`${settingName(s)}\`${sameSetting(s, def) ? ' (default)' : ''} | ${latencies.map((l) => cell(rs(l))).join(' | ')} | ${latencies.map((l) => p95(rs(l))).join(' | ')} | ${bySetText(all, true)} |`);
    }
    const naiveAt = (l: number) => burst.filter((r) => r.path === 'naive' && r.latencyMs === l);
    push(`| naive, ${info.naiveConcurrency} in flight | ${latencies.map((l) => cell(naiveAt(l))).join(' | ')} | ${latencies.map((l) => p95(naiveAt(l))).join(' | ')} | ${bySetText(burst.filter((r) => r.path === 'naive'), true)} |`);
    push('');
  }

  // Where Trellis's time goes.
  const columns: { title: string; setting: Setting; rounds: RoundResult[] }[] = [{ title: `\`${settingName(def)}\`, +0 ms`, setting: def, rounds: trellis }];
  if (backlog.length) columns.push({ title: `\`${settingName(def)}\`, +0 ms, backlog drain`, setting: def, rounds: backlog });
  for (const l of latencies) {
    for (const st of settings) {
      if (l === 0 && sameSetting(st, def)) continue;
      const rs = trellisBurst.filter((r) => r.latencyMs === l && sameSetting(r.setting, st));
      if (rs.length) columns.push({ title: `\`${settingName(st)}\`, +${l} ms`, setting: st, rounds: rs });
    }
  }
  push(...whereTimeGoes(columns, trellis, info), '');
  return { markdown: lines.join('\n'), ok };
}

/** Cores kept busy by other processes on the machine during a round. */
function othersCores(r: RoundResult): number {
  const { driverMs, lmsMs, pgMs, machineMs, elapsedMs } = r.cpu;
  return machineMs === null ? NaN : Math.max(0, machineMs - driverMs - (lmsMs ?? 0) - pgMs) / elapsedMs;
}

/** Cores' worth of CPU used by this run's processes and by everything else on the machine during the round. */
function busyText(r: RoundResult): string {
  const { driverMs, lmsMs, pgMs, machineMs, elapsedMs } = r.cpu;
  const ours = driverMs + (lmsMs ?? 0) + pgMs;
  if (machineMs === null || !(elapsedMs > 0)) return `${f2(ours / elapsedMs)} / ?`;
  return `${f2(ours / elapsedMs)} / ${f2(Math.max(0, machineMs - ours) / elapsedMs)}`;
}
const held = (rs: RoundResult[]) => rs.flatMap((r) => r.heldMs).sort((a, b) => a - b);
function cpuText(rs: RoundResult[], info: RunInfo): string {
  const d = perScore(rs, (r) => r.cpu.driverMs);
  const l = info.lmsMode === 'child' ? ms(perScore(rs, (r) => r.cpu.lmsMs)) : 'in driver';
  return `${ms(d)} / ${l} / ${ms(perScore(rs, (r) => r.cpu.pgMs))}`;
}

function perRound(rs: RoundResult[], f: (r: RoundResult) => number): number {
  return rs.reduce((a, r) => a + f(r), 0) / rs.length;
}
function sum(rs: RoundResult[], f: (r: RoundResult) => number): number {
  return rs.reduce((a, r) => a + f(r), 0);
}
function callsSplit(rs: RoundResult[]): string {
  const per = (e: string) => f1(perRound(rs, (r) => callsOf(r, e))).replace(/\.0$/, '');
  return `${per('token')} / ${per('lineitems')} / ${per('scores')}`;
}
function uniqueSettings(rs: RoundResult[]): Setting[] {
  const out: Setting[] = [];
  for (const r of rs) {
    const s = r.setting;
    if (s && !out.some((o) => sameSetting(o, s))) out.push(s);
  }
  return out;
}

function mergeTallies(rs: RoundResult[], pick: (r: RoundResult) => Record<string, Tally>): Map<string, Tally> {
  const m = new Map<string, Tally>();
  for (const r of rs) {
    for (const [k, t] of Object.entries(pick(r))) {
      const cur = m.get(k) ?? { n: 0, ms: 0, max: 0 };
      m.set(k, { n: cur.n + t.n, ms: cur.ms + t.ms, max: Math.max(cur.max, t.max) });
    }
  }
  return m;
}

/** Trellis's default setting against a slower LMS: the goal rate is not a goal there, but say where it stands. */
function slowGoalLines(results: RoundResult[], def: Setting): string[] {
  const out: string[] = [];
  const slow = results.filter((r) => r.latencyMs > 0 && r.offeredRate === null && r.mode !== 'backlog');
  for (const l of [...new Set(slow.map((r) => r.latencyMs))].sort((a, b) => a - b)) {
    const at = slow.filter((r) => r.latencyMs === l && r.path === 'trellis');
    const d = at.filter((r) => sameSetting(r.setting, def));
    const best = at.reduce<RoundResult | null>((b, r) => (!b || rate(r) > rate(b) ? r : b), null);
    if (!d.length || !best) continue;
    const http = mergeTallies(d, (r) => r.http).get('score POST');
    const callMs = http && http.n ? http.ms / http.n : NaN;
    out.push(
      `  - Context, not the goal’s condition: with the LMS taking +${l} ms per call, Trellis’s default settings deliver ${f1(rate(pool(d)))} scores/s (${rate(pool(d)) >= 200 ? 'above' : 'below'} 200): at most ${def.perPlatform} calls in flight per platform ÷ ${f1(callMs)} ms per score POST (measured) bounds it near ${f1((def.perPlatform * 1000) / callMs)}/s. Best setting tried: \`${settingName(best.setting!)}\` at ${f1(rate(best))} scores/s.`,
    );
  }
  return out;
}

/** Where one delivery lane's time goes per delivered score, for sets of default-setting Trellis rounds. */
function whereTimeGoes(columns: { title: string; setting: Setting; rounds: RoundResult[] }[], pipeline: RoundResult[], info: RunInfo): string[] {
  if (!columns.length || !pipeline.length) return [];
  const mean = (t: Tally | undefined) => (t && t.n ? t.ms / t.n : 0);
  const rows = columns.map(({ rounds, setting }) => {
    const delivered = rounds.reduce((a, r) => a + r.delivered, 0);
    const busy = rounds.reduce((a, r) => a + (r.drainMs ?? r.wallMs), 0);
    const sql = mergeTallies(rounds, (r) => r.sql);
    const http = mergeTallies(rounds, (r) => r.http);
    const steps = mergeTallies(rounds, (r) => r.steps);
    const lane = (setting.worker * busy) / delivered;
    const lookup = mean(sql.get('delivery: resource link lookup'));
    const post = mean(steps.get('AgsClient.postScore'));
    const httpPost = mean(http.get('score POST'));
    const mark = mean(sql.get('outbox: mark delivered'));
    const claimT = sql.get('outbox: claim batch');
    const claim = claimT ? (claimT.ms * setting.worker) / delivered : 0;
    // A backlog's enqueueing happens before the drain, not during it.
    const enqueueWindow = rounds.some((r) => r.mode === 'backlog') ? 0 : rounds.reduce((a, r) => a + (r.enqueue?.windowMs ?? 0), 0) / rounds.length;
    const rest = Math.max(0, lane - lookup - post - mark - claim);
    return { lane, lookup, post, httpPost, slot: Math.max(0, post - httpPost), mark, claim, rest, rate: (delivered * 1000) / busy, enqueueWindow, busy: busy / rounds.length, claims: claimT?.n ?? 0, maxPost: Math.max(...rounds.map((r) => r.maxInFlight['score POST'] ?? 0)) };
  });
  const cell = (pick: (r: (typeof rows)[number]) => number, share = true) =>
    rows.map((r) => `${ms(pick(r))}${share ? ` (${pct(pick(r), r.lane)})` : ''}`).join(' | ');
  const P = pool(pipeline);
  const driverCpu = perScore(pipeline, (r) => r.cpu.driverMs);
  const lmsCpu = info.lmsMode === 'child' ? perScore(pipeline, (r) => r.cpu.lmsMs) : 0;
  const pgCpu = perScore(pipeline, (r) => r.cpu.pgMs);
  const totalCpu = driverCpu + lmsCpu + pgCpu;
  const ceiling = (os.availableParallelism() * 1000) / totalCpu;
  const others =
    pipeline.reduce((a, r) => a + Math.max(0, (r.cpu.machineMs ?? 0) - r.cpu.driverMs - (r.cpu.lmsMs ?? 0) - r.cpu.pgMs), 0) /
    pipeline.reduce((a, r) => a + r.cpu.elapsedMs, 0);
  const enqueueWindow = pipeline.reduce((a, r) => a + (r.enqueue?.windowMs ?? 0), 0) / pipeline.length;
  const wall = P.wallMs / pipeline.length;
  const txMs = pipeline.flatMap((r) => r.enqueue?.txMs ?? []).sort((a, b) => a - b);
  return [
    '### Where Trellis’s time goes',
    '',
    `Each delivery lane of the \`OutboxWorker\` (\`w\` = lanes, \`p\` = PlatformClient limit per platform, \`b\` = batch) spends, per delivered score, lanes × busy time ÷ scores (busy time: the round’s wall time, or the drain for a backlog). Measured inside the driver by wrapping the \`Database\` handed to \`composeTrellis\`, \`fetch\`, and the round’s \`AgsClient.postScore\`; database times include any wait for one of the ${info.poolSize} pool connections.`,
    '',
    `| Per delivered score | ${columns.map((c) => c.title).join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
    `| Scores/s | ${rows.map((r) => f1(r.rate)).join(' | ')} |`,
    `| **Lane time per score** | ${cell((r) => r.lane, false)} |`,
    `| Resource link lookup (\`SELECT … FROM resource_link\`) | ${cell((r) => r.lookup)} |`,
    `| \`AgsClient.postScore\`: waiting for a PlatformClient slot | ${cell((r) => r.slot)} |`,
    `| \`AgsClient.postScore\`: the HTTP call (to response headers) | ${cell((r) => r.httpPost)} |`,
    `| Recording the row delivered (\`UPDATE outbox … 'delivered'\`, a commit per row) | ${cell((r) => r.mark)} |`,
    `| Claiming batches (lanes idle meanwhile), per score | ${cell((r) => r.claim)} |`,
    `| Rest: waiting for the batch’s slowest delivery, event-loop queueing | ${cell((r) => r.rest)} |`,
    `| Score POSTs in flight at most | ${rows.map((r) => String(r.maxPost)).join(' | ')} |`,
    `| Claims per round; rows per claim | ${rows.map((r) => `${f1(r.claims / columns[rows.indexOf(r)]!.rounds.length)}; ${f1(info.scores / (r.claims / columns[rows.indexOf(r)]!.rounds.length))}`).join(' | ')} |`,
    `| Enqueue window ÷ busy time | ${rows.map((r) => (r.enqueueWindow && r.busy ? pct(r.enqueueWindow, r.busy) : '—')).join(' | ')} |`,
    '',
    `- Enqueueing (pipeline): ${info.enqueueConcurrency} transactions at once took ${f2(enqueueWindow / 1000)} s of the ${f2(wall / 1000)} s round (${f1((info.scores * 1000) / enqueueWindow)} commits/s; transaction p50 ${ms(percentile(txMs, 50))}, p95 ${ms(percentile(txMs, 95))}, each 4 statements + BEGIN/COMMIT) while sharing the pool and the CPU with the deliveries.`,
    `- CPU per delivered score (pipeline): driver ${ms(driverCpu)}${info.lmsMode === 'child' ? `, LMS ${ms(lmsCpu)}` : ' (LMS included)'}, PostgreSQL ${ms(pgCpu)} (enqueue and delivery together): ${ms(totalCpu)} in all. On ${os.availableParallelism()} CPUs that caps the whole setup (Trellis + LMS + database on one machine) near ${f1(ceiling)} scores/s, and Trellis’s Node process near ${f1(1000 / driverCpu)} scores/s per busy core; measured ${f1(rate(P))}/s (${pct(rate(P), ceiling)} of the CPU ceiling), while other processes on the machine used ${f2(others)} cores on average.`,
    `- With the LMS answering at once, each delivery is two database round trips (the link lookup and the per-row \`delivered\` commit, together ${pct(rows[0]!.lookup + rows[0]!.mark, rows[0]!.lane)} of a lane’s time) and one loopback HTTP call, so CPU and commits set the pace.${rows[0]!.enqueueWindow >= 0.75 * rows[0]!.busy ? ` The enqueue window is ${pct(rows[0]!.enqueueWindow, rows[0]!.busy)} of the pipeline round: the worker keeps up with the enqueuing transactions and finishes soon after the last commit, so the pipeline figure is mostly how fast the app can enqueue while deliveries share its CPU and pool; the backlog drain is the worker alone.` : ''}`,
    `- With a slower LMS the PlatformClient limit sets the pace: at most ${pipeline[0]!.setting!.perPlatform} calls in flight per platform, so about ${pipeline[0]!.setting!.perPlatform} ÷ (LMS response time) scores/s whatever the worker’s concurrency; the ${pipeline[0]!.setting!.worker} − ${pipeline[0]!.setting!.perPlatform} other lanes wait for a slot (the “waiting for a PlatformClient slot” row).`,
  ];
}

const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : 'n/a');

/** Replaces the "## Grade passback" section (up to the next "## " heading) or appends it. */
export function writeSection(file: string, section: string): void {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const lines = old.split('\n');
  const start = lines.findIndex((l) => l.trim() === SECTION_HEADING);
  let text: string;
  if (start === -1) {
    text = `${old.replace(/\s*$/, '')}\n\n${section.replace(/\s*$/, '')}\n`;
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end === -1) end = lines.length;
    const before = lines.slice(0, start).join('\n').replace(/\s*$/, '');
    const after = lines.slice(end).join('\n').replace(/^\s*/, '');
    text = `${before}\n\n${section.replace(/\s*$/, '')}\n${after ? `\n${after.replace(/\s*$/, '')}\n` : ''}`;
  }
  fs.writeFileSync(file, text.replace(/^\n+/, ''));
}
