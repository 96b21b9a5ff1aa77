// Every call to the Trellis API goes through here, so the bearer token and the error
// shape are handled in one place. Types come from the server's contract.
import type {
  ApiErrorBody,
  AttemptInput,
  AttemptResultView,
  CourseMembersResponse,
  DeepLinkItemInput,
  DeepLinkResponseView,
  GradeSyncResponse,
  HintView,
  PracticeStateView,
  RosterSyncResponse,
} from '../../server/http/contract';

/** A failed API call. `code` is the server's stable error code, or a client-side one below. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    /** HTTP status; 0 when the request never got a response. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// The launch token lives in memory only: LMS iframes often block third-party cookies,
// and keeping it out of storage means it disappears with the tab.
let bearerToken: string | null = null;

export function setApiToken(token: string): void {
  bearerToken = token;
}

export interface ApiGetOptions {
  signal?: AbortSignal;
}

export function apiGet<T>(path: string, options: ApiGetOptions = {}): Promise<T> {
  return request<T>('GET', path, undefined, options);
}

/** POSTs `body` as JSON; failures throw the same ApiError shapes as apiGet. */
export function apiPost<T>(path: string, body: unknown, options: ApiGetOptions = {}): Promise<T> {
  return request<T>('POST', path, body, options);
}

async function request<T>(method: 'GET' | 'POST', path: string, payload: unknown, { signal }: ApiGetOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (bearerToken) headers.Authorization = `Bearer ${bearerToken}`;
  if (method === 'POST') headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      signal,
      cache: 'no-store',
      body: method === 'POST' ? JSON.stringify(payload) : undefined,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause; // the caller cancelled; not an error to show
    throw new ApiError('network_error', 0, 'The request did not reach the server');
  }

  const body = await readJson(response);
  if (!response.ok) {
    if (isApiErrorBody(body)) throw new ApiError(body.error.code, response.status, body.error.message);
    throw new ApiError(`http_${response.status}`, response.status, response.statusText || 'Request failed');
  }
  if (body === undefined) throw new ApiError('invalid_response', response.status, 'The response was not JSON');
  return body as T;
}

/** Codes made up on this side: their messages are English developer text, not for people. */
export function isClientErrorCode(code: string): boolean {
  return ['network_error', 'invalid_response', 'unexpected_error'].includes(code) || code.startsWith('http_');
}

export function getCourseMembers(courseId: string, options?: ApiGetOptions): Promise<CourseMembersResponse> {
  return apiGet<CourseMembersResponse>(`/api/courses/${encodeURIComponent(courseId)}/members`, options);
}

const coursePath = (courseId: string) => `/api/courses/${encodeURIComponent(courseId)}`;

/** The course's recent score deliveries to the LMS gradebook, newest first. */
export function getGradeSync(courseId: string, options?: ApiGetOptions): Promise<GradeSyncResponse> {
  return apiGet<GradeSyncResponse>(`${coursePath(courseId)}/grade-sync`, options);
}

/** Puts a failed delivery back in the queue; 409 `not_retryable` unless it had failed. */
export function retryGradeSync(courseId: string, itemId: string): Promise<{ id: string; status: 'pending' }> {
  return apiPost<{ id: string; status: 'pending' }>(
    `${coursePath(courseId)}/grade-sync/${encodeURIComponent(itemId)}/retry`,
    {},
  );
}

/** Reads the course roster from the LMS (NRPS) now; 409 `roster_unavailable`, 502 `lms_unavailable`. */
export function syncRoster(courseId: string): Promise<RosterSyncResponse> {
  return apiPost<RosterSyncResponse>(`${coursePath(courseId)}/roster/sync`, {});
}

/** Saves the teacher's picks and returns the signed response to post back to the LMS. */
export function postDeepLinkResponse(items: DeepLinkItemInput[]): Promise<DeepLinkResponseView> {
  return apiPost<DeepLinkResponseView>('/api/deep-linking/response', { items });
}

const practiceItemPath = (itemId: string) => `/api/practice/items/${encodeURIComponent(itemId)}`;

/** The student's open practice item (a new one is served if none is open) and their progress. */
export function getPractice(options?: ApiGetOptions): Promise<PracticeStateView> {
  return apiGet<PracticeStateView>('/api/practice', options);
}

