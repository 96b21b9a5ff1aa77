// Validates an LTI 1.3 launch (id_token + state) against LTI 1.3 Core §5.1.3 and the
// 1EdTech Security Framework §5.1.3. Each failed check throws an AppError with a stable
// code; nothing about users or courses is stored until every check has passed.
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { Database } from '../db/database';
import { AppError } from '../http/errors';
import { toLocale, type Locale } from '../i18n/catalog';
import type { Panel, TrellisRole } from '../http/contract';
import { CLAIM, parseLaunchClaims, type LaunchClaims } from './claims';
import { consumeLoginState, hashBinding, isOwnUrl } from './login';
import type { PlatformJwksCache } from './platform-jwks';
import type { DeploymentRecord, PlatformRecord, PlatformRegistry } from './platform-registry';
import { canAddContent, choosePanel, normalizeRoles } from './roles';

export interface ValidatedLaunch {
  platform: PlatformRecord;
  deployment: DeploymentRecord;
  claims: LaunchClaims;
  roles: TrellisRole[];
  panel: Panel;
  locale: Locale;
  binding: LaunchBinding;
}

/** How the launch is tied to the browser that started its login. */
export interface LaunchBinding {
  /** The (consumed) state this launch answered. */
  state: string;
  /** The browser sent back the login's browser-binding cookie, and it matched. */
  cookie: boolean;
  /**
   * lti_storage_target when the login kept its state in the platform's storage (null for a
   * cookie login). Without the cookie, such a launch must still be confirmed by the browser.
   */
  storageTarget: string | null;
}

export interface LaunchValidationDeps {
  db: Database;
  registry: PlatformRegistry;
  jwks: PlatformJwksCache;
  publicUrl: string;
  clockSkewSeconds: number;
}

const fail = (code: string, status: number, key: ConstructorParameters<typeof AppError>[2], detail?: string): never => {
  throw new AppError(code, status, key, detail);
};

