// The load generator: one "launch" is what a browser does when a user clicks the tool in
// the LMS — OIDC login initiation at the tool, the platform's id_token (signed here by the
// simulated platform), the form_post to the tool's launch URL, and (ltijs only) the
// redirect to its app route — ending with the panel HTML. Loopback HTTP only.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { SimulatedPlatform } from '../../test/platform';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request over a keep-alive agent; the whole body is read before resolving. */
export function httpRequest(
  agent: http.Agent,
  method: 'GET' | 'POST',
  url: URL,
  headers: Record<string, string>,
  body?: string,
  timeoutMs = 30_000,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    if (url.hostname !== '127.0.0.1') {
      reject(new Error(`refusing non-loopback request to ${url.origin}`));
      return;
    }
    const req = http.request(
      {
        agent,
        method,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${url.pathname}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A per-launch cookie jar: enough of RFC 6265 for one host (names, values, deletion). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  absorb(res: HttpResult): void {
    for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq <= 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.trim().split('=');
        const key = k!.toLowerCase();
        if (key === 'max-age') return Number(v) <= 0;
        if (key === 'expires') return Date.parse(v ?? '') <= Date.now();
        return false;
      });
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }
}

export interface LaunchTarget {
  /** "trellis" or "ltijs". */
  app: string;
  platform: SimulatedPlatform;
  /** Tool base URL, e.g. http://127.0.0.1:4001 */
  base: string;
  loginPath: string;
  /** Where the id_token is posted (the tool's redirect_uri / target_link_uri). */
  launchUrl: string;
  /** Follow one redirect after the launch POST (ltijs sends the browser to appRoute?ltik=…). */
  followRedirect: boolean;
  agent: http.Agent;
  /** Substrings the panel HTML must contain. */
  panelMarkers: string[];
}

