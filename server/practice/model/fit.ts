// Fitting BKT parameters for one skill from students' attempt histories by
// Expectation-Maximization (Baum-Welch for the two-state HMM in bkt.ts). Each E-step runs a
// scaled forward-backward pass over every student's sequence; each M-step turns the
// expected counts into new parameters, clamped to bounds that keep the model meaningful.
import { DEFAULT_BKT_PARAMS, type BktParams } from './bkt';

export interface FitOptions {
  /** Fit pForget too; otherwise it stays 0 (classic BKT). Default false. */
  fitForgetting?: boolean;
  /** Fewer attempts than this (over all students) returns `fallback` unfitted. Default 50. */
  minAttempts?: number;
  /** Fewer students (non-empty sequences) than this returns `fallback` unfitted. Default 10. */
  minStudents?: number;
  /** EM iterations at most, per fit. Default 200. */
  maxIterations?: number;
  /** Converged when the log-likelihood moves less than this per attempt. Default 1e-8. */
  tolerance?: number;
  /** What a skill with too little data gets. Default DEFAULT_BKT_PARAMS. */
  fallback?: BktParams;
}

export interface FitResult {
  params: BktParams;
  /** Natural-log likelihood of all sequences under `params`. */
  logLikelihood: number;
  /** EM iterations of the chosen start; 0 when the data was too thin to fit. */
  iterations: number;
  converged: boolean;
  students: number;
  attempts: number;
}

type Bounds = Record<keyof BktParams, readonly [number, number]>;

/**
 * Guess and slip below 0.3 keep "known" meaning known: without it EM may find the mirror
 * solution where the "known" state answers worse than the unknown one. Learning stays off
 * 0 because EM can never move a transition probability away from 0; forgetting may head
 * for 0 (classic BKT) from its non-zero start, and below 0.3 keeps "known" stable.
 */
export const FIT_BOUNDS: Readonly<Bounds> = Object.freeze({
  pInit: [0.001, 0.999],
  pLearn: [0.001, 0.999],
  pGuess: [0.001, 0.299],
  pSlip: [0.001, 0.299],
  pForget: [0, 0.299],
});

/** Deterministic starting points spread over the plausible region (EM finds local optima). */
const STARTS: readonly Omit<BktParams, 'pForget'>[] = [
  { pInit: 0.2, pLearn: 0.15, pGuess: 0.2, pSlip: 0.1 },
  { pInit: 0.5, pLearn: 0.3, pGuess: 0.1, pSlip: 0.05 },
  { pInit: 0.1, pLearn: 0.05, pGuess: 0.25, pSlip: 0.2 },
  { pInit: 0.35, pLearn: 0.1, pGuess: 0.15, pSlip: 0.15 },
];
const START_FORGET = 0.02;
/**
 * Iterations every start gets before only the most likely one continues. A few are enough
 * to tell the basins apart: running every start to convergence chose the same optimum on
 * the bench's skills and on the adversarial cases in fit.test.ts.
 */
const BURN_IN = 4;

export function fitBkt(sequences: readonly (readonly boolean[])[], opts: FitOptions = {}): FitResult {
  const data = pack(sequences);
  const fitForgetting = opts.fitForgetting ?? false;
  const fallback = opts.fallback ?? DEFAULT_BKT_PARAMS;
  if (data.attempts < (opts.minAttempts ?? 50) || data.students < (opts.minStudents ?? 10)) {
    const expected = expectation(data, fallback, new Workspace(data.maxLength));
    return { params: { ...fallback }, logLikelihood: expected.logLikelihood, iterations: 0, converged: false, ...counts(data) };
  }
  const ctx: EmContext = {
    data,
    work: new Workspace(data.maxLength),
    fitForgetting,
    tolerance: opts.tolerance ?? 1e-8,
  };
  const maxIterations = opts.maxIterations ?? 200;
  const candidates = STARTS.map((s) => {
    const start = clampParams({ ...s, pForget: fitForgetting ? START_FORGET : 0 }, fitForgetting);
    return advance(startEm(start, ctx), ctx, Math.min(BURN_IN, maxIterations));
  });
  const best = candidates.reduce((a, b) => (b.expected.logLikelihood > a.expected.logLikelihood ? b : a));
  const final = advance(best, ctx, maxIterations);
  return {
    params: final.params,
    logLikelihood: final.expected.logLikelihood,
    iterations: final.iterations,
    converged: final.converged,
    ...counts(data),
  };
}

