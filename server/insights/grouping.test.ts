// Grouping with known answers: a class designed so every group and pair can be written
// out by hand, plus the invariants (balanced sizes, each student at most once, the same
// input giving the same plan) over many generated classes.
import { balancedChunks, needOf, peerPairs, suggestGrouping, type GroupingStudent } from './grouping';

const A = 'g6.ratios';
const B = 'g6.unit-rates';

/** [userId, { skill: p | [p, evidence] }]: a bare p means 2 attempts of evidence. */
function student(userId: string, est: Record<string, number | [number, number]> = {}): GroupingStudent {
  return {
    userId,
    estimates: new Map(Object.entries(est).map(([skill, v]) => [skill, typeof v === 'number' ? { pKnown: v, evidence: 2 } : { pKnown: v[0], evidence: v[1] }])),
  };
}

// The designed class, in roster order. Each line: what the student's need is, and why.
const CLASS: GroupingStudent[] = [
  student('s1', { [A]: 0.3, [B]: 0.8 }), //    need A at 0.30 (weakest)
  student('s2', { [A]: 0.97, [B]: 0.4 }), //   need B at 0.40 (A mastered)
  student('s3', { [A]: 0.6, [B]: 0.6 }), //    need A at 0.60 (tie → the earlier skill)
  student('s4', { [A]: 0.2 }), //              need A at 0.20 (working on A beats not starting B)
  student('s5'), //                            no evidence: A, not started
  student('s6', { [A]: 0.98, [B]: 0.96 }), //  mastered both: ready to extend
  student('s7', { [A]: 0.99, [B]: 0.97 }), //  mastered both: ready to extend
  student('s8', { [A]: 0.5 }), //              need A at 0.50
  student('s9', { [A]: 0.96 }), //             A mastered, B never tried: B, not started
  student('s10', { [A]: 0.45, [B]: 0.1 }), //  need B at 0.10
  student('s11'), //                           A, not started
  student('s12', { [A]: [0.7, 0] }), //        a row without evidence is not a start: A, not started
  student('s13', { [B]: 0.99 }), //            B mastered, A never tried: A, not started
];

describe('needOf', () => {
  it.each([
    ['s1', { skill: A, pKnown: 0.3 }],
    ['s2', { skill: B, pKnown: 0.4 }],
    ['s3', { skill: A, pKnown: 0.6 }],
    ['s4', { skill: A, pKnown: 0.2 }],
    ['s5', { skill: A, pKnown: null }],
    ['s6', null],
    ['s9', { skill: B, pKnown: null }],
    ['s12', { skill: A, pKnown: null }],
    ['s13', { skill: A, pKnown: null }],
  ])('%s → %j', (id, need) => {
    expect(needOf(CLASS.find((s) => s.userId === id)!, [A, B])).toEqual(need);
  });
});

describe('similar groups (shared need)', () => {
  it('groups the designed class by need, weakest first within a need, split into balanced groups of at most 3', () => {
    const { groups } = suggestGrouping({ students: CLASS, skills: [A, B], mode: 'similar', maxSize: 3 });
    expect(groups).toEqual([
      // Working on A: 0.20, 0.30, 0.50, 0.60 → 2 + 2, not 3 + 1.
      { name: 'Group 1', userIds: ['s4', 's1'], rationale: { kind: 'shared-need', skill: A, meanPKnown: 0.25 } },
      { name: 'Group 2', userIds: ['s8', 's3'], rationale: { kind: 'shared-need', skill: A, meanPKnown: 0.55 } },
      // Not started on A (4 students → 2 + 2), no evidence → no mean.
      { name: 'Group 3', userIds: ['s5', 's11'], rationale: { kind: 'shared-need', skill: A, meanPKnown: null } },
      { name: 'Group 4', userIds: ['s12', 's13'], rationale: { kind: 'shared-need', skill: A, meanPKnown: null } },
      { name: 'Group 5', userIds: ['s10', 's2'], rationale: { kind: 'shared-need', skill: B, meanPKnown: 0.25 } },
      { name: 'Group 6', userIds: ['s9'], rationale: { kind: 'shared-need', skill: B, meanPKnown: null } },
      { name: 'Group 7', userIds: ['s6', 's7'], rationale: { kind: 'ready-to-extend', skill: null, meanPKnown: 0.975 } },
    ]);
  });

  it('the picked skills decide: on B alone, A is ignored', () => {
    const { groups } = suggestGrouping({ students: CLASS, skills: [B], mode: 'similar', maxSize: 4 });
    expect(groups).toEqual([
      { name: 'Group 1', userIds: ['s10', 's2', 's3', 's1'], rationale: { kind: 'shared-need', skill: B, meanPKnown: 0.475 } },
      // 6 not started with max 4 → 3 + 3.
      { name: 'Group 2', userIds: ['s4', 's5', 's8'], rationale: { kind: 'shared-need', skill: B, meanPKnown: null } },
      { name: 'Group 3', userIds: ['s9', 's11', 's12'], rationale: { kind: 'shared-need', skill: B, meanPKnown: null } },
      { name: 'Group 4', userIds: ['s6', 's7', 's13'], rationale: { kind: 'ready-to-extend', skill: null, meanPKnown: 0.973 } },
    ]);
  });
});

