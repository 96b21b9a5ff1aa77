// HTTP endpoints of the simulated platform. Mount at the issuer's path. This file only
// assembles: recording and body parsing first, then each endpoint family from services/.
// Every failure is a small 4xx HTML/JSON answer; nothing reaches express's default handler.
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { renderCoursePage, type DemoLaunchLink } from './demo-page';
import { renderDeepLinkResult, renderFormPost } from './html';
import { noStore, sendError, sendJsonError, singleValues } from './http-util';
import { captureBody, recordRequests, tag, type PlatformEndpoint } from './recorder';
import { renderStorageFramePage, type PlatformStorageMode } from './platform-storage';
import { renderRegistrationPage } from './registration-page';
import { DEFAULT_COURSE_ID, DEMO_PERSONAS } from './seed';
import { agsRouter } from './services/ags';
import { nrpsRouter } from './services/nrps';
import type { SimulatedPlatform } from './simulated-platform';

export function createPlatformRouter(platform: SimulatedPlatform): Router {
  const router = express.Router();
  const count = (e: PlatformEndpoint) => platform.recordCall(e);
  const faults = platform.faultInjector;

  router.use(recordRequests(platform.requests, platform.origin, () => platform.requestLogLimit));
  router.use(
    express.urlencoded({ extended: false, limit: '100kb' }),
    // AGS/NRPS media types are application/vnd.ims.…+json.
    express.json({ type: ['application/json', 'application/*+json'], limit: '100kb' }),
    captureBody,
  );

  router.get('/jwks', tag('jwks', count), faults.middleware('jwks'), async (_req, res) => {
    const { jwksStatus, jwksDelayMs, jwksBody } = platform.faults;
    if (jwksDelayMs) await new Promise((r) => setTimeout(r, jwksDelayMs));
    if (jwksStatus && jwksStatus !== 200) {
      res.status(jwksStatus).set('Cache-Control', 'no-store').json({ error: 'injected_fault' });
      return;
    }
    res.set('Cache-Control', 'max-age=300');
    if (jwksBody !== undefined) res.type('json').send(jwksBody);
    else res.json(platform.jwks());
  });

  const auth = async (_req: Request, res: Response, source: unknown) => {
    noStore(res);
    const { params, repeated } = singleValues(source);
    if (repeated.length) {
      sendError(res, 400, 'invalid_request', `parameters sent more than once: ${repeated.join(', ')}`);
      return;
    }
    const result = await platform.authorize(params);
    if (!result.ok) {
      sendError(res, result.status, result.error, result.description);
      return;
    }
    const fields: Record<string, string> = { id_token: result.idToken };
    if (result.state !== null) fields.state = result.state;
    if (result.storageTarget) fields.lti_storage_target = result.storageTarget;
    res.set('Referrer-Policy', 'no-referrer').type('html').send(renderFormPost(result.redirectUri, fields));
  };
  router.get('/auth', tag('auth', count), (req, res) => auth(req, res, req.query));
  router.post('/auth', tag('auth', count), (req, res) => auth(req, res, req.body));

  router.post('/token', tag('token', count), faults.middleware('token'), async (req, res) => {
    if (!req.is('application/x-www-form-urlencoded')) {
      return sendJsonError(res, 400, 'invalid_request', 'token requests must be application/x-www-form-urlencoded (RFC 6749)');
    }
    const { params, repeated } = singleValues(req.body);
    if (repeated.length) return sendJsonError(res, 400, 'invalid_request', `parameters sent more than once: ${repeated.join(', ')}`);
    const answer = await platform.tokens.handle(params);
    noStore(res);
    res.set('Pragma', 'no-cache').status(answer.status).json(answer.body);
  });

  router.use(agsRouter(platform));
  router.use(nrpsRouter(platform));

  const deepLinkReturn = async (req: Request, res: Response, source: unknown) => {
    const rec = await platform.deepLinking.receive(singleValues(source).params.JWT ?? null, req.method);
    const courseTitle = rec.courseId ? platform.courses.get(rec.courseId)?.title : undefined;
    const created = rec.created.map((c) => ({
      title: platform.resourceLinks.get(c.resourceLinkId)?.title ?? c.resourceLinkId,
      resourceLinkId: c.resourceLinkId,
      lineItem: c.lineItemId !== undefined,
    }));
    noStore(res);
    res
      .status(rec.ok ? 200 : 400)
      .type('html')
      .send(renderDeepLinkResult({ ...rec, courseTitle, created }));
  };
  router.get('/deep-link-return', tag('deep-link-return', count), (req, res) => deepLinkReturn(req, res, req.query));
  router.post('/deep-link-return', tag('deep-link-return', count), (req, res) => deepLinkReturn(req, res, req.body));

  router.get('/.well-known/openid-configuration', tag('openid-configuration', count), (_req, res) => {
    res.set('Cache-Control', 'max-age=60').json(platform.registration.openidConfiguration());
  });
  router.post('/register', tag('registration', count), (req, res) => {
    if (!req.is('application/json')) return sendJsonError(res, 415, 'invalid_client_metadata', 'Content-Type must be application/json');
    const answer = platform.registration.register(req.get('authorization'), req.body);
    noStore(res);
    res.status(answer.status).json(answer.body);
  });
  router.get('/admin/register', tag('admin', count), (req, res) => {
    const toolUrl = typeof req.query.url === 'string' ? req.query.url : '';
    let frameSrc: string;
    try {
      frameSrc = platform.startDynamicRegistration(toolUrl);
    } catch {
      return sendError(res, 400, 'invalid_request', 'url must be the tool’s http(s) registration URL', 'Registration not started');
    }
    noStore(res);
    res.type('html').send(
      renderRegistrationPage({
        platformName: platform.name,
        toolUrl,
        frameSrc,
        toolOrigin: new URL(toolUrl).origin,
        basePath: new URL(platform.issuer).pathname.replace(/\/+$/, ''),
      }),
    );
  });

  router.get('/', tag('demo', count), (req, res) => sendCoursePage(platform, res, null, storageModeOf(platform, req.query.storage)));
  router.get('/launch', tag('demo', count), (req, res) => {
    const as = typeof req.query.as === 'string' ? req.query.as : '';
    sendCoursePage(platform, res, as, storageModeOf(platform, req.query.storage));
  });
  // The course page's hidden platform-storage frame ('frame' mode).
  router.get('/storage-frame', tag('demo', count), (_req, res) => {
    noStore(res);
    res.type('html').send(renderStorageFramePage(platform.toolOrigin));
  });

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    // body-parser errors carry a 4xx status (malformed or oversized body).
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (res.headersSent) return;
    res.status(status).json({ error: status === 500 ? 'server_error' : 'invalid_request', error_description: String(err?.message ?? err) });
  };
  router.use(onError);
  return router;
}

