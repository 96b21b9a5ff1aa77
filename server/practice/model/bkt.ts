// Bayesian Knowledge Tracing: a two-state hidden Markov model per student and skill.
// The hidden state is "knows the skill" (L) or not; each attempt is observed as correct or
// incorrect. Pure functions over numbers so the server can update mastery on every answer
// without touching the database.
//
// Parameters (per skill):
//   pInit   P(L0)        knows the skill before the first attempt
//   pLearn  T            unknown → known between two attempts
//   pGuess  G            correct although unknown
//   pSlip   S            incorrect although known
//   pForget F            known → unknown between two attempts (0 in classic BKT)
//
// One attempt, from P(L) before it:
//   P(correct)          = P(L)(1 − S) + (1 − P(L))G
//   posterior, correct  = P(L)(1 − S) / (P(L)(1 − S) + (1 − P(L))G)
//   posterior, wrong    = P(L)S / (P(L)S + (1 − P(L))(1 − G))
//   next P(L)           = posterior(1 − F) + (1 − posterior)T

export interface BktParams {
  pInit: number;
  pLearn: number;
  pGuess: number;
  pSlip: number;
  pForget: number;
}

/** Starting values for K-8 practice before a skill has enough data to fit its own. */
export const DEFAULT_BKT_PARAMS: Readonly<BktParams> = Object.freeze({
  pInit: 0.2,
  pLearn: 0.15,
  pGuess: 0.2,
  pSlip: 0.1,
  pForget: 0,
});

/** P(known) at or above which a skill counts as mastered. */
export const MASTERY_THRESHOLD = 0.95;

/** Probability that the next attempt is correct, given P(known) before it. */
export function predictCorrect(pKnown: number, params: BktParams): number {
  return pKnown * (1 - params.pSlip) + (1 - pKnown) * params.pGuess;
}

/** P(known) at the attempt, after seeing whether it was correct (Bayes' rule). */
export function posteriorKnown(pKnown: number, correct: boolean, params: BktParams): number {
  const known = pKnown * (correct ? 1 - params.pSlip : params.pSlip);
  const unknown = (1 - pKnown) * (correct ? params.pGuess : 1 - params.pGuess);
  const total = known + unknown;
  // Only an observation the model calls impossible (e.g. G = 0 and P(L) = 0) gets here:
  // it carries no usable evidence, so the belief stands.
  return total > 0 ? known / total : pKnown;
}

/** P(known) before the next attempt: the posterior, then learning and forgetting. */
export function updateKnown(pKnown: number, correct: boolean, params: BktParams): number {
  const posterior = posteriorKnown(pKnown, correct, params);
  return posterior * (1 - params.pForget) + (1 - posterior) * params.pLearn;
}

/**
 * P(known) along a history: element i is the belief before attempt i, the last element
 * (index observations.length) the belief after the whole history. Starts at pInit.
 */
export function replay(observations: readonly boolean[], params: BktParams): number[] {
  const trajectory = [params.pInit];
  let pKnown = params.pInit;
  for (const correct of observations) {
    pKnown = updateKnown(pKnown, correct, params);
    trajectory.push(pKnown);
  }
  return trajectory;
}
