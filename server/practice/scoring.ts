// The assignment score a student earns, by the teacher's goal: "master every skill" scores
// the fraction of targeted skills mastered; "answer N questions" scores completion.
import type { AssignmentSettings } from '../http/contract';

export interface AssignmentScore {
  given: number;
  maximum: number;
  rule: 'skills-mastered' | 'items-completed';
  complete: boolean;
}

export function assignmentScore(
  settings: Pick<AssignmentSettings, 'goal' | 'points'>,
  counts: { targetCount: number; masteredCount: number; itemsAnswered: number },
): AssignmentScore {
  const maximum = settings.points > 0 ? settings.points : 1;
  if (settings.goal.kind === 'items') {
    const done = Math.min(counts.itemsAnswered, settings.goal.count);
    return { given: round2((maximum * done) / settings.goal.count), maximum, rule: 'items-completed', complete: done >= settings.goal.count };
  }
  const fraction = counts.targetCount === 0 ? 0 : counts.masteredCount / counts.targetCount;
  return { given: round2(maximum * fraction), maximum, rule: 'skills-mastered', complete: counts.targetCount > 0 && fraction >= 1 };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
