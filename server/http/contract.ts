// The shapes the client sees. The client imports these types (type-only), so a change
// here is a compile error on both sides rather than a surprise in the browser.

export type Panel = 'student' | 'teacher' | 'mentor' | 'admin' | 'deep-linking' | 'no-role';
export type Locale = 'en' | 'es';
/** Roles after normalising LIS role URIs (membership, institution and system roles). */
export type TrellisRole = 'learner' | 'instructor' | 'teaching-assistant' | 'mentor' | 'administrator' | 'content-developer';

export interface SessionView {
  panel: Panel;
  locale: Locale;
  roles: TrellisRole[];
  /** Display name if the platform sent one; null in anonymous / pseudonymous launches. */
  user: { displayName: string | null; email: string | null } | null;
  course: { id: string; title: string | null; label: string | null } | null;
  resourceLink: { title: string | null } | null;
  /** The practice assignment this link opens (placed through Deep Linking), if any. */
  assignment: AssignmentView | null;
  platform: { name: string };
  /** Mentor launches: how many mentees role_scope_mentor names (their data comes with the mentor view). */
  menteeCount: number;
  expiresAt: string;
}

export interface AssignmentSettings {
  /** Skill or standard codes to practise, e.g. "6.RP.A.3". */
  skills: string[];
  goal: { kind: 'items'; count: number } | { kind: 'mastery' };
  dueAt: string | null;
  points: number;
  /** Mix reviews of mastered skills into practice (default true). */
  spacedReview?: boolean;
}

export interface AssignmentView {
  id: string;
  title: string;
  settings: AssignmentSettings;
}

/** What a teacher picks in the deep-linking picker, one entry per assignment to place. */
export interface DeepLinkItemInput {
  title: string;
  skills: string[];
  goal: AssignmentSettings['goal'];
  dueAt: string | null;
  points: number;
  spacedReview?: boolean;
}

/** The signed response the client posts (form_post) to the LMS's deep_link_return_url. */
export interface DeepLinkResponseView {
  returnUrl: string;
  jwt: string;
}

/** Embedded in the launch response as <script id="trellis-boot" type="application/json">. */
export interface BootData {
  token: string;
  session: SessionView;
}

export interface CourseMemberView {
  displayName: string | null;
  roles: TrellisRole[];
  lastLaunchAt: string | null;
}

