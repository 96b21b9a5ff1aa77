// The Express app: LTI browser routes, the JSON API, the built client, and one error
// handler. Composition (database, ltijs, caches) happens in ../compose.ts.
import cookieParser from 'cookie-parser';
import express, { type Express, type Router } from 'express';
import type { LtiServices, PracticeComponents } from '../compose';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { ltiRoutes, type LtiRouteDeps } from '../lti/routes';
import { apiRoutes } from './api';
import { errorHandler } from './error-handler';
import { AppError } from './errors';
import { securityHeaders } from './security-headers';

export interface AppDeps extends LtiRouteDeps {
  db: Database;
  logger: Logger;
  trustProxy: boolean;
  services: LtiServices;
  practice: PracticeComponents;
  /** Extra routers mounted before Trellis's own (the built-in demo LMS). */
  extraRouters?: { path: string; router: Router }[];
  /** Where GET / sends a browser (the demo course page when the demo runs). */
  homeRedirect?: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy) app.set('trust proxy', true);

  for (const extra of deps.extraRouters ?? []) app.use(extra.path, extra.router);

  app.get('/healthz', async (_req, res) => {
    await deps.db.query('SELECT 1');
    res.json({ status: 'ok' });
  });
  app.get('/', (_req, res) => {
    if (deps.homeRedirect) return res.redirect(302, deps.homeRedirect);
    res.json({ name: 'trellis', status: 'ok', login: `${deps.publicUrl}/lti/login`, launch: `${deps.publicUrl}/lti/launch`, jwks: `${deps.publicUrl}/lti/jwks` });
  });

  app.use(securityHeaders, cookieParser());
  app.use('/app', express.static(deps.spa.assetsDir, { index: false, immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(ltiRoutes(deps));
  app.use(
    apiRoutes({
      db: deps.db,
      tokens: deps.tokens,
      registry: deps.registry,
      services: deps.services,
      toolKeys: deps.toolKeys,
      publicUrl: deps.publicUrl,
      practice: deps.practice,
    }),
  );
  app.use(() => {
    throw new AppError('not_found', 404, 'error.notFound');
  });
  app.use(errorHandler(deps.logger));
  return app;
}
