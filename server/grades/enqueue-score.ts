// Puts a score for the LMS gradebook in the outbox, inside the caller's transaction (the
// one that stored the attempt that produced it), so a score is never lost or invented.
import type { Queryable } from '../db/database';
import { enqueue } from '../jobs/outbox';
import type { ActivityProgress, GradingProgress } from '../lti/services/ags';

export interface ScoreInput {
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  comment?: string;
  /** When the student submitted; sent to Canvas so a delayed passback is not marked late. */
  submittedAt?: Date;
}

export interface ScorePayload {
  resourceLinkId: string;
  userSub: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  comment?: string;
  submittedAt?: string;
  /** Fixed here, reused on every delivery attempt; strictly increasing per link and user. */
  timestamp: string;
}

export const scoreSubject = (resourceLinkId: string, userId: string) => `score:${resourceLinkId}:${userId}`;

export async function enqueueScore(
  tx: Queryable,
  opts: { platformId: string; resourceLinkId: string; userId: string; score: ScoreInput },
): Promise<string> {
  const { score } = opts;
  if (!(score.scoreMaximum > 0) || score.scoreGiven < 0 || score.scoreGiven > score.scoreMaximum) {
    throw new Error(`invalid score ${score.scoreGiven}/${score.scoreMaximum}`);
  }
  // Scoped lookups: the link and the user must belong to the launch's platform.
  const [target] = await tx.query<{ sub: string }>(
    `SELECT u.sub FROM app_user u
       JOIN resource_link rl ON rl.id = $2
       JOIN deployment d ON d.id = rl.deployment_id
      WHERE u.id = $1 AND u.platform_id = $3 AND d.platform_id = $3`,
    [opts.userId, opts.resourceLinkId, opts.platformId],
  );
  if (!target) throw new Error('score for a user or resource link outside this platform');

  const subject = scoreSubject(opts.resourceLinkId, opts.userId);
  // Serialise scores for one student and link so their timestamps strictly increase.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [subject]);
  const [last] = await tx.query<{ ts: string | null }>(
    `SELECT payload->>'timestamp' AS ts FROM outbox WHERE subject_key = $1 ORDER BY id DESC LIMIT 1`,
    [subject],
  );
  const now = Date.now();
  const previous = last?.ts ? Date.parse(last.ts) : 0;
  const timestamp = new Date(Math.max(now, previous + 1)).toISOString();

  const payload: ScorePayload = {
    resourceLinkId: opts.resourceLinkId,
    userSub: target.sub,
    scoreGiven: score.scoreGiven,
    scoreMaximum: score.scoreMaximum,
    activityProgress: score.activityProgress,
    gradingProgress: score.gradingProgress,
    ...(score.comment ? { comment: score.comment } : {}),
    ...(score.submittedAt ? { submittedAt: score.submittedAt.toISOString() } : {}),
    timestamp,
  };
  return enqueue(tx, { platformId: opts.platformId, kind: 'score', payload: { ...payload }, subjectKey: subject });
}