export interface LaunchTiming {
  /** Wall time of the launch minus the platform's signing step, ms. */
  totalMs: number;
  loginMs: number;
  /** POST id_token (+ the redirect hop for ltijs). */
  launchMs: number;
  /** The redirect hop alone (ltijs), 0 for Trellis. */
  redirectMs: number;
  /** Driver-side buildClaims + signIdToken (excluded from totalMs). */
  signMs: number;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Who launches, from which course. */
export interface Launcher {
  userSub: string;
  courseId: string;
}

export async function launchOnce(t: LaunchTarget, who: Launcher): Promise<LaunchTiming> {
  const { userSub, courseId } = who;
  const jar = new CookieJar();
  const t0 = performance.now();

  // 1. The LMS sends the browser to the tool's login initiation URL.
  const loginUrl = new URL(t.loginPath, t.base);
  for (const [k, v] of Object.entries(t.platform.loginInitiationParams({ userSub, courseId, targetLinkUri: t.launchUrl }))) {
    loginUrl.searchParams.set(k, v);
  }
  const login = await httpRequest(t.agent, 'GET', loginUrl, {});
  jar.absorb(login);
  if (login.status !== 302 || !login.headers.location) {
    throw new Error(`${t.app} login: expected 302, got ${login.status} ${login.body.slice(0, 200)}`);
  }
  const auth = new URL(login.headers.location);
  const state = auth.searchParams.get('state');
  const nonce = auth.searchParams.get('nonce');
  if (!state || !nonce) throw new Error(`${t.app} login: redirect lacks state/nonce: ${login.headers.location}`);
  if (auth.origin + auth.pathname !== t.platform.authUrl) throw new Error(`${t.app} login: redirected to ${auth.origin}${auth.pathname}`);
  const t1 = performance.now();

  // 2. The platform's authorization endpoint would sign the id_token; the driver does it
  //    directly (same code the simulated platform's /auth runs) and does not time it.
  const claims = t.platform.buildClaims({ userSub, courseId, nonce, targetLinkUri: t.launchUrl });
  const idToken = await t.platform.signIdToken(claims);
  const t2 = performance.now();

  // 3. The browser posts the form to the tool's launch URL.
  const body = new URLSearchParams({ id_token: idToken, state }).toString();
  let res = await httpRequest(t.agent, 'POST', new URL(t.launchUrl), { ...FORM, ...jar.header() }, body);
  jar.absorb(res);
  let tRedirect = performance.now();
  if (t.followRedirect) {
    if (res.status !== 302 || !res.headers.location) {
      throw new Error(`${t.app} launch: expected 302 to the app route, got ${res.status} ${res.body.slice(0, 300)}`);
    }
    tRedirect = performance.now();
    res = await httpRequest(t.agent, 'GET', new URL(res.headers.location, t.base), jar.header());
    jar.absorb(res);
  }
  const t3 = performance.now();

  if (res.status !== 200) throw new Error(`${t.app} launch: expected 200, got ${res.status} ${res.body.slice(0, 300)}`);
  for (const marker of t.panelMarkers) {
    if (!res.body.includes(marker)) throw new Error(`${t.app} launch: 200 but not the panel (missing ${marker}): ${res.body.slice(0, 200)}`);
  }
  return {
    totalMs: t3 - t0 - (t2 - t1),
    loginMs: t1 - t0,
    launchMs: t3 - t2,
    redirectMs: t.followRedirect ? t3 - tRedirect : 0,
    signMs: t2 - t1,
  };
}

export interface PhaseResult {
  launches: number;
  errors: string[];
  wallMs: number;
  timings: LaunchTiming[];
  /** true when the time cap ended the phase before `count` launches. */
  capped: boolean;
}

/**
 * Runs up to `count` launches with `concurrency` clients, each client starting its next
 * launch as soon as its previous one finishes. Stops at `count`, at `capMs`, or after
 * `maxErrors` errors — whichever comes first.
 */
export async function runPhase(opts: {
  target: LaunchTarget;
  users: Launcher[];
  concurrency: number;
  count: number;
  capMs: number;
  maxErrors?: number;
  userOffset?: number;
}): Promise<PhaseResult> {
  const { target, users, concurrency, count, capMs } = opts;
  const maxErrors = opts.maxErrors ?? 5;
  const timings: LaunchTiming[] = [];
  const errors: string[] = [];
  let next = 0;
  let capped = false;
  const start = performance.now();
  const deadline = start + capMs;

  const client = async () => {
    for (;;) {
      if (errors.length >= maxErrors) return;
      if (next >= count) return;
      if (performance.now() >= deadline) {
        capped = true;
        return;
      }
      const i = next++;
      // Consecutive launches go to different users, so concurrent launches never share one.
      const user = users[(i + (opts.userOffset ?? 0)) % users.length]!;
      try {
        timings.push(await launchOnce(target, user));
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { launches: timings.length, errors, wallMs: performance.now() - start, timings, capped };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

// ---- open loop ----------------------------------------------------------------------

export type ArrivalKind = 'poisson' | 'uniform';

/** mulberry32: a small seeded PRNG, so both tools get the same arrival schedule. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ArrivalSchedule {
  /** Scheduled arrival times, ms after the phase start, ascending. */
  offsetsMs: number[];
  /** Length of the arrival window, ms (= arrivals ÷ rate). */
  windowMs: number;
}

/**
 * Arrival times for `ratePerS` launches/s over `windowMs`, or `maxCount` arrivals if that
 * comes first (the window then shrinks to maxCount ÷ rate). "poisson": a Poisson process
 * conditioned on the number of arrivals (that many sorted uniform times in the window), so
 * the offered rate is exact and the gaps are exponential; "uniform": evenly spaced.
 */
export function arrivalSchedule(opts: { ratePerS: number; windowMs: number; maxCount: number; kind: ArrivalKind; seed: number }): ArrivalSchedule {
  const n = Math.max(1, Math.min(opts.maxCount, Math.round((opts.ratePerS * opts.windowMs) / 1000)));
  const windowMs = (n * 1000) / opts.ratePerS;
  if (opts.kind === 'uniform') return { offsetsMs: Array.from({ length: n }, (_, i) => (i * 1000) / opts.ratePerS), windowMs };
  const rnd = seededRandom(opts.seed);
  const offsetsMs = Array.from({ length: n }, () => rnd() * windowMs).sort((a, b) => a - b);
  return { offsetsMs, windowMs };
}

export interface OpenLatency {
  /** From the scheduled arrival to the panel HTML read, minus the driver's signing, ms. */
  ms: number;
  /** true for an arrival that never started (drain cap): ms is only a lower bound. */
  lowerBound: boolean;
}

export interface OpenPhaseResult extends PhaseResult {
  ratePerS: number;
  /** Scheduled arrivals (all of them, started or not). */
  arrivals: number;
  windowMs: number;
  /** Arrivals that found `maxInFlight` launches in flight and waited in a queue for a slot. */
  queued: number;
  /** Queued arrivals never started because the drain cap ended the phase. */
  dropped: number;
  /** Most launches in flight at once. */
  maxInFlightSeen: number;
  /** One per completed launch, plus one lower bound per dropped arrival. */
  latencies: OpenLatency[];
  /** Actual start − scheduled arrival, per started launch (driver timer lag + queue wait), ms. */
  startDelays: number[];
}

/**
 * Open loop: launches arrive on a fixed schedule, whether or not earlier ones have finished
 * (a class clicking the link), with at most `maxInFlight` in flight. An arrival that finds
 * every slot busy waits in a FIFO queue and is counted in `queued`; its latency still counts
 * from its scheduled arrival (no coordinated omission). Arrivals stop at the end of the
 * schedule or after `maxErrors` errors; queued arrivals not started within `drainMs` after
 * the window are `dropped` (latency recorded as a lower bound).
 */
export async function runOpenPhase(opts: {
  target: LaunchTarget;
  users: Launcher[];
  ratePerS: number;
  schedule: ArrivalSchedule;
  maxInFlight: number;
  drainMs: number;
  maxErrors?: number;
  userOffset?: number;
}): Promise<OpenPhaseResult> {
  const { target, users, schedule, maxInFlight } = opts;
  const maxErrors = opts.maxErrors ?? 5;
  const timings: LaunchTiming[] = [];
  const errors: string[] = [];
  const latencies: OpenLatency[] = [];
  const startDelays: number[] = [];
  const waiting: number[] = [];
  const slots: Promise<void>[] = [];
  let inFlight = 0;
  let maxInFlightSeen = 0;
  let queued = 0;
  let arrivals = 0;
  let lastDone = 0;
  const start = performance.now();
  const drainDeadline = start + schedule.windowMs + opts.drainMs;

  // A slot runs launch i, then keeps taking queued arrivals until the queue is empty.
  const slot = async (first: number) => {
    let i: number | undefined = first;
    while (i !== undefined) {
      const scheduled = start + schedule.offsetsMs[i]!;
      const user = users[(i + (opts.userOffset ?? 0)) % users.length]!;
      const t0 = performance.now();
      startDelays.push(t0 - scheduled);
      try {
        const t = await launchOnce(target, user);
        timings.push(t);
        latencies.push({ ms: t0 - scheduled + t.totalMs, lowerBound: false });
      } catch (err) {
        errors.push((err as Error).message);
      }
      lastDone = performance.now();
      i = errors.length < maxErrors && performance.now() < drainDeadline ? waiting.shift() : undefined;
    }
    inFlight--;
  };

  for (const [i, offset] of schedule.offsetsMs.entries()) {
    if (errors.length >= maxErrors) break;
    // Never start early (a timer may fire a fraction of a millisecond before its time);
    // starting late is counted in the latency, since it runs from the scheduled arrival.
    for (let wait = start + offset - performance.now(); wait > 0; wait = start + offset - performance.now()) {
      await new Promise<void>((r) => setTimeout(r, Math.max(1, wait)));
    }
    arrivals++;
    if (inFlight < maxInFlight) {
      inFlight++;
      maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
      slots.push(slot(i));
    } else {
      queued++;
      waiting.push(i);
    }
  }
  await Promise.all(slots);
  // Whatever is still queued was never started: the drain cap (or the error limit) ended it.
  const end = performance.now();
  const dropped = waiting.length;
  for (const i of waiting) latencies.push({ ms: end - (start + schedule.offsetsMs[i]!), lowerBound: true });
  return {
    launches: timings.length,
    errors,
    wallMs: Math.max(schedule.windowMs, (lastDone || end) - start),
    timings,
    capped: dropped > 0,
    ratePerS: opts.ratePerS,
    arrivals,
    windowMs: schedule.windowMs,
    queued,
    dropped,
    maxInFlightSeen,
    latencies,
    startDelays,
  };
}
