// The practice tables, read and written in as few round trips as the hot path allows:
// one read of everything a decision needs, one statement that writes an attempt and its
// consequences. Every query is scoped by platform, course and student.
import type { Queryable } from '../db/database';
import type { SelectionExplanation } from '../http/contract';
import type { ItemRef } from './item-source';

export interface StudentScope {
  platformId: string;
  contextId: string;
  userId: string;
  /** The assignment being practised, or null for open practice from a plain link. */
  assignmentId: string | null;
}

export interface EstimateRow {
  skill_code: string;
  p_known: number;
  evidence_count: number;
  correct_count: number;
  model_version: number;
  mastered_at: string | null;
  review_count: number;
  last_practiced_at: string | null;
}

export interface RecentRow {
  skill_code: string;
  template_key: string | null;
  authored_item_id: string | null;
  rule: SelectionExplanation['rule'];
}

export interface ProgressRow {
  items_answered: number;
  items_correct: number;
  score_given: number | null;
  score_maximum: number | null;
  score_outbox_id: string | null;
  score_status: 'pending' | 'delivered' | 'failed' | null;
}

export interface ServedRow {
  id: string;
  skill_code: string;
  template_key: string | null;
  seed: number | null;
  authored_item_id: string | null;
  locale: 'en' | 'es';
  hints_shown: number;
  explanation: SelectionExplanation;
  served_at: Date;
  answered_at: Date | null;
  resource_link_id: string | null;
  session_id: string | null;
}

export interface StudentSnapshot {
  estimates: EstimateRow[];
  recent: RecentRow[];
  progress: ProgressRow | null;
}

const SERVED_COLUMNS = `s.id, s.skill_code, s.template_key, s.seed, s.authored_item_id, s.locale, s.hints_shown, s.explanation,
  s.served_at, s.answered_at, s.resource_link_id, s.session_id`;

/** Estimates for the given skills, the last 10 served items and the assignment progress, in one query. */
export async function loadSnapshot(db: Queryable, scope: StudentScope, skills: readonly string[]): Promise<StudentSnapshot> {
  const [row] = await db.query<{ estimates: EstimateRow[]; recent: RecentRow[]; progress: ProgressRow | null }>(
    `SELECT
       (SELECT coalesce(json_agg(e), '[]') FROM (
          SELECT skill_code, p_known, evidence_count, correct_count, model_version, mastered_at, review_count, last_practiced_at
            FROM mastery_estimate WHERE context_id = $1 AND user_id = $2 AND skill_code = ANY($4::text[])) e) AS estimates,
       (SELECT coalesce(json_agg(r), '[]') FROM (
          SELECT skill_code, template_key, authored_item_id, explanation->>'rule' AS rule
            FROM served_item WHERE context_id = $1 AND user_id = $2 AND platform_id = $5
           ORDER BY served_at DESC LIMIT 10) r) AS recent,
       (SELECT row_to_json(p) FROM (
          SELECT ap.items_answered, ap.items_correct, ap.score_given, ap.score_maximum, ap.score_outbox_id::text AS score_outbox_id,
                 o.status AS score_status
            FROM assignment_progress ap LEFT JOIN outbox o ON o.id = ap.score_outbox_id
           WHERE ap.assignment_id = $3 AND ap.user_id = $2 AND ap.context_id = $1) p) AS progress`,
    [scope.contextId, scope.userId, scope.assignmentId, skills, scope.platformId],
  );
  return { estimates: row!.estimates, recent: row!.recent, progress: row!.progress };
}

/** The student's open (unanswered) item for this assignment, if any. */
export async function findOpenItem(db: Queryable, scope: StudentScope): Promise<ServedRow | null> {
  const [row] = await db.query<ServedRow>(
    `SELECT ${SERVED_COLUMNS} FROM served_item s
      WHERE s.context_id = $1 AND s.user_id = $2 AND s.platform_id = $3 AND s.assignment_id IS NOT DISTINCT FROM $4
        AND s.answered_at IS NULL
      ORDER BY s.served_at DESC LIMIT 1`,
    [scope.contextId, scope.userId, scope.platformId, scope.assignmentId],
  );
  return row ?? null;
}

export interface ServedForAttempt extends ServedRow {
  attempt_id: string | null;
  attempt_key: string | null;
  /** The served item another attempt with this idempotency key answered, if any. */
  key_served_item_id: string | null;
}

/** Locks the served item (scoped to the student) and reports any attempt already made. */
export async function lockServedItem(db: Queryable, scope: StudentScope, servedItemId: string, idempotencyKey: string): Promise<ServedForAttempt | null> {
  const [row] = await db.query<ServedForAttempt>(
    `SELECT ${SERVED_COLUMNS}, a.id AS attempt_id, a.idempotency_key AS attempt_key, k.served_item_id AS key_served_item_id
       FROM served_item s
       LEFT JOIN attempt a ON a.served_item_id = s.id
       LEFT JOIN attempt k ON k.user_id = s.user_id AND k.idempotency_key = $6
      WHERE s.id = $1 AND s.context_id = $2 AND s.user_id = $3 AND s.platform_id = $4 AND s.assignment_id IS NOT DISTINCT FROM $5
      FOR UPDATE OF s`,
    [servedItemId, scope.contextId, scope.userId, scope.platformId, scope.assignmentId, idempotencyKey],
  );
  return row ?? null;
}