describe('balancedChunks', () => {
  it.each([
    [7, 4, [4, 3]],
    [9, 4, [3, 3, 3]],
    [10, 4, [4, 3, 3]],
    [8, 4, [4, 4]],
    [5, 2, [2, 2, 1]],
    [1, 4, [1]],
    [0, 4, []],
  ])('%i students, at most %i → %j', (n, max, sizes) => {
    const items = Array.from({ length: n }, (_, i) => i);
    const chunks = balancedChunks(items, max);
    expect(chunks.map((c) => c.length)).toEqual(sizes);
    expect(chunks.flat()).toEqual(items); // contiguous, order kept
  });
});

describe('mixed groups (snake draft)', () => {
  it('drafts the designed class by level into ceil(13 / 4) = 4 groups', () => {
    // Levels (mean over A and B, not started = 0), strongest first:
    // s7 .98, s6 .97, s2 .685, s3 .60 | s1 .55, s13 .495, s9 .48, s10 .275 | s8 .25, s4 .10, s5 0, s11 0 | s12 0
    // Rounds go → ← → ←: groups 1–4, then 4–1, then 1–4, then 4.
    const { groups } = suggestGrouping({ students: CLASS, skills: [A, B], mode: 'mixed', maxSize: 4 });
    expect(groups).toEqual([
      { name: 'Group 1', userIds: ['s7', 's10', 's8'], rationale: { kind: 'mixed-levels', skill: null, meanPKnown: 0.502 } },
      { name: 'Group 2', userIds: ['s6', 's9', 's4'], rationale: { kind: 'mixed-levels', skill: null, meanPKnown: 0.517 } },
      { name: 'Group 3', userIds: ['s2', 's13', 's5'], rationale: { kind: 'mixed-levels', skill: null, meanPKnown: 0.393 } },
      { name: 'Group 4', userIds: ['s3', 's1', 's11', 's12'], rationale: { kind: 'mixed-levels', skill: null, meanPKnown: 0.288 } },
    ]);
  });

  it('a group where nobody has evidence reports no mean', () => {
    const { groups } = suggestGrouping({ students: [student('x'), student('y'), student('z')], skills: [A], mode: 'mixed', maxSize: 2 });
    expect(groups).toEqual([
      // Round two runs back: z joins y.
      { name: 'Group 1', userIds: ['x'], rationale: { kind: 'mixed-levels', skill: null, meanPKnown: null } },
      { name: 'Group 2', userIds: ['y', 'z'], rationale: { kind: 'mixed-levels', skill: null, meanPKnown: null } },
    ]);
  });
});

