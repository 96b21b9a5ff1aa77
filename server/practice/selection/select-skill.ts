// Chooses which skill the next item practises, and says why as data (the explanation is
// stored with the served item and shown under "Why this question?"). Pure: the caller
// loads the student's estimates and recent items; nothing here reads the clock or the DB.
import type { SelectionExplanation } from '../../http/contract';

export interface SkillState {
  pKnown: number;
  evidence: number;
  lastPracticedAt: Date | null;
  /** Reviews done since the skill was mastered; spacing grows with each. */
  reviewCount: number;
}

export interface SelectionPolicy {
  masteryThreshold: number;
  /** Teacher setting: interleave reviews of mastered skills. */
  spacedReview: boolean;
  /** A review may interleave after this many learning items in a row. */
  reviewEvery: number;
  /** Wait before the 1st, 2nd, … review of a mastered skill (the last repeats). */
  reviewIntervalsMs: readonly number[];
}

export const DEFAULT_SELECTION_POLICY: SelectionPolicy = {
  masteryThreshold: 0.95,
  spacedReview: true,
  reviewEvery: 3,
  reviewIntervalsMs: [10 * 60_000, 86_400_000, 3 * 86_400_000, 7 * 86_400_000, 21 * 86_400_000],
};

export interface SelectionInput {
  /** The assignment's skills, in the teacher's (or the graph's) order. */
  targets: readonly string[];
  prerequisitesOf(code: string): readonly string[];
  /** Estimates the student has, for targets and any prerequisites. */
  states: ReadonlyMap<string, SkillState>;
  /** p(known) before any evidence (the skill model's prior). */
  priorOf(code: string): number;
  modelVersionOf(code: string): number;
  /** Skills and rules of the most recent served items, newest first. */
  recent: readonly { skill: string; rule: SelectionExplanation['rule'] }[];
  now: Date;
  policy: SelectionPolicy;
}

type PassedOver = SelectionExplanation['passedOver'][number];

export function selectSkill(input: SelectionInput): SelectionExplanation {
  const { targets, policy } = input;
  if (targets.length === 0) throw new Error('selectSkill needs at least one target skill');
  const state = (code: string): SkillState =>
    input.states.get(code) ?? { pKnown: input.priorOf(code), evidence: 0, lastPracticedAt: null, reviewCount: 0 };
  const mastered = (code: string) => state(code).pKnown >= policy.masteryThreshold;
  const targetSet = new Set(targets);

  const relevantPrerequisites = (code: string) => countedPrerequisites(input.prerequisitesOf(code), targetSet, (pre) => input.states.get(pre));
  const ready = (code: string) => relevantPrerequisites(code).every(mastered);

  const due = targets
    .filter(mastered)
    .map((code) => ({ code, dueAt: reviewDueAt(state(code), policy) }))
    .filter((r): r is { code: string; dueAt: Date } => r.dueAt !== null && r.dueAt <= input.now)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());

  const learning = targets.filter((code) => !mastered(code));
  const explain = (code: string, rule: SelectionExplanation['rule'], passedOver: PassedOver[]): SelectionExplanation => {
    const s = state(code);
    const dueAt = rule === 'spaced-review' && s.lastPracticedAt ? reviewDueAt(s, policy) : null;
    return {
      rule,
      skill: code,
      pKnown: s.pKnown,
      masteryThreshold: policy.masteryThreshold,
      evidence: s.evidence,
      prerequisites: relevantPrerequisites(code).map((pre) => ({ code: pre, pKnown: state(pre).pKnown, mastered: mastered(pre) })),
      review: dueAt && s.lastPracticedAt ? { lastPracticedAt: s.lastPracticedAt.toISOString(), dueAt: dueAt.toISOString() } : null,
      passedOver: passedOver.filter((p) => p.code !== code),
      modelVersion: input.modelVersionOf(code),
    };
  };
  const masteredTargets: PassedOver[] = targets.filter(mastered).map((code) => ({ code, reason: 'mastered' }));

  if (learning.length === 0) {
    // Everything mastered: keep it fresh, most overdue first, else least recently practised.
    const pick = due[0]?.code ?? leastRecentlyPractised(targets, state, input.recent[0]?.skill);
    return explain(pick, due[0] ? 'spaced-review' : 'all-mastered', targets.map((code) => ({ code, reason: 'mastered' as const })));
  }

  if (policy.spacedReview && due[0] && learningRunLength(input.recent) >= policy.reviewEvery) {
    return explain(due[0].code, 'spaced-review', learning.map((code) => ({ code, reason: 'lower-priority' as const })));
  }

  const readyNow = learning.filter(ready);
  const notReady: PassedOver[] = learning.filter((c) => !ready(c)).map((code) => ({ code, reason: 'prerequisites-not-mastered' }));
  if (readyNow.length > 0) {
    // Continuity: stay with the skill in progress that was practised most recently.
    const inProgress = readyNow.filter((code) => state(code).evidence > 0);
    const recentOrder = (code: string) => {
      const i = input.recent.findIndex((r) => r.skill === code);
      return i === -1 ? Number.MAX_SAFE_INTEGER : i;
    };
    const pick = inProgress.sort((a, b) => recentOrder(a) - recentOrder(b))[0] ?? readyNow[0]!;
    const others: PassedOver[] = readyNow.map((code) => ({ code, reason: 'lower-priority' }));
    return explain(pick, state(pick).evidence > 0 ? 'keep-learning' : 'ready-to-learn', [...masteredTargets, ...others, ...notReady]);
  }

  // Nothing is ready (prerequisites outside the assignment are still being learned):
  // practise the skill whose building blocks are furthest along.
  const readiness = (code: string) => {
    const pres = relevantPrerequisites(code);
    return pres.length === 0 ? 1 : pres.reduce((sum, pre) => sum + Math.min(1, state(pre).pKnown / policy.masteryThreshold), 0) / pres.length;
  };
  const pick = [...learning].sort((a, b) => readiness(b) - readiness(a))[0]!;
  return explain(pick, 'prerequisite-first', [...masteredTargets, ...notReady]);
}