/** ?storage=1|true|_parent|frame|0 on the course page; default the platform's own setting. */
function storageModeOf(platform: SimulatedPlatform, value: unknown): PlatformStorageMode {
  if (typeof value !== 'string') return platform.platformStorage;
  if (value === 'frame' || value === '_parent') return value;
  return ['1', 'true', 'yes', 'on'].includes(value);
}

function sendCoursePage(platform: SimulatedPlatform, res: Response, as: string | null, storage: PlatformStorageMode): void {
  const course = platform.courses.get(DEFAULT_COURSE_ID) ?? platform.courses.values().next().value;
  if (!course) {
    sendError(res, 404, 'not_found', 'the simulated platform has no courses');
    return;
  }
  const activity = [...platform.resourceLinks.values()].find((l) => l.courseId === course.id);
  const launches: DemoLaunchLink[] = [];
  for (const p of DEMO_PERSONAS) {
    const user = platform.users.get(p.userSub);
    if (!user) continue;
    const deepLink = p.messageType === 'LtiDeepLinkingRequest';
    launches.push({
      as: p.as,
      kind: deepLink ? 'deep-link' : 'launch',
      label: deepLink ? `Add content (deep linking) as ${p.role}` : `Launch as ${p.role} (${user.name ?? user.sub})`,
      href: platform.loginInitiationUrl({
        userSub: user.sub,
        courseId: course.id,
        messageType: p.messageType,
        resourceLinkId: activity?.id,
        storage,
      }),
    });
  }
  let frameSrc: string | null = null;
  if (as !== null) {
    const chosen = launches.find((l) => l.as === as);
    if (!chosen) {
      sendError(res, 404, 'not_found', `no demo launch "${as}"; try ${launches.map((l) => l.as).join(', ')}`);
      return;
    }
    frameSrc = chosen.href;
  }
  noStore(res);
  res.type('html').send(
    renderCoursePage({
      platformName: platform.name,
      course,
      basePath: new URL(platform.issuer).pathname.replace(/\/+$/, ''),
      activityTitle: activity?.title ?? 'Trellis practice',
      launches,
      frameSrc,
      activeAs: as,
      toolOrigin: platform.toolOrigin,
      storage,
    }),
  );
}
