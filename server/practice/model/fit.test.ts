import { predictCorrect, replay, type BktParams } from './bkt';
import { FIT_BOUNDS, fitBkt, type FitResult } from './fit';
import { generateSynthetic } from './synthetic';

const KEYS = ['pInit', 'pLearn', 'pGuess', 'pSlip', 'pForget'] as const;

/** Log-likelihood computed independently of fit.ts: replay, then P(what happened). */
function logLikelihood(sequences: boolean[][], params: BktParams): number {
  let sum = 0;
  for (const seq of sequences) {
    const trajectory = replay(seq, params);
    seq.forEach((correct, i) => {
      const p = predictCorrect(trajectory[i]!, params);
      sum += Math.log(correct ? p : 1 - p);
    });
  }
  return sum;
}

function expectInBounds(result: FitResult): void {
  expect(Number.isFinite(result.logLikelihood)).toBe(true);
  for (const key of KEYS) {
    const value = result.params[key];
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(FIT_BOUNDS[key][0]);
    expect(value).toBeLessThanOrEqual(FIT_BOUNDS[key][1]);
  }
}

describe('fitBkt recovers known parameters', () => {
  // 2,000 students × 20–40 attempts per skill: each parameter within 0.05 of the truth.
  const TOLERANCE = 0.05;
  const truth: BktParams[] = [
    { pInit: 0.2, pLearn: 0.15, pGuess: 0.2, pSlip: 0.1, pForget: 0 },
    { pInit: 0.5, pLearn: 0.08, pGuess: 0.25, pSlip: 0.05, pForget: 0 },
    { pInit: 0.1, pLearn: 0.3, pGuess: 0.1, pSlip: 0.2, pForget: 0 },
  ];
  const skills = generateSynthetic({ students: 2000, skills: truth.length, attempts: { min: 20, max: 40 }, seed: 11, params: truth });

  it.each(truth.map((params, i) => [i, params] as const))('skill %i', (i) => {
    const { params, sequences } = skills[i]!;
    const result = fitBkt(sequences);
    expect(result.converged).toBe(true);
    expect(result.students).toBe(2000);
    for (const key of KEYS) expect(Math.abs(result.params[key] - params[key])).toBeLessThan(TOLERANCE);
    // The fit is at least as likely as the truth, and reports the likelihood bkt.ts gives.
    expect(result.logLikelihood).toBeGreaterThanOrEqual(logLikelihood(sequences, params));
    expect(result.logLikelihood).toBeCloseTo(logLikelihood(sequences, result.params), 6);
  });

  it('including forgetting, when asked to fit it', () => {
    const params = { pInit: 0.3, pLearn: 0.15, pGuess: 0.2, pSlip: 0.1, pForget: 0.05 };
    const [skill] = generateSynthetic({ students: 2000, skills: 1, attempts: 30, seed: 5, params: [params] });
    const result = fitBkt(skill!.sequences, { fitForgetting: true });
    expect(result.converged).toBe(true);
    for (const key of KEYS) expect(Math.abs(result.params[key] - params[key])).toBeLessThan(TOLERANCE);
  });

  it('fits pForget near 0, and no worse than classic BKT, when nobody forgets', () => {
    const { sequences } = skills[0]!;
    const withForgetting = fitBkt(sequences, { fitForgetting: true });
    expect(withForgetting.params.pForget).toBeLessThan(0.01);
    expect(withForgetting.logLikelihood).toBeGreaterThan(fitBkt(sequences).logLikelihood - 0.01);
  });

  it('keeps pForget at 0 unless asked to fit it', () => {
    const params = { pInit: 0.3, pLearn: 0.15, pGuess: 0.2, pSlip: 0.1, pForget: 0.05 };
    const [skill] = generateSynthetic({ students: 200, skills: 1, attempts: 30, seed: 5, params: [params] });
    expect(fitBkt(skill!.sequences).params.pForget).toBe(0);
  });

  it('gives the same answer for the same data', () => {
    expect(fitBkt(skills[0]!.sequences)).toEqual(fitBkt(skills[0]!.sequences));
  });
});

describe('fitBkt with too little data', () => {
  const fallback: BktParams = { pInit: 0.3, pLearn: 0.1, pGuess: 0.2, pSlip: 0.1, pForget: 0 };
  const few = Array.from({ length: 9 }, (_, s) => Array.from({ length: 10 }, (_, i) => (s + i) % 3 !== 0));

  it('returns the fallback, unfitted, below the default minimum of 10 students', () => {
    const result = fitBkt(few, { fallback });
    expect(result).toMatchObject({ params: fallback, iterations: 0, converged: false, students: 9, attempts: 90 });
    expect(result.logLikelihood).toBeCloseTo(logLikelihood(few, fallback), 9);
  });

  it('returns the fallback below the minimum number of attempts', () => {
    const short = Array.from({ length: 20 }, () => [true, false]);
    expect(fitBkt(short, { fallback })).toMatchObject({ params: fallback, iterations: 0, converged: false, attempts: 40 });
  });

  it('fits when the minimums are lowered', () => {
    const result = fitBkt(few, { minStudents: 5, minAttempts: 10 });
    expect(result.iterations).toBeGreaterThan(0);
    expectInBounds(result);
  });

  it('ignores empty sequences and handles no data at all', () => {
    expect(fitBkt([[], [], []])).toMatchObject({ params: { pInit: 0.2 }, students: 0, attempts: 0, logLikelihood: 0, converged: false });
  });
});

describe('fitBkt guards on adversarial data', () => {
  const students = (make: (s: number) => boolean[]) => Array.from({ length: 50 }, (_, s) => make(s));
  const cases: Record<string, boolean[][]> = {
    'all correct': students(() => Array(20).fill(true)),
    'all wrong': students(() => Array(20).fill(false)),
    alternating: students((s) => Array.from({ length: 20 }, (_, i) => (s + i) % 2 === 0)),
    'wrong then right': students(() => Array.from({ length: 20 }, (_, i) => i >= 10)),
    'right then wrong': students(() => Array.from({ length: 20 }, (_, i) => i < 10)),
  };

  for (const [name, sequences] of Object.entries(cases)) {
    it.each([false, true])(`${name} (fit forgetting: %s)`, (fitForgetting) => {
      const result = fitBkt(sequences, { fitForgetting });
      expect(result.iterations).toBeGreaterThan(0);
      expectInBounds(result);
      if (!fitForgetting) expect(result.params.pForget).toBe(0);
    });
  }
});
