// Browser-facing LTI endpoints: OIDC login initiation, the launch (form_post id_token), the
// confirmation of a cookie-free (platform-storage) launch, and the tool's public JWKS.
// Failures render the HTML error page (see error-handler).
import express, { Router, type Request, type Response } from 'express';
import type { Database } from '../db/database';
import { AppError } from '../http/errors';
import { REGISTRATION_CLOSE_SCRIPT, renderRegistrationDone } from '../http/registration-page';
import type { SpaRenderer } from '../http/spa';
import { localeFromAcceptLanguage } from '../i18n/catalog';
import { registerDynamically } from './dynamic-registration';
import type { LaunchTokens } from './launch-token';
import { claimLaunchConfirmation, createLaunchConfirmation } from './launch-confirmation';
import { abandonPlatformStorage, initiateLogin, LOGIN_STATE_TTL_SECONDS } from './login';
import type { PlatformJwksCache } from './platform-jwks';
import type { PlatformRegistry } from './platform-registry';
import {
  LAUNCH_CONFIRM_PATH,
  LAUNCH_STORAGE_TIMEOUT_MS,
  LOGIN_NO_STORAGE_PATH,
  LOGIN_STORAGE_TIMEOUT_MS,
  PLATFORM_STORAGE_SCRIPT,
  renderStoragePage,
  STORAGE_SCRIPT_PATH,
} from './platform-storage';
import { presentSession } from './present-session';
import { recordLaunch } from './record-launch';
import type { ToolKeyStore } from './tool-keys';
import { validateLaunch } from './validate-launch';

export const BROWSER_BINDING_COOKIE = 'trellis_login';
// id_tokens with generous custom claims stay well under this; anything bigger is refused.
const MAX_FORM_BYTES = '64kb';

/**
 * Only Trellis's own pages may post a launch confirmation (or give up platform storage):
 * browsers mark their requests (Sec-Fetch-Site), and older ones send Origin (the
 * interstitial's referrer policy keeps it). A cross-site form cannot hand a victim someone
 * else's confirmed launch.
 */
function fromOwnPage(req: Request, publicUrl: string): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  return req.get('origin') === new URL(publicUrl).origin;
}

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
    // iframe with third-party cookies blocked it will not, and the state alone is checked
    // (or, after a platform-storage login, the browser proves it from the LMS's storage).
    res.cookie(BROWSER_BINDING_COOKIE, result.browserBinding, {
      httpOnly: true,
      path: '/lti',
      maxAge: LOGIN_STATE_TTL_SECONDS * 1000,
      sameSite: secureCookies ? 'none' : 'lax',
      secure: secureCookies,
    });
    res.set('Cache-Control', 'no-store');
    if (!result.storage) {
      res.redirect(302, result.redirectUrl);
      return;
    }
    // The platform offers storage (lti_storage_target): a page keeps state and nonce there,
    // then goes on to the same authorization URL (the cookie above is the fallback).
    res.type('html').send(
      renderStoragePage({
        locale: localeFromAcceptLanguage(req.headers['accept-language']),
        data: {
          mode: 'login',
          target: result.storage.target,
          platformOrigin: result.storage.platformOrigin,
          state: result.storage.state,
          nonce: result.storage.nonce,
          redirectUrl: result.redirectUrl,
          noStorageUrl: `${deps.publicUrl}${LOGIN_NO_STORAGE_PATH}`,
          timeoutMs: LOGIN_STORAGE_TIMEOUT_MS,
        },
      }),
    );
  };
  router.get('/lti/login', login);
  router.post('/lti/login', form, login);
  // The storage page could not store: this login goes on as a cookie login (as without storage).
  router.post(LOGIN_NO_STORAGE_PATH, form, async (req, res) => {
    if (!fromOwnPage(req, deps.publicUrl)) throw new AppError('no_storage_cross_site', 403, 'launch.confirmationInvalid');
    const state = (req.body as Record<string, unknown> | undefined)?.state;
    if (typeof state === 'string' && state.length > 0 && state.length <= 100) await abandonPlatformStorage(deps.db, state);
    res.set('Cache-Control', 'no-store').status(204).end();
  });
  router.get(STORAGE_SCRIPT_PATH, (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=300').send(PLATFORM_STORAGE_SCRIPT);
  });

  router.post('/lti/launch', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const launch = await validateLaunch(
      { db: deps.db, registry: deps.registry, jwks: deps.platformJwks, publicUrl: deps.publicUrl, clockSkewSeconds: deps.clockSkewSeconds },
      { idToken: body.id_token, state: body.state, browserBinding: req.cookies?.[BROWSER_BINDING_COOKIE] as string | undefined },
    );
    res.locals.locale = launch.locale;
    const { context, assignment } = await recordLaunch(deps.db, launch, deps.launchTokenTtlSeconds);
    const session = presentSession(launch, context, assignment);
    res.set('Cache-Control', 'no-store');
    if (launch.binding.storageTarget && !launch.binding.cookie) {
      // A platform-storage login without our cookie: the token waits until this browser
      // reads the state back from the platform's storage (see platform-storage.ts).
      const code = await createLaunchConfirmation(deps.db, { context, state: launch.binding.state, session });
      res
        .set('Referrer-Policy', 'same-origin')
        .type('html')
        .send(
          renderStoragePage({
            locale: launch.locale,
            data: {
              mode: 'launch',
              target: launch.binding.storageTarget,
              platformOrigin: new URL(launch.platform.authLoginUrl).origin,
              state: launch.binding.state,
              code,
              confirmUrl: `${deps.publicUrl}${LAUNCH_CONFIRM_PATH}`,
              timeoutMs: LAUNCH_STORAGE_TIMEOUT_MS,
            },
          }),
        );
      return;
    }
    const token = await deps.tokens.sign(context);
    res.type('html').send(deps.spa.render({ token, session }));
  });
  router.all('/lti/launch', () => {
    throw new AppError('launch_method_not_allowed', 405, 'launch.methodNotAllowed');
  });

  // The interstitial's answer: its one-time code plus the state it read from platform storage.
  router.post(LAUNCH_CONFIRM_PATH, form, async (req, res) => {
    if (!fromOwnPage(req, deps.publicUrl)) throw new AppError('confirmation_cross_site', 403, 'launch.confirmationInvalid');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const code = typeof body.code === 'string' && body.code.length > 0 && body.code.length <= 100 ? body.code : null;
    const claimed = code ? await claimLaunchConfirmation(deps.db, code) : null;
    if (!claimed) throw new AppError('confirmation_invalid', 400, 'launch.confirmationInvalid');
    res.locals.locale = claimed.context.locale;
    if (!claimed.stateMatches(body.state)) throw new AppError('state_mismatch', 400, 'launch.stateMismatch', 'platform storage did not return the state');
    const token = await deps.tokens.sign(claimed.context);
    res.set('Cache-Control', 'no-store').type('html').send(deps.spa.render({ token, session: claimed.session }));
  });
  router.all(LAUNCH_CONFIRM_PATH, () => {
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
