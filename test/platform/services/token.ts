// OAuth 2.0 client_credentials with a JWT client assertion (RFC 7523 §2.2, LTI Security
// Framework §4.1): the tool proves who it is by signing with the key behind its JWKS URL.
// Per RFC 7523 §3.2 every assertion problem is `invalid_client` (401).
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { sendJsonError } from '../http-util';
import { ALL_SCOPES } from '../lti-vocab';
import type { ToolRegistration } from '../simulated-platform';
import { describeJwtError, type ToolKeySet } from './tool-jwks';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** LTI caps client assertions at a short life; we allow 5 minutes plus clock skew. */
const MAX_ASSERTION_LIFETIME_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 5;

export interface AccessTokenRecord {
  /** Space-separated granted scopes (as returned to the tool). */
  scope: string;
  expiresAt: number;
  issuedAt?: number;
  clientId?: string;
  jti?: string;
}

export interface TokenRequestRecord {
  at: number;
  clientId: string | null;
  jti: string | null;
  scopesRequested: string[];
  scopesGranted: string[];
  outcome: 'issued' | 'rejected';
  status: number;
  error?: string;
  reason?: string;
  accessToken?: string;
}

export interface TokenHost {
  readonly issuer: string;
  readonly tokenUrl: string;
  readonly tool: ToolRegistration;
  readonly toolKeys: ToolKeySet;
  accessTokenTtlSeconds: number;
}

type TokenAnswer = { status: number; body: Record<string, unknown> };

export class TokenService {
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly requests: TokenRequestRecord[] = [];
  private readonly usedJtis = new Map<string, number>();

  constructor(private readonly host: TokenHost) {}

  /** Decides a POST /token from its (single-valued) form parameters. */
  async handle(params: Record<string, string>): Promise<TokenAnswer> {
    const requested = (params.scope ?? '').split(/\s+/).filter(Boolean);
    const rec: TokenRequestRecord = {
      at: Date.now(),
      clientId: null,
      jti: null,
      scopesRequested: requested,
      scopesGranted: [],
      outcome: 'rejected',
      status: 400,
    };
    this.requests.push(rec);
    const fail = (status: number, error: string, reason?: string): TokenAnswer => {
      Object.assign(rec, { status, error, reason });
      return { status, body: reason ? { error, error_description: reason } : { error } };
    };

    if (!params.grant_type) return fail(400, 'invalid_request', 'grant_type is required');
    if (params.grant_type !== 'client_credentials') return fail(400, 'unsupported_grant_type');
    if (params.client_assertion_type !== JWT_BEARER || !params.client_assertion) {
      return fail(400, 'invalid_request', `client_assertion of type ${JWT_BEARER} is required`);
    }
    const assertion = params.client_assertion;
    let unverifiedIss: unknown;
    try {
      if (decodeProtectedHeader(assertion).alg !== 'RS256') return fail(401, 'invalid_client', 'client_assertion must be signed with RS256');
      const unverified = decodeJwt(assertion);
      unverifiedIss = unverified.iss;
      rec.jti = typeof unverified.jti === 'string' ? unverified.jti : null;
    } catch {
      return fail(401, 'invalid_client', 'client_assertion is not a JWT');
    }
    const tool = this.host.tool;
    rec.clientId = typeof unverifiedIss === 'string' ? unverifiedIss : null;
    if (unverifiedIss !== tool.clientId) return fail(401, 'invalid_client', 'iss is not a registered client_id');
    if (!tool.jwksUrl) return fail(401, 'invalid_client', 'the tool registration has no jwksUrl to verify client_assertion with');

    let payload;
    try {
      ({ payload } = await this.host.toolKeys.verify(assertion, tool.jwksUrl, {
        algorithms: ['RS256'],
        issuer: tool.clientId,
        subject: tool.clientId,
        audience: [this.host.tokenUrl, this.host.issuer],
        requiredClaims: ['exp', 'jti'],
        clockTolerance: CLOCK_SKEW_SECONDS,
      }));
    } catch (err) {
      return fail(401, 'invalid_client', `client_assertion rejected: ${describeJwtError(err)}`);
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp!;
    if (exp - now > MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
      return fail(401, 'invalid_client', `client_assertion exp is more than ${MAX_ASSERTION_LIFETIME_SECONDS}s ahead`);
    }
    if (typeof payload.iat === 'number' && payload.iat > now + 60) return fail(401, 'invalid_client', 'client_assertion iat is in the future');
    const jti = String(payload.jti);
    this.pruneJtis();
    if (this.usedJtis.has(jti)) return fail(401, 'invalid_client', 'client_assertion jti was already used (replay)');
    this.usedJtis.set(jti, (exp + CLOCK_SKEW_SECONDS) * 1000);

    if (!requested.length) return fail(400, 'invalid_scope', 'scope is required (space-separated LTI service scopes)');
    const allowed = tool.scopes ?? ALL_SCOPES;
    const granted = [...new Set(requested.filter((s) => allowed.includes(s)))];
    if (!granted.length) return fail(400, 'invalid_scope', 'none of the requested scopes can be granted to this tool');

    const ttl = this.host.accessTokenTtlSeconds;
    const accessToken = crypto.randomBytes(32).toString('base64url');
    const scope = granted.join(' ');
    this.accessTokens.set(accessToken, { scope, expiresAt: Date.now() + ttl * 1000, issuedAt: Date.now(), clientId: tool.clientId, jti });
    Object.assign(rec, { outcome: 'issued', status: 200, scopesGranted: granted, accessToken });
    return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope } };
  }

  /** Invalidates every token issued so far; the next service call gets 401. */
  expireAll(): void {
    for (const t of this.accessTokens.values()) t.expiresAt = 0;
  }

  /**
   * Bearer check for service endpoints (RFC 6750): 401 for a missing, unknown or expired
   * token (so a tool drops it and fetches a new one), 403 when the token lacks every scope
   * that would allow the call.
   */
  requireScope(...anyOf: string[]): RequestHandler {
    return (req, res, next) => {
      const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (!m) {
        res.set('WWW-Authenticate', 'Bearer realm="lti-services"');
        return sendJsonError(res, 401, 'invalid_request', 'Authorization: Bearer <access token> is required');
      }
      const token = this.accessTokens.get(m[1]!);
      if (!token || token.expiresAt <= Date.now()) {
        const why = token ? 'the access token has expired' : 'the access token is unknown';
        res.set('WWW-Authenticate', `Bearer realm="lti-services", error="invalid_token", error_description="${why}"`);
        return sendJsonError(res, 401, 'invalid_token', why);
      }
      const scopes = token.scope.split(' ');
      if (!anyOf.some((s) => scopes.includes(s))) {
        res.set('WWW-Authenticate', `Bearer realm="lti-services", error="insufficient_scope", scope="${anyOf.join(' ')}"`);
        return sendJsonError(res, 403, 'insufficient_scope', `this call needs one of: ${anyOf.join(', ')}`);
      }
      next();
    };
  }

  private pruneJtis(): void {
    const now = Date.now();
    for (const [jti, until] of this.usedJtis) if (until < now) this.usedJtis.delete(jti);
  }
}