export interface NewServedItem {
  ref: ItemRef;
  skill: string;
  locale: 'en' | 'es';
  explanation: SelectionExplanation;
  resourceLinkId: string | null;
  sessionId: string | null;
}

export async function insertServedItem(db: Queryable, scope: StudentScope, item: NewServedItem): Promise<ServedRow> {
  const [row] = await db.query<ServedRow>(
    `INSERT INTO served_item AS s (platform_id, context_id, user_id, assignment_id, resource_link_id, session_id, skill_code,
                              template_key, seed, authored_item_id, locale, explanation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     RETURNING ${SERVED_COLUMNS}`,
    [
      scope.platformId, scope.contextId, scope.userId, scope.assignmentId, item.resourceLinkId, item.sessionId, item.skill,
      item.ref.templateKey, item.ref.seed, item.ref.authoredItemId, item.locale, item.explanation,
    ],
  );
  return row!;
}

export interface AttemptWrite {
  servedItemId: string;
  sessionId: string | null;
  skill: string;
  idempotencyKey: string;
  answer: string;
  correct: boolean;
  feedback: string;
  hintsUsed: number;
  timeOnTaskMs: number;
  pKnownBefore: number;
  pKnownAfter: number;
  modelVersion: number;
  mastered: boolean;
  /** The attempt reviewed a skill mastered earlier (spacing grows with each review). */
  wasReview: boolean;
  next: NewServedItem | null;
}

/**
 * One statement: the attempt, the estimate, the served item marked answered, the
 * assignment counters and the next served item. Atomic without a second round trip.
 */
export async function writeAttempt(db: Queryable, scope: StudentScope, w: AttemptWrite): Promise<{ attemptId: string; next: ServedRow | null }> {
  const next = w.next;
  const [row] = await db.query<{ attempt_id: string; next: ServedRow | null }>(
    `WITH a AS (
       INSERT INTO attempt (served_item_id, platform_id, context_id, user_id, assignment_id, session_id, skill_code, idempotency_key,
                            answer, correct, feedback, hints_used, time_on_task_ms, p_known_before, p_known_after, model_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING id),
     e AS (
       INSERT INTO mastery_estimate AS m (context_id, user_id, skill_code, p_known, evidence_count, correct_count, model_version,
                                          mastered_at, review_count, last_practiced_at, updated_at)
       VALUES ($3, $4, $7, $15, 1, CASE WHEN $10 THEN 1 ELSE 0 END, $16, CASE WHEN $17 THEN now() END, 0, now(), now())
       ON CONFLICT (context_id, user_id, skill_code) DO UPDATE SET
         p_known = EXCLUDED.p_known,
         evidence_count = m.evidence_count + 1,
         correct_count = m.correct_count + EXCLUDED.correct_count,
         model_version = EXCLUDED.model_version,
         mastered_at = CASE WHEN $17 THEN coalesce(m.mastered_at, now()) ELSE NULL END,
         review_count = CASE WHEN $18 THEN m.review_count + 1 WHEN $17 THEN m.review_count ELSE 0 END,
         last_practiced_at = now(),
         updated_at = now()
       RETURNING 1),
     s AS (UPDATE served_item SET answered_at = now() WHERE id = $1 RETURNING 1),
     ps AS (UPDATE practice_session SET last_activity_at = now() WHERE id = $6 RETURNING 1),
     p AS (
       INSERT INTO assignment_progress AS ap (assignment_id, user_id, context_id, items_answered, items_correct)
       SELECT $5, $4, $3, 1, CASE WHEN $10 THEN 1 ELSE 0 END WHERE $5::uuid IS NOT NULL
       ON CONFLICT (assignment_id, user_id) DO UPDATE SET
         items_answered = ap.items_answered + 1,
         items_correct = ap.items_correct + EXCLUDED.items_correct,
         updated_at = now()
       RETURNING 1),
     n AS (
       INSERT INTO served_item (platform_id, context_id, user_id, assignment_id, resource_link_id, session_id, skill_code,
                                template_key, seed, authored_item_id, locale, explanation)
       SELECT $2, $3, $4, $5, $19, $6, $20, $21, $22, $23, $24, $25 WHERE $20::text IS NOT NULL
       RETURNING id, skill_code, template_key, seed, authored_item_id, locale, hints_shown, explanation, served_at, answered_at,
                 resource_link_id, session_id)
     SELECT (SELECT id FROM a) AS attempt_id, (SELECT row_to_json(n) FROM n) AS next,
            (SELECT count(*) FROM e) + (SELECT count(*) FROM s) + (SELECT count(*) FROM p) AS writes`,
    [
      w.servedItemId, scope.platformId, scope.contextId, scope.userId, scope.assignmentId, w.sessionId, w.skill, w.idempotencyKey,
      w.answer, w.correct, w.feedback, w.hintsUsed, w.timeOnTaskMs, w.pKnownBefore, w.pKnownAfter, w.modelVersion,
      w.mastered, w.wasReview,
      next?.resourceLinkId ?? null, next?.skill ?? null, next?.ref.templateKey ?? null, next?.ref.seed ?? null,
      next?.ref.authoredItemId ?? null, next?.locale ?? null, next ? JSON.stringify(next.explanation) : null,
    ],
  );
  const served = row!.next;
  return {
    attemptId: row!.attempt_id,
    next: served ? { ...served, served_at: new Date(served.served_at), answered_at: null } : null,
  };
}