export interface CourseMembersResponse {
  members: CourseMemberView[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface GradeSyncItemView {
  id: string;
  student: string | null;
  resourceLinkTitle: string | null;
  scoreGiven: number;
  scoreMaximum: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface GradeSyncResponse {
  items: GradeSyncItemView[];
}

export interface LmsResultView {
  userId: string;
  student: string | null;
  lmsScore: number | null;
  lmsMaximum: number | null;
  trellisScore: number | null;
  trellisMaximum: number | null;
}

export interface RosterSyncResponse {
  mode: 'full' | 'differences' | 'resource-link';
  members: number;
  removed: number;
}

// ---- Practice (student panel) ------------------------------------------------------

/** Text with math: TeX runs arrive already rendered to MathML by the server (KaTeX). */
export type RenderedSegment = { kind: 'text'; text: string } | { kind: 'math'; tex: string; mathml: string };
export type RenderedText = RenderedSegment[];

export type AnswerKind = 'number' | 'expression' | 'equation-solution' | 'choice' | 'text';

/** Why the selector chose this item, as data; the client puts it into words. */
export interface SelectionExplanation {
  rule:
    | 'ready-to-learn' // not mastered, every prerequisite mastered
    | 'keep-learning' // not mastered, already practising it
    | 'prerequisite-first' // nothing ready: practise the weakest prerequisite inside the assignment
    | 'spaced-review' // mastered earlier and due for review
    | 'all-mastered'; // every targeted skill mastered: keep them fresh
  skill: string;
  pKnown: number;
  masteryThreshold: number;
  evidence: number;
  prerequisites: { code: string; pKnown: number; mastered: boolean }[];
  /** For spaced review: when it was last practised and when it became due. */
  review: { lastPracticedAt: string; dueAt: string } | null;
  /** Skills considered and not chosen, with the reason. */
  passedOver: { code: string; reason: 'mastered' | 'prerequisites-not-mastered' | 'just-practised' | 'lower-priority' }[];
  modelVersion: number;
}

export interface PracticeItemView {
  /** The served item's id: attempts and hints name it. */
  id: string;
  skill: { code: string; name: string; standard: string };
  prompt: RenderedText;
  answerKind: AnswerKind;
  choices: { id: string; content: RenderedText }[] | null;
  /** "Select all that apply" when true. */
  multiple: boolean;
  answerFormat: RenderedText | null;
  hintsAvailable: number;
  /** Hints already opened for this item (they survive a reload). */
  hintsShown: RenderedText[];
  why: SelectionExplanation;
  servedAt: string;
}

export type SkillStatus = 'mastered' | 'learning' | 'ready' | 'not-ready';

export interface SkillProgressView {
  code: string;
  name: string;
  standard: string;
  pKnown: number;
  mastered: boolean;
  evidence: number;
  status: SkillStatus;
}

export type LmsScoreStatus = 'not-sent' | 'pending' | 'delivered' | 'failed' | 'no-gradebook';

export interface PracticeProgressView {
  goal: AssignmentSettings['goal'];
  /** Targeted skills, mastered first (strengths first). */
  skills: SkillProgressView[];
  masteredCount: number;
  targetCount: number;
  itemsAnswered: number;
  itemsCorrect: number;
  complete: boolean;
  /** The assignment score and whether it has reached the LMS gradebook. */
  score: { given: number; maximum: number; rule: 'skills-mastered' | 'items-completed'; lms: LmsScoreStatus } | null;
}

export interface PracticeStateView {
  item: PracticeItemView | null;
  progress: PracticeProgressView;
}

export interface AttemptInput {
  /** Typed answer, or the chosen choice ids for choice items. */
  answer: string | string[];
  /** Client-made UUID: the same attempt sent twice counts once. */
  idempotencyKey: string;
  /** Time from showing the item to submitting, as the client measured it. */
  timeOnTaskMs: number;
}

export type AnswerFeedback = 'correct' | 'incorrect' | 'not-simplest' | 'wrong-unit' | 'unreadable';

export interface AttemptResultView {
  attemptId: string;
  correct: boolean;
  feedback: AnswerFeedback;
  /** The expected answer, shown after a miss. */
  expected: RenderedText;
  solution: RenderedText[];
  mastery: { skill: string; before: number; after: number; mastered: boolean; justMastered: boolean };
  progress: PracticeProgressView;
  next: PracticeItemView | null;
}

export interface HintView {
  hint: RenderedText;
  hintsShown: number;
  hintsAvailable: number;
}

// ---- Insights (teacher), mentor and student views -----------------------------------

export type MasteryStatus = 'mastered' | 'learning' | 'not-started';

export interface InsightSkillView {
  code: string;
  name: string;
  standard: string;
  grade: number;
}

export interface MasteryCellView {
  skill: string;
  pKnown: number | null;
  evidence: number;
  status: MasteryStatus;
}

export interface StudentSummaryView {
  userId: string;
  /** Display name; null in pseudonymous/anonymous launches (the client shows "Student 4"). */
  name: string | null;
  launched: boolean;
  lastActiveAt: string | null;
  masteredCount: number;
  /** One cell per overview skill, in the overview's skill order. */
  cells: MasteryCellView[];
  /** Strengths first: the student's mastered skill codes, strongest first. */
  strengths: string[];
  flagged: boolean;
}

export interface SkillSummaryView extends InsightSkillView {
  mastered: number;
  learning: number;
  notStarted: number;
  /** Mean p(known) over students with evidence; null with none. */
  meanPKnown: number | null;
}

export interface NextStepView {
  kind: 'ready-to-learn' | 'reteach' | 'check-in';
  /** Skill code for skill steps, student user id for check-ins. */
  subject: string;
  /** The data behind it, e.g. { ready: 12, of: 20 } or { missStreak: 5 }. */
  evidence: Record<string, number | string>;
}

export interface ClassOverviewView {
  skills: SkillSummaryView[];
  students: StudentSummaryView[];
  assignments: { id: string; title: string; skills: string[] }[];
  nextSteps: NextStepView[];
  masteryThreshold: number;
  generatedAt: string;
}

export interface FlagReasonView {
  /** Feature code, e.g. 'days-inactive'. */
  feature: string;
  /** The feature's value for this student (days, a slope, a fraction, a count). */
  value: number | null;
  points: number;
}

export interface FlagView {
  userId: string;
  name: string | null;
  score: number;
  threshold: number;
  reasons: FlagReasonView[];
  modelVersion: number;
  /** Set when a teacher dismissed it; dismissed flags for the same reasons stay hidden until new evidence. */
  override: FlagOverrideView | null;
  status: 'flagged' | 'dismissed' | 'teacher-flagged';
}

export interface FlagOverrideView {
  id: string;
  action: 'dismiss' | 'flag';
  note: string;
  author: string | null;
  createdAt: string;
}

export interface EarlyWarningModelView {
  version: number;
  threshold: number;
  features: { feature: string; rule: string; points: string }[];
}

export interface FlagsResponse {
  model: EarlyWarningModelView;
  flags: FlagView[];
}

export interface FlagOverrideInput {
  userId: string;
  action: 'dismiss' | 'flag';
  note: string;
}

export interface AttemptView {
  id: string;
  skill: string;
  correct: boolean;
  answer: string;
  hintsUsed: number;
  timeOnTaskMs: number;
  pKnownAfter: number;
  at: string;
}

export interface TeacherNoteView {
  id: string;
  body: string;
  author: string | null;
  createdAt: string;
}

export interface StudentDetailView {
  student: { userId: string; name: string | null; launched: boolean; lastActiveAt: string | null };
  skills: (InsightSkillView & MasteryCellView)[];
  /** p(known) after each attempt, per skill, oldest first: the "mastery over time" series. */
  history: { skill: string; points: { at: string; pKnown: number }[] }[];
  attempts: AttemptView[];
  /** Trellis's assignment scores beside what the LMS gradebook holds (when it was read). */
  grades: { assignmentId: string; title: string; trellisScore: number | null; trellisMaximum: number | null; lmsScore: number | null; lmsMaximum: number | null }[];
  notes: TeacherNoteView[];
  flag: FlagView | null;
}

export interface GroupSuggestInput {
  skills: string[];
  mode: 'similar' | 'mixed';
  maxSize: number;
}

export interface GroupView {
  name: string;
  userIds: string[];
  /** Why these students are together, as data (the client words it). */
  rationale: { kind: 'shared-need' | 'mixed-levels' | 'ready-to-extend'; skill: string | null; meanPKnown: number | null };
}

export interface PeerPairView {
  tutor: string;
  learner: string;
  skill: string;
  tutorPKnown: number;
  learnerPKnown: number;
}

export interface GroupPlanView {
  id: string | null;
  title: string;
  skills: string[];
  mode: 'similar' | 'mixed';
  maxSize: number;
  groups: GroupView[];
  pairs: PeerPairView[];
  createdAt: string | null;
}

/** What a parent or mentor sees about one mentee, in plain language on the client. */
export interface MenteeView {
  userId: string;
  name: string | null;
  strengths: { code: string; name: string }[];
  goals: { code: string; name: string; pKnown: number }[];
  recent: { at: string; skill: string; skillName: string; correct: boolean }[];
  /** Skills to practise at home, with the reason. */
  home: { code: string; name: string; reason: 'learning' | 'review-due' }[];
  activeDays7: number;
  attempts7: number;
}

export interface MenteesResponse {
  mentees: MenteeView[];
}

/** The student's own view: mastery, growth and next goals. */
export interface MyProgressView {
  skills: (InsightSkillView & MasteryCellView)[];
  strengths: { code: string; name: string }[];
  nextGoals: { code: string; name: string; pKnown: number }[];
  growth: { skill: string; name: string; from: number; to: number }[];
  attempts: number;
}
