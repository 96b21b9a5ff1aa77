// JSON API for the client. Every route: authenticate → authorize → one query → present.
import express, { Router } from 'express';
import type { LtiServices, PracticeComponents } from '../compose';
import type { Database } from '../db/database';
import { DeepLinkItems, respondToDeepLinking } from '../lti/deep-linking-response';
import type { PlatformRegistry } from '../lti/platform-registry';
import type { ToolKeyStore } from '../lti/tool-keys';
import type { LaunchTokens } from '../lti/launch-token';
import type { CourseMembersResponse, TrellisRole } from './contract';
import { courseServicesRoutes } from './course-services-routes';
import { flagsRoutes } from './flags-routes';
import { groupRoutes } from './group-routes';
import { insightsRoutes } from './insights-routes';
import { itemImportRoutes } from './item-import-routes';
import { learnerViewsRoutes } from './learner-views-routes';
import { practiceRoutes } from './practice-routes';
import { AppError } from './errors';
import { courseParam } from './params';
import { authorize } from './policies';
import { serverTiming } from './server-timing';
import { parseBody } from './validate';
import { launchOf, requireLaunch } from './require-launch';
import { displayNameSql } from '../db/user-display-name';

export function apiRoutes(deps: {
  db: Database;
  tokens: LaunchTokens;
  registry: PlatformRegistry;
  services: LtiServices;
  toolKeys: ToolKeyStore;
  publicUrl: string;
  practice: PracticeComponents;
}): Router {
  const router = Router();
  router.use('/api', serverTiming, requireLaunch(deps.tokens));
  // Item uploads carry their own larger JSON limit, so they are parsed before the default one.
  router.use(
    itemImportRoutes({
      db: deps.db,
      knownSkills: async (platformId) => new Set((await deps.practice.catalog.graphFor(platformId)).all().map((s) => s.code)),
      onImported: () => deps.practice.items.invalidate(),
    }),
  );
  router.use('/api', express.json({ limit: '100kb' }));

  router.get('/api/session', async (req, res) => {
    const launch = launchOf(req);
    authorize(launch, 'view-own-session');
    res.json({
      panel: launch.panel,
      roles: launch.roles,
      locale: launch.locale,
      courseId: launch.courseId,
      expiresAt: launch.expiresAt.toISOString(),
    });
  });

  router.get('/api/courses/:courseId/members', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'view-course-members', { courseId });
    const rows = await deps.db.query<{ display_name: string | null; roles: TrellisRole[]; last_launch_at: Date | null }>(
      `SELECT ${displayNameSql('u')} AS display_name,
              e.roles, e.last_launch_at
         FROM enrolment e
         JOIN course_context c ON c.id = e.context_id
         JOIN deployment d ON d.id = c.deployment_id
         JOIN app_user u ON u.id = e.user_id
        WHERE e.context_id = $1 AND c.deployment_id = $2 AND d.platform_id = $3 AND e.status = 'Active'
        ORDER BY display_name NULLS LAST, u.id`,
      [courseId, launch.deploymentId, launch.platformId],
    );
    const body: CourseMembersResponse = {
      members: rows.map((r) => ({
        displayName: r.display_name,
        roles: r.roles,
        lastLaunchAt: r.last_launch_at ? new Date(r.last_launch_at).toISOString() : null,
      })),
    };
    res.json(body);
  });

  router.post('/api/deep-linking/response', async (req, res) => {
    const launch = launchOf(req);
    authorize(launch, 'place-content');
    const picks = parseBody(DeepLinkItems, req.body);
    res.status(201).json(await respondToDeepLinking(deps, { launch, picks }));
  });

  router.use(courseServicesRoutes(deps));
  router.use(practiceRoutes({ practice: deps.practice.service }));
  const insights = { db: deps.db, catalog: deps.practice.catalog, registry: deps.registry, services: deps.services };
  router.use(insightsRoutes(insights), flagsRoutes(insights), groupRoutes(insights), learnerViewsRoutes(insights));

  router.use('/api', () => {
    throw new AppError('not_found', 404, 'error.notFound');
  });
  return router;
}
