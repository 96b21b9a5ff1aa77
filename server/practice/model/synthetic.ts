// Deterministic synthetic practice data: students answering as a BKT model with known
// parameters says they would. Tests and bench/model use it to check that fitting recovers
// the parameters and that predictions come close to the true model's.
import type { Rng } from '../content/item';
import { createRng } from '../content/rng';
import type { BktParams } from './bkt';

export type ParamRanges = Readonly<Record<keyof BktParams, readonly [number, number]>>;

/** Plausible K-8 skills: guess and slip stay below 0.3, as the fit requires; no forgetting. */
export const REALISTIC_RANGES: ParamRanges = Object.freeze({
  pInit: [0.05, 0.6],
  pLearn: [0.05, 0.3],
  pGuess: [0.05, 0.28],
  pSlip: [0.03, 0.2],
  pForget: [0, 0],
});

export interface SyntheticOptions {
  students: number;
  skills: number;
  /** Attempts per student and skill: a fixed count, or drawn uniformly from [min, max]. */
  attempts: number | { min: number; max: number };
  seed: number;
  /** True parameters, one per skill; drawn from `ranges` when omitted. */
  params?: readonly BktParams[];
  ranges?: ParamRanges;
}

export interface SyntheticSkill {
  params: BktParams;
  /** sequences[student]: that student's attempts on this skill, true = correct. */
  sequences: boolean[][];
}

export function generateSynthetic(opts: SyntheticOptions): SyntheticSkill[] {
  if (opts.params && opts.params.length !== opts.skills) {
    throw new RangeError(`${opts.params.length} parameter sets for ${opts.skills} skills`);
  }
  const paramRng = createRng(opts.seed);
  const ranges = opts.ranges ?? REALISTIC_RANGES;
  return Array.from({ length: opts.skills }, (_, skill) => {
    const params = opts.params?.[skill] ?? drawParams(paramRng, ranges);
    // One stream per skill, so a skill's data does not depend on how many skills precede it.
    const rng = createRng(skillSeed(opts.seed, skill));
    const sequences = Array.from({ length: opts.students }, () =>
      simulateSequence(params, attemptCount(opts.attempts, rng), rng),
    );
    return { params, sequences };
  });
}

export function drawParams(rng: Rng, ranges: ParamRanges = REALISTIC_RANGES): BktParams {
  return {
    pInit: uniform(rng, ranges.pInit),
    pLearn: uniform(rng, ranges.pLearn),
    pGuess: uniform(rng, ranges.pGuess),
    pSlip: uniform(rng, ranges.pSlip),
    pForget: uniform(rng, ranges.pForget),
  };
}

/** One student's attempts: hidden state drawn from pInit, then BKT's emission and transition. */
export function simulateSequence(params: BktParams, attempts: number, rng: Rng): boolean[] {
  const out: boolean[] = [];
  let known = rng.chance(params.pInit);
  for (let i = 0; i < attempts; i++) {
    out.push(known ? !rng.chance(params.pSlip) : rng.chance(params.pGuess));
    known = known ? !rng.chance(params.pForget) : rng.chance(params.pLearn);
  }
  return out;
}

function attemptCount(attempts: SyntheticOptions['attempts'], rng: Rng): number {
  return typeof attempts === 'number' ? attempts : rng.int(attempts.min, attempts.max);
}

/** Rng has no float draw; a millionth is finer than any parameter needs. */
function uniform(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo + ((hi - lo) * rng.int(0, 1_000_000)) / 1_000_000;
}

function skillSeed(seed: number, skill: number): number {
  return (seed ^ Math.imul(skill + 1, 0x9e3779b1)) >>> 0;
}