export async function validateLaunch(
  deps: LaunchValidationDeps,
  input: { idToken: unknown; state: unknown; browserBinding?: string },
): Promise<ValidatedLaunch> {
  if (typeof input.idToken !== 'string' || input.idToken.length === 0) return fail('id_token_missing', 400, 'launch.missingToken');
  const idToken = input.idToken;

  // 1. Shape and algorithm, before touching any key. Only RS256 is acceptable (no none/HS*).
  let header: ProtectedHeaderParameters;
  let unverified: JWTPayload;
  try {
    if (idToken.split('.').length !== 3) throw new Error('not a compact JWS');
    header = decodeProtectedHeader(idToken);
    unverified = decodeJwt(idToken);
  } catch (err) {
    return fail('malformed_token', 400, 'launch.malformedToken', (err as Error).message);
  }
  if (header.alg !== 'RS256') return fail('unsupported_alg', 401, 'launch.badAlgorithm', String(header.alg));

  // 2. State: must exist, be unexpired and unused, and (when the browser kept our cookie)
  //    come back to the browser that started the login. A platform-storage login that
  //    arrives without the cookie is proven by the browser afterwards (launch confirmation).
  if (typeof input.state !== 'string' || input.state.length === 0) return fail('state_missing', 400, 'launch.stateMissing');
  const login = await consumeLoginState(deps.db, input.state);
  if (!login) return fail('state_invalid', 400, 'launch.stateInvalid');
  if (login.browserBinding && input.browserBinding && hashBinding(input.browserBinding) !== login.browserBinding) {
    return fail('state_mismatch', 400, 'launch.stateMismatch');
  }
  const binding: LaunchBinding = {
    state: input.state,
    cookie: !!(login.browserBinding && input.browserBinding),
    storageTarget: login.storageTarget,
  };

  // 3. Issuer and audience against the platform that the login was for.
  const platform = await deps.registry.findById(login.platformId);
  if (!platform) return fail('platform_unknown', 400, 'login.unknownPlatform');
  if (platform.status !== 'active') return fail('platform_disabled', 403, 'login.platformDisabled');
  if (unverified.iss !== platform.issuer) return fail('iss_mismatch', 401, 'launch.issuerMismatch', String(unverified.iss));
  const audiences = Array.isArray(unverified.aud) ? unverified.aud : [unverified.aud];
  if (!audiences.includes(platform.clientId)) return fail('aud_mismatch', 401, 'launch.audienceMismatch');
  // ltijs checks azp only when present; OIDC requires it with several audiences.
  if (audiences.length > 1 && unverified.azp === undefined) return fail('azp_missing', 401, 'launch.audienceMismatch');
  if (unverified.azp !== undefined && unverified.azp !== platform.clientId) return fail('azp_mismatch', 401, 'launch.audienceMismatch');

  // 4. Signature with a key from the platform's registered JWKS only.
  let payload: JWTPayload;
  try {
    const verified = await compactVerify(idToken, (h) => deps.jwks.keyFor(platform.jwksUrl, h), { algorithms: ['RS256'] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as JWTPayload;
  } catch (err) {
    if (err instanceof AppError) throw err;
    return fail('bad_signature', 401, 'launch.badSignature', (err as Error).message);
  }

  // 5. Time: exp and iat are required; allow a small clock skew either way.
  const now = Math.floor(Date.now() / 1000);
  const skew = deps.clockSkewSeconds;
  if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') {
    return fail('invalid_claim', 400, 'launch.invalidClaims', typeof payload.exp !== 'number' ? 'exp' : 'iat');
  }
  if (now > payload.exp + skew) return fail('token_expired', 401, 'launch.expired');
  if (payload.iat > now + skew) return fail('iat_in_future', 401, 'launch.notYetValid');
  if (typeof payload.nbf === 'number' && payload.nbf > now + skew) return fail('iat_in_future', 401, 'launch.notYetValid');

  // 6. Nonce: single-use for as long as the token could be accepted, then it must answer
  //    this login. The insert is atomic, so two concurrent replays cannot both pass.
  if (typeof payload.nonce !== 'string' || payload.nonce.length === 0) return fail('invalid_claim', 400, 'launch.invalidClaims', 'nonce');
  const fresh = await deps.db.query(
    `INSERT INTO lti_nonce (platform_id, nonce, expires_at)
     VALUES ($1, $2, to_timestamp($3)) ON CONFLICT DO NOTHING RETURNING nonce`,
    [platform.id, payload.nonce, Math.max(payload.exp, now) + skew + 60],
  );
  if (fresh.length === 0) return fail('nonce_reused', 401, 'launch.nonceReused');
  if (payload.nonce !== login.nonce) return fail('nonce_mismatch', 401, 'launch.nonceMismatch');

  // 7. LTI claims.
  const parsed = parseLaunchClaims(payload);
  if (!parsed.ok) {
    const code = parsed.claim === 'message_type' ? 'message_type_invalid' : parsed.claim === 'version' ? 'version_invalid' : 'invalid_claim';
    return fail(code, 400, 'launch.invalidClaims', `${parsed.claim} (${parsed.problem})`);
  }
  const claims = parsed.claims;
  const target = claims[CLAIM.targetLinkUri];
  if (!isOwnUrl(target, deps.publicUrl)) return fail('target_link_uri_foreign', 400, 'login.foreignTarget', target);
  if (target !== login.targetLinkUri) return fail('target_link_uri_mismatch', 400, 'launch.targetMismatch', target);

  let deployment = await deps.registry.findDeployment(platform.id, claims[CLAIM.deploymentId]);
  if (!deployment && platform.acceptNewDeployments) {
    // Dynamically registered without a deployment id: the signed launch names the install.
    deployment = await deps.registry.learnDeployment(platform.id, claims[CLAIM.deploymentId]);
  }
  if (!deployment || deployment.status !== 'active') return fail('deployment_unknown', 403, 'launch.unknownDeployment');

  const roles = normalizeRoles(claims[CLAIM.roles]);
  const messageType = claims[CLAIM.messageType];
  if (messageType === 'LtiDeepLinkingRequest' && !canAddContent(roles)) {
    return fail('deep_linking_forbidden', 403, 'launch.deepLinkingForbidden');
  }
  return {
    platform,
    deployment,
    claims,
    roles,
    panel: choosePanel(roles, messageType),
    locale: toLocale(claims[CLAIM.launchPresentation]?.locale),
    binding,
  };
}
