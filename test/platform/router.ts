// HTTP endpoints of the simulated platform. Mount at the issuer's path.
// Every failure is a small 4xx HTML/JSON answer; nothing reaches express's default handler.
import crypto from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { renderCoursePage, type DemoLaunchLink } from './demo-page';
import { renderDeepLinkReturn, renderErrorPage, renderFormPost } from './html';
import { DEFAULT_COURSE_ID, DEMO_PERSONAS } from './seed';
import type { SimulatedPlatform } from './simulated-platform';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ACCESS_TOKEN_TTL_SECONDS = 3600;

export function createPlatformRouter(platform: SimulatedPlatform): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  router.get('/jwks', async (_req, res) => {
    platform.recordCall('jwks');
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

  const auth = async (req: Request, res: Response, source: unknown) => {
    platform.recordCall('auth');
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
    res.set('Referrer-Policy', 'no-referrer').type('html').send(renderFormPost(result.redirectUri, fields));
  };
  router.get('/auth', (req, res) => auth(req, res, req.query));
  router.post('/auth', form, (req, res) => auth(req, res, req.body));

  router.post('/token', form, (req, res) => {
    platform.recordCall('token');
    noStore(res);
    const { params } = singleValues(req.body);
    if (!params.grant_type) {
      res.status(400).json({ error: 'invalid_request', error_description: 'grant_type is required' });
      return;
    }
    if (params.grant_type !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    if (params.client_assertion_type !== JWT_BEARER || !params.client_assertion) {
      res.status(400).json({ error: 'invalid_request', error_description: `client_assertion of type ${JWT_BEARER} is required` });
      return;
    }
    // TODO(next issue): verify client_assertion before issuing a token: a JWT signed by the
    // tool (checked against the tool's JWKS) with iss = sub = clientId, aud = tokenUrl, a
    // fresh exp and an unused jti. Until then any assertion is accepted.
    const scope = params.scope ?? '';
    const accessToken = crypto.randomBytes(32).toString('base64url');
    platform.accessTokens.set(accessToken, { scope, expiresAt: Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000 });
    res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS, scope });
  });

  const deepLinkReturn = (req: Request, res: Response, source: unknown) => {
    platform.recordCall('deep-link-return');
    const jwt = singleValues(source).params.JWT ?? null;
    platform.deepLinkReturns.push({ jwt, at: Date.now() });
    let header: unknown = null;
    let payload: unknown = null;
    let decodeError: string | null = null;
    if (jwt) {
      try {
        header = decodeProtectedHeader(jwt);
        payload = decodeJwt(jwt);
      } catch (err) {
        decodeError = err instanceof Error ? err.message : String(err);
      }
    }
    noStore(res);
    res.type('html').send(renderDeepLinkReturn({ method: req.method, jwt, header, payload, decodeError }));
  };
  router.get('/deep-link-return', (req, res) => deepLinkReturn(req, res, req.query));
  router.post('/deep-link-return', form, (req, res) => deepLinkReturn(req, res, req.body));

  router.get('/', (_req, res) => sendCoursePage(platform, res, null));
  router.get('/launch', (req, res) => {
    const as = typeof req.query.as === 'string' ? req.query.as : '';
    sendCoursePage(platform, res, as);
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

function sendCoursePage(platform: SimulatedPlatform, res: Response, as: string | null): void {
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
      toolOrigin: new URL(platform.tool.launchUrl).origin,
    }),
  );
}

/** Keeps single string values; a repeated parameter is reported, never silently picked. */
function singleValues(source: unknown): { params: Record<string, string>; repeated: string[] } {
  const params: Record<string, string> = {};
  const repeated: string[] = [];
  if (typeof source !== 'object' || source === null) return { params, repeated };
  for (const [k, v] of Object.entries(source)) {
    if (typeof v === 'string') params[k] = v;
    else if (Array.isArray(v)) repeated.push(k);
  }
  return { params, repeated };
}

function noStore(res: Response): void {
  res.set('Cache-Control', 'no-store');
}

function sendError(res: Response, status: number, code: string, description: string): void {
  res.status(status).type('html').send(renderErrorPage('Launch refused', code, description));
}
