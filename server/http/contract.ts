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
