// The course gradebook behind AGS: line items (columns), the scores tools post and the
// results a teacher sees. Pure state and validation; HTTP lives in ags.ts.
import { ACTIVITY_PROGRESS, CANVAS_SUBMISSION_EXT, GRADING_PROGRESS } from '../lti-vocab';
import { isIsoDateTime, isoToNanos } from './timestamps';

export interface LineItem {
  /** Platform-assigned, unique across courses. */
  id: string;
  courseId: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  tag?: string;
  resourceLinkId?: string;
  startDateTime?: string;
  endDateTime?: string;
  gradesReleased?: boolean;
}

export type LineItemInput = Omit<LineItem, 'id' | 'courseId'>;

export interface ScoreRecord {
  lineItemId: string;
  courseId: string;
  userId: string | null;
  /** The score JSON exactly as received. */
  body: unknown;
  outcome: 'accepted' | 'rejected';
  /** HTTP status the tool got. */
  status: number;
  reason?: string;
  timestamp?: string;
  /** From the Canvas submission extension or AGS `submission.submittedAt`. */
  submittedAt?: string;
  /** The whole https://canvas.instructure.com/lti/submission object, when sent. */
  canvasSubmission?: Record<string, unknown>;
  at: number;
}

export interface ResultRecord {
  lineItemId: string;
  userId: string;
  /** In line-item points (scoreGiven scaled from the score's scoreMaximum). Absent = cleared. */
  resultScore?: number;
  resultMaximum: number;
  comment?: string;
  activityProgress?: string;
  gradingProgress?: string;
  source: 'tool' | 'override';
  updatedAt: number;
}

type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

export function validateLineItem(body: unknown): Check<LineItemInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'body must be a line item JSON object' };
  const b = body as Record<string, unknown>;
  if (typeof b.label !== 'string' || !b.label.trim()) return { ok: false, reason: 'label is required' };
  if (typeof b.scoreMaximum !== 'number' || !Number.isFinite(b.scoreMaximum) || b.scoreMaximum <= 0) {
    return { ok: false, reason: 'scoreMaximum is required and must be a number > 0' };
  }
  for (const f of ['resourceId', 'tag', 'resourceLinkId'] as const) {
    if (!optionalString(b[f])) return { ok: false, reason: `${f} must be a string` };
  }
  for (const f of ['startDateTime', 'endDateTime'] as const) {
    if (b[f] !== undefined && !isIsoDateTime(b[f])) return { ok: false, reason: `${f} must be an ISO-8601 date-time` };
  }
  if (b.gradesReleased !== undefined && typeof b.gradesReleased !== 'boolean') return { ok: false, reason: 'gradesReleased must be a boolean' };
  const value: LineItemInput = { label: b.label, scoreMaximum: b.scoreMaximum };
  for (const f of ['resourceId', 'tag', 'resourceLinkId', 'startDateTime', 'endDateTime'] as const) {
    if (typeof b[f] === 'string') value[f] = b[f] as string;
  }
  if (typeof b.gradesReleased === 'boolean') value.gradesReleased = b.gradesReleased;
  return { ok: true, value };
}

export interface ScoreRules {
  allowScoreAboveMaximum: boolean;
  /** Whether this user may be graded in the course (enrolled, not deleted). */
  canBeGraded: (userId: string) => boolean;
}

export class Gradebook {
  private readonly items = new Map<string, LineItem>();
  private readonly resultsByItem = new Map<string, Map<string, ResultRecord>>();
  private readonly lastTimestamp = new Map<string, bigint>();
  private seq = 0;
  /** Every score received, accepted or rejected, in arrival order. */
  readonly scores: ScoreRecord[] = [];

  create(courseId: string, input: LineItemInput): LineItem {
    const item: LineItem = { ...input, id: String(++this.seq), courseId };
    this.items.set(item.id, item);
    return item;
  }

  get(id: string): LineItem | undefined {
    return this.items.get(id);
  }

  /** PUT semantics: replaces every mutable field. */
  replace(id: string, input: LineItemInput): LineItem | undefined {
    const old = this.items.get(id);
    if (!old) return undefined;
    const item: LineItem = { ...input, id, courseId: old.courseId };
    this.items.set(id, item);
    return item;
  }

  delete(id: string): boolean {
    this.resultsByItem.delete(id);
    return this.items.delete(id);
  }

  list(courseId: string, filter: { resourceLinkId?: string; resourceId?: string; tag?: string } = {}): LineItem[] {
    return [...this.items.values()].filter(
      (li) =>
        li.courseId === courseId &&
        (filter.resourceLinkId === undefined || li.resourceLinkId === filter.resourceLinkId) &&
        (filter.resourceId === undefined || li.resourceId === filter.resourceId) &&
        (filter.tag === undefined || li.tag === filter.tag),
    );
  }

  results(lineItemId: string): ResultRecord[] {
    return [...(this.resultsByItem.get(lineItemId)?.values() ?? [])];
  }

