// Browser-facing LTI endpoints: OIDC login initiation, the launch (form_post id_token),
// and the tool's public JWKS. Failures render the HTML error page (see error-handler).
import express, { Router, type Request, type Response } from 'express';
import type { Database } from '../db/database';
import { AppError } from '../http/errors';
import { REGISTRATION_CLOSE_SCRIPT, renderRegistrationDone } from '../http/registration-page';
import type { SpaRenderer } from '../http/spa';
import { localeFromAcceptLanguage } from '../i18n/catalog';
import { registerDynamically } from './dynamic-registration';
import type { LaunchTokens } from './launch-token';
import { initiateLogin, LOGIN_STATE_TTL_SECONDS } from './login';
import type { PlatformJwksCache } from './platform-jwks';
import type { PlatformRegistry } from './platform-registry';
import { presentSession } from './present-session';
import { recordLaunch } from './record-launch';
import type { ToolKeyStore } from './tool-keys';
import { validateLaunch } from './validate-launch';

export const BROWSER_BINDING_COOKIE = 'trellis_login';
// id_tokens with generous custom claims stay well under this; anything bigger is refused.
const MAX_FORM_BYTES = '64kb';

export interface LtiRouteDeps {
  db: Database;
  registry: PlatformRegistry;
  platformJwks: PlatformJwksCache;
  toolKeys: ToolKeyStore;
  tokens: LaunchTokens;
  spa: SpaRenderer;
  publicUrl: string;
  clockSkewSeconds: number;
  launchTokenTtlSeconds: number;
  dynamicRegistrationApproval: boolean;
}

export function ltiRoutes(deps: LtiRouteDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: MAX_FORM_BYTES, parameterLimit: 50 });
  const secureCookies = deps.publicUrl.startsWith('https://');

  const login = async (req: Request, res: Response) => {
    const params = { ...(req.query as Record<string, unknown>), ...((req.body as Record<string, unknown> | undefined) ?? {}) };
    const result = await initiateLogin({
      db: deps.db,
      registry: deps.registry,
      publicUrl: deps.publicUrl,
      params,
      existingBinding: req.cookies?.[BROWSER_BINDING_COOKIE] as string | undefined,
    });
    // Binds the launch to this browser when the browser keeps the cookie; inside an LMS
    // iframe with third-party cookies blocked it will not, and the state alone is checked.
    res.cookie(BROWSER_BINDING_COOKIE, result.browserBinding, {
      httpOnly: true,
      path: '/lti',
      maxAge: LOGIN_STATE_TTL_SECONDS * 1000,
      sameSite: secureCookies ? 'none' : 'lax',
      secure: secureCookies,
    });
    res.set('Cache-Control', 'no-store').redirect(302, result.redirectUrl);
  };
  router.get('/lti/login', login);
  router.post('/lti/login', form, login);

  router.post('/lti/launch', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const launch = await validateLaunch(
      { db: deps.db, registry: deps.registry, jwks: deps.platformJwks, publicUrl: deps.publicUrl, clockSkewSeconds: deps.clockSkewSeconds },
      { idToken: body.id_token, state: body.state, browserBinding: req.cookies?.[BROWSER_BINDING_COOKIE] as string | undefined },
    );
    res.locals.locale = launch.locale;
    const { context, assignment } = await recordLaunch(deps.db, launch, deps.launchTokenTtlSeconds);
    const token = await deps.tokens.sign(context);
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(deps.spa.render({ token, session: presentSession(launch, context, assignment) }));
  });
  router.all('/lti/launch', () => {
    throw new AppError('launch_method_not_allowed', 405, 'launch.methodNotAllowed');
  });

  // LTI Dynamic Registration: the URL an admin pastes into the LMS.
  router.get('/lti/register', async (req, res) => {
    const result = await registerDynamically({
      registry: deps.registry,
      publicUrl: deps.publicUrl,
      openidConfigurationUrl: req.query.openid_configuration,
      registrationToken: req.query.registration_token,
      requireApproval: deps.dynamicRegistrationApproval,
    });
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        renderRegistrationDone({
          locale: localeFromAcceptLanguage(req.headers['accept-language']),
          platformName: result.platformName,
          pending: result.platform.status === 'pending',
        }),
      );
  });
  router.get('/lti/register-close.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=3600').send(REGISTRATION_CLOSE_SCRIPT);
  });

  const jwks = async (_req: Request, res: Response) => {
    // Short cache: after a rotation LMSs should see the new key soon (they also refetch on an unknown kid).
    res.set('Cache-Control', 'public, max-age=60').json(await deps.toolKeys.jwks());
  };
  router.get('/lti/jwks', jwks);
  router.get('/.well-known/jwks.json', jwks);
  return router;
}
