import { DEFAULT_SELECTION_POLICY, reviewDueAt, selectSkill, type SelectionInput, type SkillState } from './select-skill';

// A small graph: A → B → C (B needs A, C needs B); D stands alone; X is outside the assignment.
const PREREQS: Record<string, string[]> = { A: [], B: ['A'], C: ['B', 'X'], D: [], X: [] };
const NOW = new Date('2026-11-25T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

function input(targets: string[], states: Record<string, Partial<SkillState>>, over: Partial<SelectionInput> = {}): SelectionInput {
  return {
    targets,
    prerequisitesOf: (c) => PREREQS[c] ?? [],
    states: new Map(Object.entries(states).map(([k, v]) => [k, { pKnown: 0.2, evidence: 0, lastPracticedAt: null, reviewCount: 0, ...v }])),
    priorOf: () => 0.2,
    modelVersionOf: (c) => (c === 'B' ? 3 : 1),
    recent: [],
    now: NOW,
    policy: DEFAULT_SELECTION_POLICY,
    ...over,
  };
}
const mastered = (lastMinutesAgo: number, reviewCount = 0): Partial<SkillState> => ({
  pKnown: 0.97,
  evidence: 6,
  lastPracticedAt: minutesAgo(lastMinutesAgo),
  reviewCount,
});

describe('selectSkill', () => {
  it('starts with a skill whose prerequisites are all mastered, and says which were passed over and why', () => {
    const e = selectSkill(input(['A', 'B'], {}));
    expect(e).toMatchObject({ rule: 'ready-to-learn', skill: 'A', pKnown: 0.2, evidence: 0, prerequisites: [], modelVersion: 1 });
    expect(e.passedOver).toEqual([{ code: 'B', reason: 'prerequisites-not-mastered' }]);
  });

  it('moves to the next skill once its prerequisite is mastered, listing the prerequisite with its estimate', () => {
    const e = selectSkill(input(['A', 'B'], { A: mastered(1) }, { recent: [{ skill: 'A', rule: 'keep-learning' }] }));
    expect(e).toMatchObject({ rule: 'ready-to-learn', skill: 'B', modelVersion: 3 });
    expect(e.prerequisites).toEqual([{ code: 'A', pKnown: 0.97, mastered: true }]);
    expect(e.passedOver).toEqual([{ code: 'A', reason: 'mastered' }]);
  });

  it('keeps practising the skill in progress rather than hopping between ready skills', () => {
    const recent = [{ skill: 'D', rule: 'keep-learning' as const }, { skill: 'A', rule: 'ready-to-learn' as const }];
    const e = selectSkill(input(['A', 'D'], { A: { pKnown: 0.5, evidence: 2 }, D: { pKnown: 0.4, evidence: 1 } }, { recent }));
    expect(e).toMatchObject({ rule: 'keep-learning', skill: 'D' });
    expect(e.passedOver).toEqual([{ code: 'A', reason: 'lower-priority' }]);
  });

  it('ignores prerequisites outside the assignment until there is evidence the student has not mastered them', () => {
    const noEvidence = selectSkill(input(['C'], { B: mastered(1) }));
    expect(noEvidence).toMatchObject({ rule: 'ready-to-learn', skill: 'C' });
    // B is outside the assignment ['C'] but the student has practised it: it counts.
    const weakB = selectSkill(input(['C'], { B: { pKnown: 0.5, evidence: 3 } }));
    expect(weakB).toMatchObject({ rule: 'prerequisite-first', skill: 'C' });
    expect(weakB.prerequisites).toEqual([{ code: 'B', pKnown: 0.5, mastered: false }]);
  });

  it('interleaves a due review of a mastered skill after enough learning items', () => {
    const recent = Array.from({ length: 3 }, () => ({ skill: 'B', rule: 'keep-learning' as const }));
    const e = selectSkill(input(['A', 'B'], { A: mastered(11), B: { pKnown: 0.6, evidence: 3 } }, { recent }));
    expect(e.rule).toBe('spaced-review');
    expect(e.skill).toBe('A');
    expect(e.review).toEqual({ lastPracticedAt: minutesAgo(11).toISOString(), dueAt: minutesAgo(1).toISOString() });
  });

  it('does not review before the interval has passed, nor right after another review, nor when the teacher turned review off', () => {
    const learning = { B: { pKnown: 0.6, evidence: 3 } };
    const three = Array.from({ length: 3 }, () => ({ skill: 'B', rule: 'keep-learning' as const }));
    expect(selectSkill(input(['A', 'B'], { A: mastered(5), ...learning }, { recent: three })).rule).toBe('keep-learning');
    const justReviewed = [{ skill: 'B', rule: 'keep-learning' as const }, { skill: 'D', rule: 'spaced-review' as const }];
    expect(selectSkill(input(['A', 'B'], { A: mastered(11), ...learning }, { recent: justReviewed })).rule).toBe('keep-learning');
    const off = { ...DEFAULT_SELECTION_POLICY, spacedReview: false };
    expect(selectSkill(input(['A', 'B'], { A: mastered(11), ...learning }, { recent: three, policy: off })).rule).toBe('keep-learning');
  });

  it('spaces reviews further apart after each review (10 minutes, then a day)', () => {
    expect(reviewDueAt({ pKnown: 1, evidence: 5, lastPracticedAt: NOW, reviewCount: 0 }, DEFAULT_SELECTION_POLICY)).toEqual(new Date(NOW.getTime() + 600_000));
    expect(reviewDueAt({ pKnown: 1, evidence: 5, lastPracticedAt: NOW, reviewCount: 1 }, DEFAULT_SELECTION_POLICY)).toEqual(new Date(NOW.getTime() + 86_400_000));
    expect(reviewDueAt({ pKnown: 1, evidence: 5, lastPracticedAt: NOW, reviewCount: 99 }, DEFAULT_SELECTION_POLICY)).toEqual(new Date(NOW.getTime() + 21 * 86_400_000));
  });

  it('when everything is mastered, reviews what is due, else the skill practised longest ago (not the last one)', () => {
    const due = selectSkill(input(['A', 'D'], { A: mastered(5), D: mastered(30) }));
    expect(due).toMatchObject({ rule: 'spaced-review', skill: 'D' });
    const notDue = selectSkill(input(['A', 'D'], { A: mastered(2), D: mastered(3) }, { recent: [{ skill: 'D', rule: 'all-mastered' }] }));
    expect(notDue).toMatchObject({ rule: 'all-mastered', skill: 'A' });
  });

  it('uses the teacher’s mastery threshold', () => {
    const strict = { ...DEFAULT_SELECTION_POLICY, masteryThreshold: 0.99 };
    const e = selectSkill(input(['A', 'B'], { A: mastered(1) }, { policy: strict }));
    expect(e).toMatchObject({ skill: 'A', rule: 'keep-learning', masteryThreshold: 0.99 });
  });
});