/** Opens the item's next hint; 409 `no_more_hints` when every hint is already shown. */
export function requestHint(itemId: string): Promise<HintView> {
  return apiPost<HintView>(`${practiceItemPath(itemId)}/hints`, {});
}

/**
 * Checks an answer. The same idempotencyKey always gets the same result, so a resend after a
 * network error counts once; 409 `item_not_served` / `already_answered`, 400 `invalid_input`.
 */
export function submitAttempt(itemId: string, attempt: AttemptInput): Promise<AttemptResultView> {
  return apiPost<AttemptResultView>(`${practiceItemPath(itemId)}/attempts`, attempt);
}

/** Anything thrown by apiGet/apiPost (or fetch) as an ApiError, so the UI handles one type. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('unexpected_error', 0, error instanceof Error ? error.message : String(error));
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

// ---- Mentor view and the student's own progress and data ---------------------------------
// (A second type import keeps these additions apart from the list at the top.)
import type { MenteesResponse, MyProgressView } from '../../server/http/contract';

/** A parent's or mentor's learners (only those the launch names), with strengths, goals and activity. */
export function getMentees(options?: ApiGetOptions): Promise<MenteesResponse> {
  return apiGet<MenteesResponse>('/api/mentor/mentees', options);
}

/** The student's own mastery per skill, strengths, growth and next goals. */
export function getMyProgress(options?: ApiGetOptions): Promise<MyProgressView> {
  return apiGet<MyProgressView>('/api/me/progress', options);
}

export type MyDataFormat = 'json' | 'csv';

/** A downloaded file: its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/**
 * The student's own data as a file (GET /api/me/data.json or .csv). A plain link can't carry
 * the bearer token, so the file is fetched here and saved by the caller from the blob.
 */
export async function downloadMyData(format: MyDataFormat): Promise<DownloadedFile> {
  const headers: Record<string, string> = {};
  if (bearerToken) headers.Authorization = `Bearer ${bearerToken}`;
  let response: Response;
  try {
    response = await fetch(`/api/me/data.${format}`, { headers, cache: 'no-store' });
  } catch {
    throw new ApiError('network_error', 0, 'The request did not reach the server');
  }
  if (!response.ok) {
    const body = await readJson(response);
    if (isApiErrorBody(body)) throw new ApiError(body.error.code, response.status, body.error.message);
    throw new ApiError(`http_${response.status}`, response.status, response.statusText || 'Request failed');
  }
  const blob = await response.blob();
  const filename = filenameFrom(response.headers.get('Content-Disposition')) ?? `trellis-my-data.${format}`;
  return { blob, filename };
}

/** The file name in a Content-Disposition header (RFC 6266: filename* wins over filename). */
export function filenameFrom(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return safeFilename(decodeURIComponent(extended[2].trim()));
    } catch {
      // A broken percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name ? safeFilename(name) : null;
}

// The browser sanitises download names too; this only keeps a path out of the suggestion.
function safeFilename(name: string): string | null {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base && base !== '.' && base !== '..' ? base : null;
}

// ---- Teacher insights: class overview, student drill-down, flags, groups, exports ----------
// (Its own type import keeps these additions apart from the list at the top.)
import type {
  ClassOverviewView,
  FlagOverrideInput,
  FlagOverrideView,
  FlagsResponse,
  GroupPlanView,
  GroupSuggestInput,
  StudentDetailView,
  TeacherNoteView,
} from '../../server/http/contract';

const insightsPath = (courseId: string) => `${coursePath(courseId)}/insights`;

/** The class overview: skills (with counts), every student's mastery cells, next steps. */
export function getClassOverview(courseId: string, options?: ApiGetOptions): Promise<ClassOverviewView> {
  return apiGet<ClassOverviewView>(insightsPath(courseId), options);
}

/** One student's drill-down: mastery over time, attempts, grades, notes and flag. */
export function getStudentDetail(courseId: string, userId: string, options?: ApiGetOptions): Promise<StudentDetailView> {
  return apiGet<StudentDetailView>(`${insightsPath(courseId)}/students/${encodeURIComponent(userId)}`, options);
}

/** Adds a private teacher note about a student (1–2000 characters). */
export function addTeacherNote(courseId: string, userId: string, body: string): Promise<TeacherNoteView> {
  return apiPost<TeacherNoteView>(`${insightsPath(courseId)}/students/${encodeURIComponent(userId)}/notes`, { body });
}