/**
 * The prerequisites that decide whether a skill is ready: those inside the assignment always
 * count; outside it, only once the student has evidence on them (the teacher chose the
 * scope; we don't assume gaps we haven't seen). Shared by practice and every view that
 * says "ready to learn", so they all mean the same thing.
 */
export function countedPrerequisites(
  prerequisites: readonly string[],
  targets: ReadonlySet<string>,
  estimate: (code: string) => { evidence: number } | undefined,
): string[] {
  return prerequisites.filter((pre) => targets.has(pre) || (estimate(pre)?.evidence ?? 0) > 0);
}

/** Ready to learn: every counted prerequisite is mastered (by the caller's own estimate, missing = not mastered). */
export function prerequisitesMastered(
  prerequisites: readonly string[],
  targets: ReadonlySet<string>,
  estimate: (code: string) => { pKnown: number; evidence: number } | undefined,
  threshold: number,
): boolean {
  return countedPrerequisites(prerequisites, targets, estimate).every((pre) => (estimate(pre)?.pKnown ?? 0) >= threshold);
}

/** When a mastered skill is next due for review; null before it has been practised. */
export function reviewDueAt(state: SkillState, policy: SelectionPolicy): Date | null {
  if (!state.lastPracticedAt || policy.reviewIntervalsMs.length === 0) return null;
  const interval = policy.reviewIntervalsMs[Math.min(state.reviewCount, policy.reviewIntervalsMs.length - 1)]!;
  return new Date(state.lastPracticedAt.getTime() + interval);
}

/** Learning items served since the last review (a long history counts as "enough"). */
function learningRunLength(recent: SelectionInput['recent']): number {
  const i = recent.findIndex((r) => r.rule === 'spaced-review' || r.rule === 'all-mastered');
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

function leastRecentlyPractised(codes: readonly string[], state: (code: string) => SkillState, avoid: string | undefined): string {
  const candidates = codes.length > 1 ? codes.filter((c) => c !== avoid) : codes;
  return [...candidates].sort((a, b) => (state(a).lastPracticedAt?.getTime() ?? 0) - (state(b).lastPracticedAt?.getTime() ?? 0))[0]!;
}