// ---- data -------------------------------------------------------------------------------

/** All sequences in one byte array (1 = correct), so the E-step walks flat memory. */
interface Packed {
  obs: Uint8Array;
  /** Sequence s is obs[offsets[s]] .. obs[offsets[s + 1] - 1]. */
  offsets: Int32Array;
  students: number;
  attempts: number;
  maxLength: number;
}

function pack(sequences: readonly (readonly boolean[])[]): Packed {
  const nonEmpty = sequences.filter((s) => s.length > 0);
  const attempts = nonEmpty.reduce((n, s) => n + s.length, 0);
  const obs = new Uint8Array(attempts);
  const offsets = new Int32Array(nonEmpty.length + 1);
  let at = 0;
  let maxLength = 0;
  nonEmpty.forEach((seq, s) => {
    for (const correct of seq) obs[at++] = correct ? 1 : 0;
    offsets[s + 1] = at;
    maxLength = Math.max(maxLength, seq.length);
  });
  return { obs, offsets, students: nonEmpty.length, attempts, maxLength };
}

const counts = (data: Packed) => ({ students: data.students, attempts: data.attempts });

/** Forward-pass buffers, reused across sequences and iterations. */
class Workspace {
  readonly unknown: Float64Array;
  readonly known: Float64Array;
  readonly scale: Float64Array;
  constructor(length: number) {
    this.unknown = new Float64Array(length);
    this.known = new Float64Array(length);
    this.scale = new Float64Array(length);
  }
}

// ---- EM ---------------------------------------------------------------------------------

interface EmContext {
  data: Packed;
  work: Workspace;
  fitForgetting: boolean;
  tolerance: number;
}

/** Parameters, the E-step under them, and how the run got there. */
interface EmState {
  params: BktParams;
  expected: Expected;
  iterations: number;
  converged: boolean;
}

function startEm(params: BktParams, ctx: EmContext): EmState {
  return { params, expected: expectation(ctx.data, params, ctx.work), iterations: 0, converged: false };
}

function advance(state: EmState, ctx: EmContext, limit: number): EmState {
  let current = state;
  while (!current.converged && current.iterations < limit) {
    const params = maximization(current.expected, ctx.data.students, current.params, ctx.fitForgetting);
    const expected = expectation(ctx.data, params, ctx.work);
    const change = Math.abs(expected.logLikelihood - current.expected.logLikelihood);
    current = { params, expected, iterations: current.iterations + 1, converged: change <= ctx.tolerance * ctx.data.attempts };
  }
  return current;
}

/** Expected counts over all sequences: posteriors (γ) and transitions (ξ). */
interface Expected {
  logLikelihood: number;
  /** Σ over sequences of P(known at the first attempt). */
  knownFirst: number;
  /** Σ ξ(unknown → known) and Σ γ(unknown) over attempts that have a next attempt. */
  learned: number;
  unknownBeforeNext: number;
  /** Σ ξ(known → unknown) and Σ γ(known) over attempts that have a next attempt. */
  forgot: number;
  knownBeforeNext: number;
  /** Σ γ(unknown) over correct attempts, and over all attempts. */
  guessed: number;
  unknownAll: number;
  /** Σ γ(known) over incorrect attempts, and over all attempts. */
  slipped: number;
  knownAll: number;
}

function expectation(data: Packed, p: BktParams, work: Workspace): Expected {
  const e: Expected = {
    logLikelihood: 0,
    knownFirst: 0,
    learned: 0,
    unknownBeforeNext: 0,
    forgot: 0,
    knownBeforeNext: 0,
    guessed: 0,
    unknownAll: 0,
    slipped: 0,
    knownAll: 0,
  };
  for (let s = 0; s < data.students; s++) {
    const from = data.offsets[s]!;
    const to = data.offsets[s + 1]!;
    e.logLikelihood += forward(data.obs, from, to, p, work);
    backward(data.obs, from, to, p, work, e);
  }
  return e;
}

/**
 * Scaled forward pass: work.unknown/known[t] = P(state at t | attempts up to t), and
 * work.scale[t] = P(attempt t | attempts before it). Returns the sequence's log-likelihood.
 */
