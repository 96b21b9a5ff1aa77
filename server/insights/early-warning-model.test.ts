// The published early-warning model on known feature values: exact scores, reasons with
// their values and points, and how a teacher's override is respected.
import {
  FEATURES,
  FLAG_THRESHOLD,
  MODEL_VERSION,
  flagStatus,
  modelView,
  scoreStudent,
  type EvidenceTimes,
  type StudentFeatures,
} from './early-warning-model';

const quiet: StudentFeatures = {
  neverLaunched: false,
  daysInactive: 0,
  growthAttempts: 0,
  growthGain: 0,
  recentAttempts: 0,
  recentHinted: 0,
  missStreak: 0,
  lmsFraction: null,
};
const f = (over: Partial<StudentFeatures>): StudentFeatures => ({ ...quiet, ...over });

describe('scoreStudent', () => {
  it('gives a student doing fine no points and no reasons', () => {
    expect(scoreStudent(f({ daysInactive: 2, growthAttempts: 12, growthGain: 0.8, recentAttempts: 20, recentHinted: 3, missStreak: 1, lmsFraction: 0.9 }))).toEqual({
      score: 0,
      reasons: [],
    });
  });

  it('scores a roster-only student who never launched at 3, enough to flag alone', () => {
    expect(scoreStudent(f({ neverLaunched: true, daysInactive: null }))).toEqual({
      score: 3,
      reasons: [{ feature: 'never-launched', value: null, points: 3 }],
    });
  });

  it.each([
    [6, 0],
    [7, 1],
    [13, 1],
    [14, 2],
    [20, 2],
    [21, 3],
    [60, 3],
  ])('days inactive %i → %i points', (days, points) => {
    const { score, reasons } = scoreStudent(f({ daysInactive: days }));
    expect(score).toBe(points);
    expect(reasons).toEqual(points ? [{ feature: 'days-inactive', value: days, points }] : []);
  });

  it('counts no growth only with at least 5 answers on unmastered skills in the window and no rise', () => {
    expect(scoreStudent(f({ growthAttempts: 5, growthGain: -0.0264 })).reasons).toEqual([{ feature: 'no-growth', value: -0.026, points: 2 }]);
    expect(scoreStudent(f({ growthAttempts: 5, growthGain: 0 })).score).toBe(2);
    expect(scoreStudent(f({ growthAttempts: 4, growthGain: -0.5 })).score).toBe(0);
    expect(scoreStudent(f({ growthAttempts: 9, growthGain: 0.01 })).score).toBe(0);
  });

  it('counts hint dependence at 60% of the recent answers, from 5 answers on', () => {
    expect(scoreStudent(f({ recentAttempts: 20, recentHinted: 12 })).reasons).toEqual([{ feature: 'hint-dependence', value: 0.6, points: 1 }]);
    expect(scoreStudent(f({ recentAttempts: 20, recentHinted: 11 })).score).toBe(0);
    expect(scoreStudent(f({ recentAttempts: 4, recentHinted: 4 })).score).toBe(0);
    expect(scoreStudent(f({ recentAttempts: 5, recentHinted: 5 })).reasons).toEqual([{ feature: 'hint-dependence', value: 1, points: 1 }]);
  });

  it.each([
    [3, 0],
    [4, 2],
    [5, 2],
    [6, 3],
    [11, 3],
  ])('a miss streak of %i → %i points', (streak, points) => {
    expect(scoreStudent(f({ missStreak: streak })).score).toBe(points);
  });

  it('counts an LMS grade below 60% of its maximum, never alone enough to flag', () => {
    expect(scoreStudent(f({ lmsFraction: 0.5 }))).toEqual({ score: 2, reasons: [{ feature: 'lms-grade', value: 0.5, points: 2 }] });
    expect(scoreStudent(f({ lmsFraction: 0.6 })).score).toBe(0);
    expect(scoreStudent(f({ lmsFraction: 0 })).score).toBe(2);
    expect(2).toBeLessThan(FLAG_THRESHOLD);
  });

  it('adds the points up and lists every reason in the model order', () => {
    // The 6-miss-streak student: stuck, so no growth either.
    expect(scoreStudent(f({ growthAttempts: 6, growthGain: -0.03, recentAttempts: 6, missStreak: 6 }))).toEqual({
      score: 5,
      reasons: [
        { feature: 'no-growth', value: -0.03, points: 2 },
        { feature: 'miss-streak', value: 6, points: 3 },
      ],
    });
    // Quiet for two weeks with a low gradebook grade, hints on most answers.
    expect(scoreStudent(f({ daysInactive: 15, recentAttempts: 10, recentHinted: 7, lmsFraction: 0.45 }))).toEqual({
      score: 5,
      reasons: [
        { feature: 'days-inactive', value: 15, points: 2 },
        { feature: 'hint-dependence', value: 0.7, points: 1 },
        { feature: 'lms-grade', value: 0.45, points: 2 },
      ],
    });
  });
});

