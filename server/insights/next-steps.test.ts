// Next steps and the overview's arithmetic over hand-built course data (no database).
import type { FlagView } from '../http/contract';
import type { CourseData, CourseEstimate } from './course-data';
import { NEXT_STEP_RULES, nextSteps } from './next-steps';
import { buildClassOverview, masteryCsvRows } from './overview';

const skill = (code: string, prerequisites: string[] = []) => ({
  code, standard: code.toUpperCase(), grade: 3, domain: 'd', name: { en: `Skill ${code}` }, prerequisites, builtin: true, displayName: `Skill ${code}`,
});

/** students: sub → { skill: [pKnown, evidence] } */
function course(students: Record<string, Record<string, [number, number]>>, skills = [skill('a'), skill('b', ['a']), skill('c', ['b'])], assigned?: string[]): CourseData {
  const estimates: CourseEstimate[] = Object.entries(students).flatMap(([userId, cells]) =>
    Object.entries(cells).map(([s, [pKnown, evidence]]) => ({ userId, skill: s, pKnown, evidence, correct: 0, lastPracticedAt: null })),
  );
  const byStudent = new Map<string, Map<string, CourseEstimate>>();
  for (const e of estimates) byStudent.set(e.userId, (byStudent.get(e.userId) ?? new Map()).set(e.skill, e));
  return {
    students: Object.keys(students).map((userId) => ({ userId, name: userId === 'anon' ? null : `Name ${userId}`, launched: true, lastActiveAt: null })),
    skills,
    assignments: [{ id: 'as-1', title: 'Unit', settings: {} as never, skills: assigned ?? skills.map((s) => s.code) }],
    estimates,
    byStudent,
  };
}

const flag = (userId: string, status: FlagView['status'], score: number, reasons: [string, number | null, number][] = []): FlagView => ({
  userId, name: null, score, threshold: 3, modelVersion: 1, override: null, status,
  reasons: reasons.map(([feature, value, points]) => ({ feature, value, points })),
});

describe('next steps', () => {
  it('ready to learn: not mastered with prerequisites mastered, for more than half the class, most ready first', () => {
    const data = course({
      s1: { a: [0.97, 4] }, // ready for b
      s2: { a: [0.96, 3] }, // ready for b
      s3: { a: [0.98, 5], b: [0.6, 2] }, // ready for b (learning it)
      s4: { a: [0.3, 2] }, // ready for a only
    });
    // a: only s4 is ready (1 of 4). b: s1, s2, s3 (3 of 4). c: nobody has mastered b.
    expect(nextSteps(data, []).filter((s) => s.kind === 'ready-to-learn')).toEqual([{ kind: 'ready-to-learn', subject: 'b', evidence: { ready: 3, of: 4 } }]);
  });

  it('only assigned skills; a prerequisite outside the assignments counts only once the student has evidence on it', () => {
    // Assigned: b and c; a is outside. s1 has evidence on a (not mastered) → not ready for b.
    const data = course({ s1: { a: [0.4, 3] }, s2: {}, s3: {} }, undefined, ['b', 'c']);
    const ready = nextSteps(data, []).filter((s) => s.kind === 'ready-to-learn');
    // a: not assigned (though all are ready). b: s2, s3 (a never seen) but not s1. c: needs b mastered (b is assigned).
    expect(ready).toEqual([{ kind: 'ready-to-learn', subject: 'b', evidence: { ready: 2, of: 3 } }]);
  });

  it('reteach: enough evidence, still below 0.5, for at least 30% of those practising and at least two students', () => {
    const r = NEXT_STEP_RULES;
    const data = course({
      s1: { a: [0.2, 3], b: [0.1, 5] },
      s2: { a: [0.4, 6], b: [0.3, 3] },
      s3: { a: [0.9, 6], b: [0.45, 2] }, // b: too little evidence to call stuck
      s4: { a: [0.96, 6], b: [0.2, 4] },
      s5: { a: [0.97, 6], c: [0.1, 9] }, // c: one stuck student is a check-in, not a reteach
      s6: { a: [0.97, 6] },
      s7: { a: [0.97, 6] },
    });
    // a: 2 stuck of 7 practising (29% < 30%): no. b: 3 stuck of 4: yes.
    expect(nextSteps(data, []).filter((s) => s.kind === 'reteach')).toEqual([
      { kind: 'reteach', subject: 'b', evidence: { stuck: 3, practising: 4, minEvidence: r.stuckMinEvidence, below: r.stuckBelow } },
    ]);
  });

  it('check-in: flagged and teacher-flagged students (not dismissed ones), highest score first, with the reason that weighed most', () => {
    const flags = [
      flag('s1', 'flagged', 4, [['days-inactive', 9, 2], ['miss-streak', 5, 3]]),
      flag('s2', 'dismissed', 9, [['days-inactive', 20, 4]]),
      flag('s3', 'teacher-flagged', 0),
      flag('s4', 'flagged', 6, [['mastery-slope', null, 6]]),
    ];
    expect(nextSteps(course({ s1: {} }), flags).filter((s) => s.kind === 'check-in')).toEqual([
      { kind: 'check-in', subject: 's4', evidence: { score: 6, status: 'flagged', reason: 'mastery-slope', points: 6 } },
      { kind: 'check-in', subject: 's1', evidence: { score: 4, status: 'flagged', reason: 'miss-streak', points: 3, value: 5 } },
      { kind: 'check-in', subject: 's3', evidence: { score: 0, status: 'teacher-flagged', reason: 'teacher-flagged' } },
    ]);
  });

  it('an empty class has no next steps', () => {
    expect(nextSteps(course({}), [])).toEqual([]);
  });
});

describe('class overview (pure)', () => {
  const data = course({
    s1: { a: [0.96, 4], b: [0.99, 6], c: [0.5, 1] },
    s2: { a: [0.96, 4], b: [0.96, 3] },
    anon: {},
  });
  const view = buildClassOverview(data, [flag('s2', 'teacher-flagged', 0), flag('s1', 'dismissed', 5)], new Date('2026-01-02T03:04:05Z'));

  it('cells, strengths strongest first (ties in graph order), per-skill counts and means over students with evidence', () => {
    expect(view.students.map((s) => [s.userId, s.masteredCount, s.strengths, s.cells.map((c) => c.status), s.flagged])).toEqual([
      ['s1', 2, ['b', 'a'], ['mastered', 'mastered', 'learning'], false],
      ['s2', 2, ['a', 'b'], ['mastered', 'mastered', 'not-started'], true],
      ['anon', 0, [], ['not-started', 'not-started', 'not-started'], false],
    ]);
    expect(view.skills.map((s) => [s.code, s.mastered, s.learning, s.notStarted, s.meanPKnown])).toEqual([
      ['a', 2, 0, 1, 0.96],
      ['b', 2, 0, 1, (0.99 + 0.96) / 2],
      ['c', 0, 1, 2, 0.5],
    ]);
    expect(view).toMatchObject({ masteryThreshold: 0.95, generatedAt: '2026-01-02T03:04:05.000Z' });
  });

  it('exports percents, empty cells for not started, numbered anonymous students', () => {
    expect(masteryCsvRows(view, 'en')).toEqual([
      ['Student', 'Skill a (a)', 'Skill b (b)', 'Skill c (c)', 'Mastered'],
      ['Name s1', 96, 99, 50, 2],
      ['Name s2', 96, 96, null, 2],
      ['Student 3', null, null, null, 0],
    ]);
    expect(masteryCsvRows(view, 'es')[0]).toEqual(['Estudiante', 'Skill a (a)', 'Skill b (b)', 'Skill c (c)', 'Dominadas']);
  });
});