function forward(obs: Uint8Array, from: number, to: number, p: BktParams, work: Workspace): number {
  const { unknown, known, scale } = work;
  const { pGuess, pSlip, pLearn, pForget } = p;
  let priorKnown = p.pInit;
  // One log per sequence rather than per attempt (log dominates the pass otherwise); the
  // product is flushed long before it could underflow (within FIT_BOUNDS every factor is
  // at least 0.001).
  let likelihood = 1;
  let logLikelihood = 0;
  for (let t = 0; t < to - from; t++) {
    const correct = obs[from + t] === 1;
    const a = (1 - priorKnown) * (correct ? pGuess : 1 - pGuess);
    const b = priorKnown * (correct ? 1 - pSlip : pSlip);
    const c = a + b;
    unknown[t] = a / c;
    known[t] = b / c;
    scale[t] = c;
    likelihood *= c;
    if (likelihood < 1e-280) {
      logLikelihood += Math.log(likelihood);
      likelihood = 1;
    }
    priorKnown = known[t]! * (1 - pForget) + unknown[t]! * pLearn;
  }
  return logLikelihood + Math.log(likelihood);
}

/** Scaled backward pass, adding the sequence's expected counts to `e`. */
function backward(obs: Uint8Array, from: number, to: number, p: BktParams, work: Workspace, e: Expected): void {
  const { unknown, known, scale } = work;
  const { pGuess, pSlip, pLearn, pForget } = p;
  const last = to - from - 1;
  // β_t, scaled by the forward pass's scale factors so that γ_t = α_t β_t needs no
  // normalising; it is 1 at the last attempt.
  let betaUnknown = 1;
  let betaKnown = 1;
  for (let t = last; t >= 0; t--) {
    const hasNext = t < last;
    if (hasNext) {
      const nextCorrect = obs[from + t + 1] === 1;
      const c = scale[t + 1]!;
      const toUnknown = ((nextCorrect ? pGuess : 1 - pGuess) * betaUnknown) / c;
      const toKnown = ((nextCorrect ? 1 - pSlip : pSlip) * betaKnown) / c;
      e.learned += unknown[t]! * pLearn * toKnown;
      e.forgot += known[t]! * pForget * toUnknown;
      betaUnknown = (1 - pLearn) * toUnknown + pLearn * toKnown;
      betaKnown = pForget * toUnknown + (1 - pForget) * toKnown;
    }
    const gammaUnknown = unknown[t]! * betaUnknown;
    const gammaKnown = known[t]! * betaKnown;
    e.unknownAll += gammaUnknown;
    e.knownAll += gammaKnown;
    if (hasNext) {
      e.unknownBeforeNext += gammaUnknown;
      e.knownBeforeNext += gammaKnown;
    }
    if (obs[from + t] === 1) e.guessed += gammaUnknown;
    else e.slipped += gammaKnown;
    if (t === 0) e.knownFirst += gammaKnown;
  }
}

function maximization(e: Expected, students: number, prev: BktParams, fitForgetting: boolean): BktParams {
  return clampParams(
    {
      pInit: ratio(e.knownFirst, students, prev.pInit),
      pLearn: ratio(e.learned, e.unknownBeforeNext, prev.pLearn),
      pGuess: ratio(e.guessed, e.unknownAll, prev.pGuess),
      pSlip: ratio(e.slipped, e.knownAll, prev.pSlip),
      pForget: fitForgetting ? ratio(e.forgot, e.knownBeforeNext, prev.pForget) : 0,
    },
    fitForgetting,
  );
}

/** num / den, or the previous value when the data says nothing (e.g. never in a state). */
function ratio(num: number, den: number, previous: number): number {
  return den > 1e-12 ? num / den : previous;
}

function clampParams(p: BktParams, fitForgetting: boolean): BktParams {
  const clamp = (key: keyof BktParams) => Math.min(FIT_BOUNDS[key][1], Math.max(FIT_BOUNDS[key][0], p[key]));
  return {
    pInit: clamp('pInit'),
    pLearn: clamp('pLearn'),
    pGuess: clamp('pGuess'),
    pSlip: clamp('pSlip'),
    pForget: fitForgetting ? clamp('pForget') : 0,
  };
}