describe('peer pairs', () => {
  it('pairs the strongest tutor with the weakest learner, skill by skill, each student once', () => {
    // A: tutors s7 .99, s6 .98, s2 .97, s9 .96; learners s4 .20, s1 .30, s10 .45, s8 .50, s3 .60.
    // B: of those left, s13 (.99) tutors s3 (.60); s5, s11, s12 have no evidence to pair on.
    expect(peerPairs(CLASS, [A, B])).toEqual([
      { tutor: 's7', learner: 's4', skill: A, tutorPKnown: 0.99, learnerPKnown: 0.2 },
      { tutor: 's6', learner: 's1', skill: A, tutorPKnown: 0.98, learnerPKnown: 0.3 },
      { tutor: 's2', learner: 's10', skill: A, tutorPKnown: 0.97, learnerPKnown: 0.45 },
      { tutor: 's9', learner: 's8', skill: A, tutorPKnown: 0.96, learnerPKnown: 0.5 },
      { tutor: 's13', learner: 's3', skill: B, tutorPKnown: 0.99, learnerPKnown: 0.6 },
    ]);
  });

  it('the skill order decides who is used first', () => {
    expect(peerPairs(CLASS, [B, A]).slice(0, 3)).toEqual([
      { tutor: 's13', learner: 's10', skill: B, tutorPKnown: 0.99, learnerPKnown: 0.1 },
      { tutor: 's7', learner: 's2', skill: B, tutorPKnown: 0.97, learnerPKnown: 0.4 },
      { tutor: 's6', learner: 's3', skill: B, tutorPKnown: 0.96, learnerPKnown: 0.6 },
    ]);
  });

  it('are the same in both modes', () => {
    const similar = suggestGrouping({ students: CLASS, skills: [A, B], mode: 'similar', maxSize: 3 });
    const mixed = suggestGrouping({ students: CLASS, skills: [A, B], mode: 'mixed', maxSize: 3 });
    expect(mixed.pairs).toEqual(similar.pairs);
  });
});

describe('invariants over generated classes', () => {
  // A small fixed-seed generator: the classes are the same on every run.
  function lcg(seed: number) {
    let x = seed;
    return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  }
  const skills = ['k1', 'k2', 'k3'];
  const classes = Array.from({ length: 40 }, (_, c) => {
    const rnd = lcg(c + 1);
    return Array.from({ length: Math.floor(rnd() * 35) }, (_, i) => {
      const est: Record<string, number> = {};
      for (const k of skills) if (rnd() < 0.8) est[k] = Math.round(rnd() * 100) / 100;
      return student(`u${i}`, est);
    });
  });

  it.each(['similar', 'mixed'] as const)('%s: every student exactly once, groups within the size limit, the same plan twice', (mode) => {
    for (const [c, students] of classes.entries()) {
      const maxSize = 2 + (c % 9);
      const plan = suggestGrouping({ students, skills, mode, maxSize });
      const placed = plan.groups.flatMap((g) => g.userIds);
      expect([...placed].sort()).toEqual(students.map((s) => s.userId).sort());
      for (const g of plan.groups) expect(g.userIds.length).toBeLessThanOrEqual(maxSize);
      expect(plan.groups.map((g) => g.name)).toEqual(plan.groups.map((_, i) => `Group ${i + 1}`));
      if (mode === 'mixed') {
        expect(plan.groups).toHaveLength(Math.ceil(students.length / maxSize));
        const sizes = plan.groups.map((g) => g.userIds.length);
        if (sizes.length) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
      const paired = plan.pairs.flatMap((p) => [p.tutor, p.learner]);
      expect(new Set(paired).size).toBe(paired.length);
      for (const p of plan.pairs) expect(p.tutorPKnown >= 0.95 && p.learnerPKnown < 0.95).toBe(true);
      // Deterministic: a fresh copy of the same input gives the same plan.
      const copy = students.map((s) => ({ userId: s.userId, estimates: new Map(s.estimates) }));
      expect(suggestGrouping({ students: copy, skills: [...skills], mode, maxSize })).toEqual(plan);
    }
  });

  it('an empty class has no groups and no pairs', () => {
    expect(suggestGrouping({ students: [], skills, mode: 'similar', maxSize: 4 })).toEqual({ groups: [], pairs: [] });
    expect(suggestGrouping({ students: [], skills, mode: 'mixed', maxSize: 4 })).toEqual({ groups: [], pairs: [] });
  });
});
