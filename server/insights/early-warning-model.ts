// The early-warning model, published as it is computed: six features, each with a rule in
// words and the points it adds; a student is flagged when the points reach the threshold.
// Points rather than a fitted logistic model, so a teacher can add the reasons up by hand
// and see exactly why a name is on the list. It is one input beside the teacher's
// judgement: teachers dismiss or raise flags, and `flagStatus` says how that is respected.
import type { EarlyWarningModelView, FlagReasonView, FlagView } from '../http/contract';
import { MASTERY_THRESHOLD } from '../practice/model/bkt';

/** Bump when a rule, a window or a weight changes: overrides and flags name the version. */
export const MODEL_VERSION = 1;
/** Flag at this many points. Tuned so that no single weak signal (1–2 points) flags alone. */
export const FLAG_THRESHOLD = 3;

export const GROWTH_WINDOW_DAYS = 14;
export const GROWTH_MIN_ATTEMPTS = 5;
export const RECENT_ATTEMPTS = 20;
/** Newest answers per student the features read: flat cost however long the history. */
export const FEATURE_WINDOW = 60;
export const HINT_MIN_ATTEMPTS = 5;
export const HINT_SHARE = 0.6;
export const LMS_LOW_FRACTION = 0.6;
/** Attempts on skills already mastered do not count toward growth (a review slip is not stagnation). */
export const GROWTH_MASTERY_CUTOFF = MASTERY_THRESHOLD;

/** One student's feature values in one course (computed by flag-features.ts). */
export interface StudentFeatures {
  /** On the roster, never opened Trellis, while classmates have (before anyone has, the class has not started). */
  neverLaunched: boolean;
  /** Whole days since the last launch or attempt; null when never active. */
  daysInactive: number | null;
  /** Attempts in the growth window on skills not yet mastered, and the p(known) they added up to. */
  growthAttempts: number;
  growthGain: number;
  /** Of the last RECENT_ATTEMPTS attempts: how many there are and how many used a hint. */
  recentAttempts: number;
  recentHinted: number;
  /** Wrong answers since the last right one (across skills). */
  missStreak: number;
  /** The latest LMS gradebook result read, as a fraction of its maximum; null when none. */
  lmsFraction: number | null;
}

/** Which evidence a feature rests on: a dismissed reason counts again only when that evidence is newer. */
export type EvidenceKind = 'attempts' | 'activity' | 'lms' | 'none';