  /** A teacher typing a grade into the gradebook (in line-item points). */
  override(item: LineItem, userId: string, score: number, comment?: string): ResultRecord {
    const result: ResultRecord = {
      ...this.resultsByItem.get(item.id)?.get(userId),
      lineItemId: item.id,
      userId,
      resultScore: score,
      resultMaximum: item.scoreMaximum,
      source: 'override',
      updatedAt: Date.now(),
    };
    if (comment !== undefined) result.comment = comment;
    this.putResult(result);
    return result;
  }

  /** Validates and applies one score POST; always records it. */
  submitScore(item: LineItem, body: unknown, rules: ScoreRules): ScoreRecord {
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    const rec: ScoreRecord = {
      lineItemId: item.id,
      courseId: item.courseId,
      userId: typeof b.userId === 'string' ? b.userId : null,
      body,
      outcome: 'rejected',
      status: 400,
      at: Date.now(),
    };
    if (typeof b.timestamp === 'string') rec.timestamp = b.timestamp;
    this.scores.push(rec);
    const reject = (status: number, reason: string) => Object.assign(rec, { status, reason });

    const invalid = checkScoreShape(b, rules.allowScoreAboveMaximum);
    if (invalid) return reject(400, invalid);
    const canvas = b[CANVAS_SUBMISSION_EXT] as Record<string, unknown> | undefined;
    const submission = b.submission as Record<string, unknown> | undefined;
    if (canvas) rec.canvasSubmission = canvas;
    const submittedAt = canvas?.submittedAt ?? canvas?.submitted_at ?? submission?.submittedAt;
    if (typeof submittedAt === 'string') rec.submittedAt = submittedAt;

    const userId = b.userId as string;
    if (!rules.canBeGraded(userId)) return reject(422, `userId "${userId}" is not a gradable member of course ${item.courseId}`);
    const key = `${item.id}\u0000${userId}`;
    const ts = isoToNanos(b.timestamp)!;
    const last = this.lastTimestamp.get(key);
    if (last !== undefined && ts <= last) {
      return reject(409, 'timestamp is not after the last score accepted for this user and line item');
    }
    this.lastTimestamp.set(key, ts);
    this.applyScore(item, userId, b);
    return Object.assign(rec, { outcome: 'accepted' as const, status: 200 });
  }

  private applyScore(item: LineItem, userId: string, b: Record<string, unknown>): void {
    const result: ResultRecord = {
      lineItemId: item.id,
      userId,
      resultMaximum: item.scoreMaximum,
      activityProgress: b.activityProgress as string,
      gradingProgress: b.gradingProgress as string,
      source: 'tool',
      updatedAt: Date.now(),
    };
    // A score without scoreGiven clears the stored score (AGS 2.0 score service).
    if (typeof b.scoreGiven === 'number') {
      const scaled = (b.scoreGiven * item.scoreMaximum) / (b.scoreMaximum as number);
      result.resultScore = Math.round(scaled * 1e6) / 1e6;
    }
    if (typeof b.comment === 'string') result.comment = b.comment;
    this.putResult(result);
  }

  private putResult(result: ResultRecord): void {
    const forItem = this.resultsByItem.get(result.lineItemId) ?? new Map<string, ResultRecord>();
    forItem.set(result.userId, result);
    this.resultsByItem.set(result.lineItemId, forItem);
  }
}

/** Returns why a score body is malformed, or null. */
function checkScoreShape(b: Record<string, unknown>, allowAboveMax: boolean): string | null {
  if (typeof b.userId !== 'string' || !b.userId) return 'userId is required';
  if (!ACTIVITY_PROGRESS.includes(b.activityProgress as never)) return `activityProgress must be one of ${ACTIVITY_PROGRESS.join(', ')}`;
  if (!GRADING_PROGRESS.includes(b.gradingProgress as never)) return `gradingProgress must be one of ${GRADING_PROGRESS.join(', ')}`;
  if (b.timestamp === undefined) return 'timestamp is required';
  if (!isIsoDateTime(b.timestamp)) return 'timestamp must be an ISO-8601 date-time with a time zone (sub-second digits allowed)';
  const given = b.scoreGiven;
  const max = b.scoreMaximum;
  if (given !== undefined && (typeof given !== 'number' || !Number.isFinite(given) || given < 0)) return 'scoreGiven must be a number >= 0';
  if (max !== undefined && (typeof max !== 'number' || !Number.isFinite(max) || max <= 0)) return 'scoreMaximum must be a number > 0';
  if (given !== undefined && max === undefined) return 'scoreMaximum is required when scoreGiven is present';
  if (typeof given === 'number' && typeof max === 'number' && given > max && !allowAboveMax) {
    return 'scoreGiven exceeds scoreMaximum (extra credit is not enabled on this platform)';
  }
  if (!optionalString(b.comment)) return 'comment must be a string';
  for (const [name, value] of [['submission', b.submission], [CANVAS_SUBMISSION_EXT, b[CANVAS_SUBMISSION_EXT]]] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${name} must be an object`;
    for (const f of ['startedAt', 'submittedAt', 'submitted_at'] as const) {
      const v = (value as Record<string, unknown>)[f];
      if (v !== undefined && !isIsoDateTime(v)) return `${name}.${f} must be an ISO-8601 date-time`;
    }
  }
  return null;
}