/** Early-warning flags for the class, with the model that produced them. */
export function getFlags(courseId: string, options?: ApiGetOptions): Promise<FlagsResponse> {
  return apiGet<FlagsResponse>(`${coursePath(courseId)}/flags`, options);
}

/** The teacher's judgement on a flag: dismiss it, or flag the student for follow-up; a note is required. */
export function overrideFlag(courseId: string, input: FlagOverrideInput): Promise<FlagOverrideView> {
  return apiPost<FlagOverrideView>(`${coursePath(courseId)}/flags/overrides`, input);
}

const groupsPath = (courseId: string) => `${coursePath(courseId)}/groups`;

/** What a saved group plan holds (a suggestion as the teacher edited it). */
export type GroupPlanInput = Pick<GroupPlanView, 'title' | 'skills' | 'mode' | 'maxSize' | 'groups' | 'pairs'>;

/** Suggested groups and peer-tutor pairs for the picked skills (not saved). */
export function suggestGroups(courseId: string, input: GroupSuggestInput): Promise<GroupPlanView> {
  return apiPost<GroupPlanView>(`${groupsPath(courseId)}/suggest`, input);
}

/** Saves a new group plan. */
export function createGroupPlan(courseId: string, plan: GroupPlanInput): Promise<GroupPlanView> {
  return apiPost<GroupPlanView>(groupsPath(courseId), plan);
}

/** Replaces a saved group plan. */
export function updateGroupPlan(courseId: string, planId: string, plan: GroupPlanInput): Promise<GroupPlanView> {
  return sendJson<GroupPlanView>('PUT', `${groupsPath(courseId)}/${encodeURIComponent(planId)}`, plan);
}

/** The course's saved group plans, newest first. */
export function getGroupPlans(courseId: string, options?: ApiGetOptions): Promise<{ plans: GroupPlanView[] }> {
  return apiGet<{ plans: GroupPlanView[] }>(groupsPath(courseId), options);
}

/** Where the class mastery CSV is (fetch it with downloadCourseFile: it needs the bearer token). */
export const masteryCsvPath = (courseId: string) => `${insightsPath(courseId)}/export/mastery.csv`;

/** Where a saved group plan's CSV is. */
export const groupPlanCsvPath = (courseId: string, planId: string) => `${groupsPath(courseId)}/${encodeURIComponent(planId)}/export.csv`;

/** A JSON request with a method apiGet/apiPost don't cover; same errors as they throw. */
async function sendJson<T>(method: 'PUT' | 'PATCH' | 'DELETE', path: string, payload: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (bearerToken) headers.Authorization = `Bearer ${bearerToken}`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, cache: 'no-store', body: JSON.stringify(payload) });
  } catch {
    throw new ApiError('network_error', 0, 'The request did not reach the server');
  }
  const body = await readJson(response);
  if (!response.ok) {
    if (isApiErrorBody(body)) throw new ApiError(body.error.code, response.status, body.error.message);
    throw new ApiError(`http_${response.status}`, response.status, response.statusText || 'Request failed');
  }
  if (body === undefined) throw new ApiError('invalid_response', response.status, 'The response was not JSON');
  return body as T;
}

/**
 * Downloads an API file (a CSV export). A plain link can't send the bearer token, so the file
 * is fetched, then saved through a temporary object URL under the server's file name.
 */
export async function downloadCourseFile(path: string, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = {};
  if (bearerToken) headers.Authorization = `Bearer ${bearerToken}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, cache: 'no-store' });
  } catch {
    throw new ApiError('network_error', 0, 'The request did not reach the server');
  }
  if (!response.ok) {
    const body = await readJson(response);
    if (isApiErrorBody(body)) throw new ApiError(body.error.code, response.status, body.error.message);
    throw new ApiError(`http_${response.status}`, response.status, response.statusText || 'Request failed');
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = attachmentName(response.headers.get('Content-Disposition')) ?? fallbackName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Not at once: some browsers read the blob after the click handler returns.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** The file name from Content-Disposition (filename* first), without any path; null if none. */
function attachmentName(header: string | null): string | null {
  if (!header) return null;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1]?.trim();
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base && base !== '.' && base !== '..' ? base : null;
}