export interface FeatureRule {
  feature: string;
  rule: string;
  points: string;
  evidence: EvidenceKind;
  score(f: StudentFeatures): { value: number | null; points: number };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export const FEATURES: readonly FeatureRule[] = [
  {
    feature: 'never-launched',
    rule: 'On the class roster but has never opened Trellis, while classmates have.',
    points: '3',
    evidence: 'none',
    score: (f) => ({ value: null, points: f.neverLaunched ? 3 : 0 }),
  },
  {
    feature: 'days-inactive',
    rule: 'Days since the student last opened Trellis or answered a question.',
    points: '1 at 7 or more days, 2 at 14 or more, 3 at 21 or more',
    evidence: 'activity',
    score: (f) => {
      const d = f.daysInactive;
      return { value: d, points: d === null ? 0 : d >= 21 ? 3 : d >= 14 ? 2 : d >= 7 ? 1 : 0 };
    },
  },
  {
    feature: 'no-growth',
    rule:
      `At least ${GROWTH_MIN_ATTEMPTS} answers in the last ${GROWTH_WINDOW_DAYS} days (among the newest ${FEATURE_WINDOW}) on skills not yet mastered, ` +
      'and the estimated mastery (p(known), summed over skills) did not rise. The value is that change.',
    points: '2',
    evidence: 'attempts',
    score: (f) => ({
      value: round(f.growthGain, 3),
      // A tolerance for floating-point sums that should be exactly zero.
      points: f.growthAttempts >= GROWTH_MIN_ATTEMPTS && f.growthGain <= 1e-9 ? 2 : 0,
    }),
  },
  {
    feature: 'hint-dependence',
    rule:
      `Hints were used on at least ${HINT_SHARE * 100}% of the last ${RECENT_ATTEMPTS} answers ` +
      `(with at least ${HINT_MIN_ATTEMPTS} answers). The value is that share.`,
    points: '1',
    evidence: 'attempts',
    score: (f) => {
      if (f.recentAttempts < HINT_MIN_ATTEMPTS) return { value: null, points: 0 };
      const share = f.recentHinted / f.recentAttempts;
      return { value: round(share, 2), points: share >= HINT_SHARE ? 1 : 0 };
    },
  },
  {
    feature: 'miss-streak',
    rule: 'Wrong answers in a row, counted back from the latest answer.',
    points: '2 at 4 or more, 3 at 6 or more',
    evidence: 'attempts',
    score: (f) => ({ value: f.missStreak, points: f.missStreak >= 6 ? 3 : f.missStreak >= 4 ? 2 : 0 }),
  },
  {
    feature: 'lms-grade',
    rule:
      `The latest grade Trellis read from the LMS gradebook is below ${LMS_LOW_FRACTION * 100}% of its maximum. ` +
      'It may include work in progress, so it never flags alone.',
    points: '2',
    evidence: 'lms',
    score: (f) => ({
      value: f.lmsFraction === null ? null : round(f.lmsFraction, 2),
      points: f.lmsFraction !== null && f.lmsFraction < LMS_LOW_FRACTION ? 2 : 0,
    }),
  },
];

export interface Scored {
  score: number;
  /** The features that added points, in the model's order. */
  reasons: FlagReasonView[];
}

export function scoreStudent(f: StudentFeatures): Scored {
  const reasons: FlagReasonView[] = [];
  for (const rule of FEATURES) {
    const { value, points } = rule.score(f);
    if (points > 0) reasons.push({ feature: rule.feature, value, points });
  }
  return { score: reasons.reduce((sum, r) => sum + r.points, 0), reasons };
}

export function modelView(): EarlyWarningModelView {
  return {
    version: MODEL_VERSION,
    threshold: FLAG_THRESHOLD,
    features: FEATURES.map(({ feature, rule, points }) => ({ feature, rule, points })),
  };
}

/** The newest evidence of each kind for one student (ms precision, as stored in evidence_until). */
export interface EvidenceTimes {
  attempts: Date | null;
  activity: Date | null;
  lms: Date | null;
}

export interface OverrideFacts {
  action: 'dismiss' | 'flag';
  /** The features that were firing when the teacher decided. */
  reasons: string[];
  /** The student's newest evidence at that moment; null if there was none. */
  evidenceUntil: Date | null;
}

/**
 * How the teacher's latest decision combines with the model (null: not on the list).
 * - 'flag' keeps the student flagged whatever the score, until the teacher dismisses.
 * - 'dismiss' holds while the reasons still firing are ones the teacher dismissed and rest
 *   on no evidence newer than the dismissal. A reason counts again ("live") when it is new
 *   (not among the dismissed) or fires on newer evidence of its kind (another miss, a new
 *   LMS read, a new spell of inactivity after activity); when live points reach the
 *   threshold the flag is back, still showing the dismissal. Positive new evidence that
 *   leaves only old reasons (e.g. a right answer) keeps the dismissal.
 */
export function flagStatus(scored: Scored, evidence: EvidenceTimes, override: OverrideFacts | null): FlagView['status'] | null {
  if (override?.action === 'flag') return 'teacher-flagged';
  if (scored.score < FLAG_THRESHOLD) return null;
  if (!override) return 'flagged';
  const live = scored.reasons
    .filter((r) => !override.reasons.includes(r.feature) || isNewer(evidenceOf(r.feature, evidence), override.evidenceUntil))
    .reduce((sum, r) => sum + r.points, 0);
  return live >= FLAG_THRESHOLD ? 'flagged' : 'dismissed';
}

function evidenceOf(feature: string, evidence: EvidenceTimes): Date | null {
  const kind = FEATURES.find((f) => f.feature === feature)?.evidence ?? 'none';
  return kind === 'none' ? null : evidence[kind];
}

function isNewer(at: Date | null, until: Date | null): boolean {
  return at !== null && (until === null || at.getTime() > until.getTime());
}
