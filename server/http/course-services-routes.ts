// Teacher-facing routes over LMS services: grade-sync status (with retry), LMS gradebook
// results beside Trellis's own scores, and an on-demand roster sync.
import { Router } from 'express';
import type { LtiServices } from '../compose';
import type { Database } from '../db/database';
import { retryOutboxItem } from '../jobs/outbox';
import type { PlatformRegistry } from '../lti/platform-registry';
import { recordLmsResults } from '../insights/lms-results';
import { AGS_SCOPE } from '../lti/services/ags';
import { ServiceCallError } from '../lti/services/platform-client';
import { RosterUnavailableError, syncRoster } from '../roster/sync-roster';
import type { GradeSyncResponse, LmsResultView, RosterSyncResponse } from './contract';
import { AppError } from './errors';
import { courseParam, UUID } from './params';
import { authorize } from './policies';
import { launchOf } from './require-launch';
import { displayNameSql } from '../db/user-display-name';

const displayName = displayNameSql('u');

export function courseServicesRoutes(deps: { db: Database; registry: PlatformRegistry; services: LtiServices }): Router {
  const router = Router();

  router.get('/api/courses/:courseId/grade-sync', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'manage-course-grades', { courseId });
    const rows = await deps.db.query<{
      id: string; student: string | null; title: string | null; payload: { scoreGiven: number; scoreMaximum: number };
      status: 'pending' | 'delivered' | 'failed'; attempts: number; last_error: string | null; created_at: Date; delivered_at: Date | null;
    }>(
      `SELECT o.id, ${displayName} AS student, rl.title, o.payload, o.status, o.attempts, o.last_error, o.created_at, o.delivered_at
         FROM outbox o
         JOIN resource_link rl ON rl.id = (o.payload->>'resourceLinkId')::uuid
         JOIN app_user u ON u.platform_id = o.platform_id AND u.sub = o.payload->>'userSub'
        WHERE o.kind = 'score' AND o.platform_id = $1 AND rl.context_id = $2 AND rl.deployment_id = $3
        ORDER BY o.id DESC LIMIT 500`,
      [launch.platformId, courseId, launch.deploymentId],
    );
    const body: GradeSyncResponse = {
      items: rows.map((r) => ({
        id: String(r.id),
        student: r.student,
        resourceLinkTitle: r.title,
        scoreGiven: r.payload.scoreGiven,
        scoreMaximum: r.payload.scoreMaximum,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: new Date(r.created_at).toISOString(),
        deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
      })),
    };
    res.json(body);
  });

  router.post('/api/courses/:courseId/grade-sync/:itemId/retry', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'manage-course-grades', { courseId });
    const itemId = String(req.params.itemId);
    if (!/^\d{1,18}$/.test(itemId)) throw new AppError('not_found', 404, 'error.notFound');
    // The item must be a score for a link in this course.
    const [inCourse] = await deps.db.query(
      `SELECT 1 FROM outbox o JOIN resource_link rl ON rl.id = (o.payload->>'resourceLinkId')::uuid
        WHERE o.id = $1 AND o.platform_id = $2 AND rl.context_id = $3`,
      [itemId, launch.platformId, courseId],
    );
    if (!inCourse) throw new AppError('not_found', 404, 'error.notFound');
    if (!(await retryOutboxItem(deps.db, launch.platformId, itemId))) throw new AppError('not_retryable', 409, 'api.notRetryable');
    res.status(202).json({ id: itemId, status: 'pending' });
  });

  router.get('/api/courses/:courseId/resource-links/:linkId/results', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'manage-course-grades', { courseId });
    const linkId = String(req.params.linkId);
    if (!UUID.test(linkId)) throw new AppError('not_found', 404, 'error.notFound');
    const [link] = await deps.db.query<{ ags_lineitem_url: string | null; ags_scopes: string[] }>(
      `SELECT ags_lineitem_url, ags_scopes FROM resource_link WHERE id = $1 AND context_id = $2 AND deployment_id = $3`,
      [linkId, courseId, launch.deploymentId],
    );
    if (!link) throw new AppError('not_found', 404, 'error.notFound');
    if (!link.ags_lineitem_url || !link.ags_scopes.includes(AGS_SCOPE.resultReadOnly)) {
      throw new AppError('no_grade_service', 409, 'api.noGradeService');
    }
    const platform = await deps.registry.findById(launch.platformId);
    let results;
    try {
      results = await deps.services.ags.getResults(platform!, link.ags_lineitem_url);
    } catch (err) {
      if (err instanceof ServiceCallError) throw new AppError('lms_unavailable', 502, 'api.lmsUnavailable', err.message);
      throw err;
    }
    // Kept for the student drill-down and early warning (the LMS's grade as last read).
    await recordLmsResults(deps.db, linkId, launch.platformId, results);
    // Trellis's own latest score per student for this link, beside the LMS's value.
    const ours = await deps.db.query<{ sub: string; student: string | null; payload: { scoreGiven: number; scoreMaximum: number } | null }>(
      `SELECT u.sub, ${displayName} AS student,
              (SELECT o.payload FROM outbox o WHERE o.subject_key = 'score:' || $1 || ':' || u.id ORDER BY o.id DESC LIMIT 1) AS payload
         FROM enrolment e JOIN app_user u ON u.id = e.user_id
        WHERE e.context_id = $2 AND u.platform_id = $3`,
      [linkId, courseId, launch.platformId],
    );
    const bySub = new Map(ours.map((o) => [o.sub, o]));
    const body: LmsResultView[] = results.map((r) => {
      const mine = bySub.get(r.userId);
      return {
        userId: r.userId,
        student: mine?.student ?? null,
        lmsScore: r.resultScore ?? null,
        lmsMaximum: r.resultMaximum ?? null,
        trellisScore: mine?.payload?.scoreGiven ?? null,
        trellisMaximum: mine?.payload?.scoreMaximum ?? null,
      };
    });
    res.json({ results: body });
  });

  router.post('/api/courses/:courseId/roster/sync', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'sync-course-roster', { courseId });
    const resourceLinkId = typeof req.query.resourceLinkId === 'string' ? req.query.resourceLinkId : undefined;
    if (resourceLinkId !== undefined && !UUID.test(resourceLinkId)) throw new AppError('not_found', 404, 'error.notFound');
    try {
      const result: RosterSyncResponse = await syncRoster(
        { db: deps.db, registry: deps.registry, nrps: deps.services.nrps },
        { platformId: launch.platformId, courseId, full: req.query.full === 'true', resourceLinkId },
      );
      res.json(result);
    } catch (err) {
      if (err instanceof RosterUnavailableError) throw new AppError('roster_unavailable', 409, 'api.rosterUnavailable', err.message);
      if (err instanceof ServiceCallError) throw new AppError('lms_unavailable', 502, 'api.lmsUnavailable', err.message);
      throw err;
    }
  });

  return router;
}