describe('modelView', () => {
  it('publishes the version, the threshold and every feature with its rule and points', () => {
    const view = modelView();
    expect(view).toMatchObject({ version: MODEL_VERSION, threshold: 3 });
    expect(view.features.map((x) => x.feature)).toEqual(['never-launched', 'days-inactive', 'no-growth', 'hint-dependence', 'miss-streak', 'lms-grade']);
    for (const x of view.features) {
      expect(x.rule.length).toBeGreaterThan(20);
      expect(x.points).toMatch(/\d/);
    }
    expect(FEATURES).toHaveLength(view.features.length);
  });
});

describe('flagStatus: the teacher override is respected', () => {
  const t = (minute: number) => new Date(Date.UTC(2026, 0, 5, 12, minute));
  const stuck = scoreStudent(f({ growthAttempts: 6, growthGain: -0.03, missStreak: 6 })); // 5: no-growth 2, miss-streak 3
  const asOfDismissal: EvidenceTimes = { attempts: t(10), activity: t(10), lms: null };
  const dismissal = { action: 'dismiss' as const, reasons: ['no-growth', 'miss-streak'], evidenceUntil: t(10) };

  it('flags at the threshold and lists nobody below it', () => {
    expect(flagStatus(stuck, asOfDismissal, null)).toBe('flagged');
    expect(flagStatus(scoreStudent(f({ missStreak: 4 })), asOfDismissal, null)).toBeNull();
    expect(flagStatus(scoreStudent(f({ missStreak: 4, recentAttempts: 5, recentHinted: 5 })), asOfDismissal, null)).toBe('flagged');
  });

  it('keeps a dismissal while there is no newer evidence', () => {
    expect(flagStatus(stuck, asOfDismissal, dismissal)).toBe('dismissed');
  });

  it('keeps it when only other kinds of evidence are new (a launch without answers)', () => {
    expect(flagStatus(stuck, { ...asOfDismissal, activity: t(20) }, dismissal)).toBe('dismissed');
  });

  it('brings the flag back when a dismissed reason fires on newer evidence (another miss)', () => {
    const again = scoreStudent(f({ growthAttempts: 7, growthGain: -0.04, missStreak: 7 }));
    expect(flagStatus(again, { attempts: t(20), activity: t(20), lms: null }, dismissal)).toBe('flagged');
  });

  it('keeps it when the dismissed reasons on newer evidence add up to less than the threshold', () => {
    // A right answer: the streak is gone; no-growth (2) alone is under the threshold anyway.
    const better = scoreStudent(f({ growthAttempts: 7, growthGain: -0.01, missStreak: 0, lmsFraction: 0.4 }));
    expect(better.score).toBe(4);
    expect(flagStatus(better, { attempts: t(20), activity: t(20), lms: t(5) }, { ...dismissal, reasons: ['no-growth', 'lms-grade'] })).toBe('dismissed');
  });

  it('counts a reason the teacher did not dismiss', () => {
    const quietNow = scoreStudent(f({ growthAttempts: 6, growthGain: -0.03, missStreak: 6, daysInactive: 21 }));
    expect(flagStatus(quietNow, asOfDismissal, dismissal)).toBe('flagged');
  });

  it('keeps a never-launched dismissal until the student has evidence', () => {
    const never = scoreStudent(f({ neverLaunched: true, daysInactive: null }));
    const none: EvidenceTimes = { attempts: null, activity: null, lms: null };
    expect(flagStatus(never, none, { action: 'dismiss', reasons: ['never-launched'], evidenceUntil: null })).toBe('dismissed');
  });

  it('a teacher flag stands whatever the score; a later dismissal of a low score removes it from the list', () => {
    const low = scoreStudent(f({ recentAttempts: 5, recentHinted: 5 }));
    expect(flagStatus(low, asOfDismissal, { action: 'flag', reasons: ['hint-dependence'], evidenceUntil: t(10) })).toBe('teacher-flagged');
    expect(flagStatus(low, asOfDismissal, { action: 'dismiss', reasons: ['hint-dependence'], evidenceUntil: t(10) })).toBeNull();
  });
});
