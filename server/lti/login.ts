// OIDC third-party login initiation (LTI 1.3 core §5.1.1). The platform sends the browser
// here; we remember a single-use state and nonce in PostgreSQL (so any Trellis instance
// can answer the launch) and send the browser to the platform's authorization endpoint.
// When the platform offers storage (lti_storage_target, 1EdTech "OIDC login with LTI Client
// Side postMessages"), the browser first keeps the state and nonce in the LMS's own window,
// which proves at launch that it started this login without any third-party cookie.
import crypto from 'node:crypto';
import type { Database } from '../db/database';
import { AppError } from '../http/errors';
import type { PlatformRegistry } from './platform-registry';

export const LOGIN_STATE_TTL_SECONDS = 600;

export interface LoginParams {
  iss?: unknown;
  login_hint?: unknown;
  target_link_uri?: unknown;
  lti_message_hint?: unknown;
  client_id?: unknown;
  lti_deployment_id?: unknown;
  lti_storage_target?: unknown;
}

/** What the platform-storage login page needs to store before it goes on to the platform. */
export interface PlatformStorageLogin {
  /** lti_storage_target: "_parent" or the name of a frame in the LMS's window. */
  target: string;
  state: string;
  nonce: string;
  /** Origin of the platform's authorization URL: the only origin storage messages go to and come from. */
  platformOrigin: string;
}

export interface LoginResult {
  redirectUrl: string;
  browserBinding: string;
  /** Set when the login initiation carried lti_storage_target. */
  storage: PlatformStorageLogin | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
export const randomToken = () => crypto.randomBytes(32).toString('base64url');
export const hashBinding = (value: string) => crypto.createHash('sha256').update(value).digest('base64url');

/** A frame name the page may look up in the LMS's window; anything else means no platform storage. */
export function storageTargetOf(value: unknown): string | undefined {
  const target = str(value);
  return target && target.length <= 200 && /^[\x21-\x7e]+$/.test(target) ? target : undefined;
}

/** True when url is on Trellis's own origin (the only place a launch may land). */
export function isOwnUrl(url: string, publicUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

export async function initiateLogin(opts: {
  db: Database;
  registry: PlatformRegistry;
  publicUrl: string;
  params: LoginParams;
  /** The browser-binding cookie this browser already holds, if any. */
  existingBinding?: string;
}): Promise<LoginResult> {
  const { params } = opts;
  const iss = str(params.iss);
  const loginHint = str(params.login_hint);
  const targetLinkUri = str(params.target_link_uri);
  const clientId = str(params.client_id);
  if (!iss || !loginHint || !targetLinkUri) {
    throw new AppError('login_missing_params', 400, 'login.missingParams');
  }

  const candidates = await opts.registry.findByIssuer(iss, clientId);
  // Without client_id the issuer must identify exactly one registration.
  const platform = candidates.length === 1 ? candidates[0]! : undefined;
  if (!platform) throw new AppError('platform_unknown', 400, 'login.unknownPlatform', `iss=${iss} client_id=${clientId ?? '-'}`);
  if (platform.status !== 'active') throw new AppError('platform_disabled', 403, 'login.platformDisabled');
  if (!isOwnUrl(targetLinkUri, opts.publicUrl)) {
    throw new AppError('target_link_uri_foreign', 400, 'login.foreignTarget', targetLinkUri);
  }
  const deploymentId = str(params.lti_deployment_id);
  if (deploymentId) {
    const deployment = await opts.registry.findDeployment(platform.id, deploymentId);
    if (!deployment || deployment.status !== 'active') {
      throw new AppError('deployment_unknown', 403, 'launch.unknownDeployment', deploymentId);
    }
  }

  const state = randomToken();
  const nonce = randomToken();
  const browserBinding = opts.existingBinding && opts.existingBinding.length >= 32 ? opts.existingBinding : randomToken();
  const storageTarget = storageTargetOf(params.lti_storage_target);
  await opts.db.query(
    `INSERT INTO lti_login_state (state, platform_id, nonce, target_link_uri, browser_binding, storage_target, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
    [state, platform.id, nonce, targetLinkUri, hashBinding(browserBinding), storageTarget ?? null, LOGIN_STATE_TTL_SECONDS],
  );

  const auth = new URL(platform.authLoginUrl);
  const query: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: `${opts.publicUrl}/lti/launch`,
    login_hint: loginHint,
    state,
    nonce,
  };
  const messageHint = str(params.lti_message_hint);
  if (messageHint) query.lti_message_hint = messageHint;
  // Passed through so the platform can answer in the same frame (the spec's round trip).
  if (storageTarget) query.lti_storage_target = storageTarget;
  for (const [k, v] of Object.entries(query)) auth.searchParams.set(k, v);
  return {
    redirectUrl: auth.toString(),
    browserBinding,
    storage: storageTarget ? { target: storageTarget, state, nonce, platformOrigin: auth.origin } : null,
  };
}

/**
 * The storage page could not store (the platform did not answer, or refused): the login goes
 * on as a cookie login, as if lti_storage_target had not been sent. Only whoever holds the
 * state can do this, and an attacker's own login could have left storage out anyway.
 */
export async function abandonPlatformStorage(db: Database, state: string): Promise<void> {
  await db.query(`UPDATE lti_login_state SET storage_target = NULL WHERE state = $1 AND storage_target IS NOT NULL`, [state]);
}

export interface LoginState {
  platformId: string;
  nonce: string;
  targetLinkUri: string;
  browserBinding: string | null;
  /** lti_storage_target of a platform-storage login; null for a cookie login. */
  storageTarget: string | null;
}

/** Deletes and returns the state row: each state answers at most one launch. */
export async function consumeLoginState(db: Database, state: string): Promise<LoginState | null> {
  const [row] = await db.query<{
    platform_id: string;
    nonce: string;
    target_link_uri: string;
    browser_binding: string | null;
    storage_target: string | null;
    expired: boolean;
  }>(
    `DELETE FROM lti_login_state WHERE state = $1
     RETURNING platform_id, nonce, target_link_uri, browser_binding, storage_target, expires_at < now() AS expired`,
    [state],
  );
  if (!row || row.expired) return null;
  return {
    platformId: row.platform_id,
    nonce: row.nonce,
    targetLinkUri: row.target_link_uri,
    browserBinding: row.browser_binding,
    storageTarget: row.storage_target,
  };
}