export async function recordScore(db: Queryable, scope: StudentScope, score: { given: number; maximum: number; outboxId: string | null; complete: boolean }): Promise<void> {
  await db.query(
    `UPDATE assignment_progress SET score_given = $3, score_maximum = $4, score_outbox_id = $5,
            completed_at = CASE WHEN $6 THEN coalesce(completed_at, now()) END
      WHERE assignment_id = $1 AND user_id = $2`,
    [scope.assignmentId, scope.userId, score.given, score.maximum, score.outboxId, score.complete],
  );
}

/** Which of these authored items this student has already been served (in this course). */
export async function servedAuthoredItems(db: Queryable, scope: StudentScope, ids: string[]): Promise<Set<string>> {
  const rows = await db.query<{ authored_item_id: string }>(
    `SELECT DISTINCT authored_item_id FROM served_item
      WHERE context_id = $1 AND user_id = $2 AND authored_item_id = ANY($3::uuid[])`,
    [scope.contextId, scope.userId, ids],
  );
  return new Set(rows.map((r) => r.authored_item_id));
}

/** Starts (or touches) the practice session of this launch. Returns the launch's resource link. */
export async function touchSession(db: Queryable, scope: StudentScope, launchSessionId: string): Promise<{ resourceLinkId: string | null }> {
  const [row] = await db.query<{ resource_link_id: string | null }>(
    `WITH ls AS (SELECT resource_link_id FROM launch_session WHERE id = $1 AND user_id = $3 AND context_id = $2),
          ins AS (
            INSERT INTO practice_session (id, platform_id, context_id, user_id, assignment_id)
            SELECT $1, $4, $2, $3, $5 FROM ls
            ON CONFLICT (id) DO UPDATE SET last_activity_at = now()
            RETURNING 1)
     SELECT (SELECT resource_link_id FROM ls) AS resource_link_id, (SELECT count(*) FROM ins) AS touched`,
    [launchSessionId, scope.contextId, scope.userId, scope.platformId, scope.assignmentId],
  );
  return { resourceLinkId: row?.resource_link_id ?? null };
}

export async function incrementHints(db: Queryable, scope: StudentScope, servedItemId: string, max: number): Promise<number | null> {
  const [row] = await db.query<{ hints_shown: number }>(
    `UPDATE served_item SET hints_shown = hints_shown + 1
      WHERE id = $1 AND context_id = $2 AND user_id = $3 AND platform_id = $4 AND assignment_id IS NOT DISTINCT FROM $5
        AND answered_at IS NULL AND hints_shown < $6
      RETURNING hints_shown`,
    [servedItemId, scope.contextId, scope.userId, scope.platformId, scope.assignmentId, max],
  );
  return row?.hints_shown ?? null;
}

export async function findServedItem(db: Queryable, scope: StudentScope, servedItemId: string): Promise<ServedRow | null> {
  const [row] = await db.query<ServedRow>(
    `SELECT ${SERVED_COLUMNS} FROM served_item s
      WHERE s.id = $1 AND s.context_id = $2 AND s.user_id = $3 AND s.platform_id = $4 AND s.assignment_id IS NOT DISTINCT FROM $5`,
    [servedItemId, scope.contextId, scope.userId, scope.platformId, scope.assignmentId],
  );
  return row ?? null;
}

export interface StoredAttempt {
  id: string;
  correct: boolean;
  feedback: string;
  skill_code: string;
  p_known_before: number;
  p_known_after: number;
}

export async function findAttempt(db: Queryable, scope: StudentScope, attemptId: string): Promise<StoredAttempt | null> {
  const [row] = await db.query<StoredAttempt>(
    `SELECT id, correct, feedback, skill_code, p_known_before, p_known_after FROM attempt
      WHERE id = $1 AND context_id = $2 AND user_id = $3 AND platform_id = $4`,
    [attemptId, scope.contextId, scope.userId, scope.platformId],
  );
  return row ?? null;
}
