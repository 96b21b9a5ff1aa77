// A simulated LTI 1.3 platform (Canvas/Moodle style) for integration tests, the launch
// benchmark and the built-in demo. It signs real RS256 id_tokens with jose and serves the
// OIDC endpoints a tool talks to; see router.ts for the HTTP side.
import crypto from 'node:crypto';
import type { Router } from 'express';
import {
  SignJWT,
  UnsecuredJWT,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  type KeyLike,
} from 'jose';
import { encodeMessageHint, decodeMessageHint, type MessageHint } from './message-hint';
import { CLAIM, COURSE_OFFERING, LTI_VERSION, type LtiMessageType } from './lti-vocab';
import {
  DEFAULT_COURSE_ID,
  seedCourses,
  seedResourceLinks,
  seedUsers,
  type SimCourse,
  type SimResourceLink,
  type SimUser,
} from './seed';
import { createPlatformRouter } from './router';

export interface ToolRegistration {
  clientId: string;
  deploymentId: string;
  /** OIDC login initiation URL (third-party initiated login). */
  loginUrl: string;
  /** Default target_link_uri for resource link launches. */
  launchUrl: string;
  /** redirect_uri values /auth accepts (exact match). */
  redirectUris: string[];
  /** Default target_link_uri for deep linking requests (falls back to launchUrl). */
  deepLinkUrl?: string;
}

export interface SimulatedPlatformOptions {
  /** e.g. "http://127.0.0.1:4000/lms"; mount `router` at the issuer's path. */
  issuer: string;
  tool: ToolRegistration;
  /** tool_platform.name and the demo page's brand. Default "Simulated LMS". */
  name?: string;
}

export interface LaunchOptions {
  userSub: string;
  /** Default "math-6"; null launches outside any course (no context claim). */
  courseId?: string | null;
  messageType?: LtiMessageType;
  /** Default: the course's first seeded link. Ignored for deep linking. */
  resourceLinkId?: string;
  targetLinkUri?: string;
}

export interface LoginInitiationOptions extends LaunchOptions {
  /** Only GET can be expressed as a URL; for a POST login use loginInitiationParams() as a form body. */
  method?: 'GET';
}

export interface ClaimOptions extends LaunchOptions {
  nonce: string;
}

export interface SignOptions {
  /** Omitted: the current key's kid (none when privateKey or unsecured is given). null: no kid header. */
  kid?: string | null;
  /** Default RS256. */
  alg?: string;
  /** Extra protected-header fields (jku, x5u, jwk, …) for forged-token tests. */
  header?: Record<string, unknown>;
  /** Any key jose accepts, e.g. an unpublished RSA key or an HS256 secret as Uint8Array. */
  privateKey?: KeyLike | Uint8Array;
  /** alg "none" via jose UnsecuredJWT. */
  unsecured?: boolean;
}

export interface PlatformKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

export interface PlatformFaults {
  /** Answer GET /jwks with this status (and no keys). */
  jwksStatus?: number;
  /** Wait this long before answering GET /jwks. */
  jwksDelayMs?: number;
  /** Serve this raw body from GET /jwks instead of the key set (e.g. "not json"). */
  jwksBody?: string;
}

export type AuthorizeResult =
  | { ok: true; redirectUri: string; idToken: string; state: string | null; claims: Record<string, unknown> }
  | { ok: false; status: 400; error: string; description: string };

export type RecordedRoute = 'jwks' | 'auth' | 'token' | 'deep-link-return';

const ID_TOKEN_TTL_SECONDS = 300;

export class SimulatedPlatform {
  readonly issuer: string;
  readonly name: string;
  /** Stable per platform instance, like a real tenant's GUID. */
  readonly guid: string;
  readonly tool: ToolRegistration;
  readonly router: Router;

  users = new Map<string, SimUser>();
  courses = new Map<string, SimCourse>();
  resourceLinks = new Map<string, SimResourceLink>();

  calls: { route: RecordedRoute; at: number }[] = [];
  faults: PlatformFaults = {};
  /** Access tokens issued by POST /token (for later AGS/NRPS endpoints). */
  accessTokens = new Map<string, { scope: string; expiresAt: number }>();
  /** What arrived at /deep-link-return (verification comes with the deep linking issue). */
  deepLinkReturns: { jwt: string | null; at: number }[] = [];

  private readonly keys: PlatformKey[];
  private current: PlatformKey;
  private readonly hintSecret = crypto.randomBytes(32);

  private constructor(opts: SimulatedPlatformOptions, firstKey: PlatformKey) {
    this.issuer = opts.issuer.replace(/\/+$/, '');
    this.name = opts.name ?? 'Simulated LMS';
    this.guid = crypto.randomUUID();
    this.tool = opts.tool;
    this.keys = [firstKey];
    this.current = firstKey;
    for (const u of seedUsers()) this.users.set(u.sub, u);
    for (const c of seedCourses()) this.courses.set(c.id, c);
    for (const l of seedResourceLinks()) this.resourceLinks.set(l.id, l);
    this.router = createPlatformRouter(this);
  }

  static async create(opts: SimulatedPlatformOptions): Promise<SimulatedPlatform> {
    return new SimulatedPlatform(opts, await newKey());
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }
  get authUrl(): string {
    return `${this.issuer}/auth`;
  }
  get tokenUrl(): string {
    return `${this.issuer}/token`;
  }
  get deepLinkReturnUrl(): string {
    return `${this.issuer}/deep-link-return`;
  }
  /** kid that signIdToken uses by default. */
  get currentKid(): string {
    return this.current.kid;
  }

  countCalls(route: RecordedRoute): number {
    return this.calls.filter((c) => c.route === route).length;
  }

  resetCalls(): void {
    this.calls = [];
  }

  /** Used by the router; public so tests can record synthetic calls if they need to. */
  recordCall(route: RecordedRoute): void {
    this.calls.push({ route, at: Date.now() });
  }

  // ---- keys -------------------------------------------------------------------------

  /** The published key set: public members only, plus kid, alg and use. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => ({ ...k.publicJwk })) };
  }

  /** Publishes a new signing key and makes it current; older keys stay published. */
  async rotateKey(): Promise<string> {
    const key = await newKey();
    this.keys.push(key);
    this.current = key;
    return key.kid;
  }

  /** Removes a key from the JWKS (e.g. to test a tool noticing a retired key). */
  unpublishKey(kid: string): void {
    const i = this.keys.findIndex((k) => k.kid === kid);
    if (i === -1) return;
    if (this.keys[i] === this.current) throw new Error('Cannot unpublish the current key; rotateKey() first');
    this.keys.splice(i, 1);
  }

  /** A key pair that is NOT in the JWKS, for forged-signature tests. */
  async createUnpublishedKey(): Promise<{ kid: string; privateKey: KeyLike; publicJwk: JWK }> {
    const { kid, privateKey, publicJwk } = await newKey();
    return { kid, privateKey, publicJwk };
  }

  /** PEM of the current public key, for algorithm-confusion tests (HS256 keyed with it). */
  currentPublicKeyPem(): Promise<string> {
    return exportSPKI(this.current.publicKey);
  }

  // ---- launches ---------------------------------------------------------------------

  /** The parameters a platform sends to the tool's OIDC login initiation endpoint. */
  loginInitiationParams(opts: LaunchOptions): Record<string, string> {
    const hint = this.resolveLaunch(opts);
    return {
      iss: this.issuer,
      login_hint: hint.userSub,
      target_link_uri: hint.targetLinkUri,
      lti_message_hint: encodeMessageHint(hint, this.hintSecret),
      client_id: this.tool.clientId,
      lti_deployment_id: this.tool.deploymentId,
    };
  }

  loginInitiationUrl(opts: LoginInitiationOptions): string {
    const url = new URL(this.tool.loginUrl);
    for (const [k, v] of Object.entries(this.loginInitiationParams(opts))) url.searchParams.set(k, v);
    return url.toString();
  }

  /** A complete, valid LTI 1.3 id_token payload. Throws for unknown users or courses. */
  buildClaims(opts: ClaimOptions): Record<string, unknown> {
    return this.claimsFor(this.resolveLaunch(opts), opts.nonce);
  }

  async signIdToken(payload: object, opts: SignOptions = {}): Promise<string> {
    const claims = payload as JWTPayload;
    const useCurrentKid = opts.kid === undefined && !opts.privateKey && !opts.unsecured;
    const kid = useCurrentKid ? this.current.kid : (opts.kid ?? undefined);
    if (opts.unsecured) {
      const token = new UnsecuredJWT(claims).encode();
      if (!kid && !opts.header) return token;
      // UnsecuredJWT cannot take extra header fields, so re-encode its header segment.
      const header = { alg: 'none', ...(kid ? { kid } : {}), ...opts.header };
      return `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${token.split('.')[1]}.`;
    }
    const alg = opts.alg ?? 'RS256';
    if (alg.startsWith('HS') && !opts.privateKey) {
      throw new Error(`${alg} needs opts.privateKey (a shared secret as Uint8Array)`);
    }
    const header = { alg, typ: 'JWT', ...(kid ? { kid } : {}), ...opts.header } as JWTHeaderParameters;
    return new SignJWT(claims).setProtectedHeader(header).sign(opts.privateKey ?? this.current.privateKey);
  }

  /**
   * The OIDC authorization endpoint's decision, without HTTP (GET/POST /auth render it).
   * Errors are never sent to redirect_uri: a simulator should make tool bugs loud.
   */
  async authorize(params: Record<string, string | undefined>): Promise<AuthorizeResult> {
    const fail = (error: string, description: string): AuthorizeResult => ({ ok: false, status: 400, error, description });
    if (params.client_id !== this.tool.clientId) return fail('unauthorized_client', 'client_id is not registered');
    const redirectUri = params.redirect_uri;
    if (!redirectUri || !this.tool.redirectUris.includes(redirectUri)) {
      return fail('invalid_request', 'redirect_uri is not registered for this tool');
    }
    if (params.scope !== 'openid') return fail('invalid_scope', 'scope must be "openid"');
    if (params.response_type !== 'id_token') return fail('unsupported_response_type', 'response_type must be "id_token"');
    if (params.response_mode !== 'form_post') return fail('invalid_request', 'response_mode must be "form_post"');
    if (params.prompt !== 'none') return fail('invalid_request', 'prompt must be "none"');
    if (!params.nonce) return fail('invalid_request', 'nonce is required');
    const loginHint = params.login_hint;
    if (!loginHint || !this.users.has(loginHint)) return fail('login_required', 'login_hint is not a known user');
    if (!params.lti_message_hint) return fail('invalid_request', 'lti_message_hint is required (echo it from login initiation)');
    const hint = decodeMessageHint(params.lti_message_hint, this.hintSecret);
    if (!hint) return fail('invalid_request', 'lti_message_hint was not issued by this platform');
    if (hint.userSub !== loginHint) return fail('invalid_request', 'lti_message_hint belongs to another login_hint');
    if (hint.courseId !== null && !this.courses.has(hint.courseId)) return fail('invalid_request', 'course no longer exists');

    const claims = this.claimsFor(hint, params.nonce);
    const idToken = await this.signIdToken(claims);
    return { ok: true, redirectUri, idToken, state: params.state ?? null, claims };
  }

  // ---- internals --------------------------------------------------------------------

  private resolveLaunch(opts: LaunchOptions): MessageHint {
    if (!this.users.has(opts.userSub)) throw new Error(`Unknown user "${opts.userSub}"`);
    const courseId = opts.courseId === undefined ? DEFAULT_COURSE_ID : opts.courseId;
    if (courseId !== null && !this.courses.has(courseId)) throw new Error(`Unknown course "${courseId}"`);
    const messageType = opts.messageType ?? 'LtiResourceLinkRequest';
    const deepLinking = messageType === 'LtiDeepLinkingRequest';
    const resourceLinkId = deepLinking ? null : (opts.resourceLinkId ?? this.defaultLinkId(courseId));
    const targetLinkUri =
      opts.targetLinkUri ?? (deepLinking ? (this.tool.deepLinkUrl ?? this.tool.launchUrl) : this.tool.launchUrl);
    return { userSub: opts.userSub, courseId, messageType, resourceLinkId, targetLinkUri };
  }

  private defaultLinkId(courseId: string | null): string {
    for (const l of this.resourceLinks.values()) if (l.courseId === courseId) return l.id;
    return `rl-${courseId ?? 'home'}-trellis`;
  }

  private claimsFor(hint: MessageHint, nonce: string): Record<string, unknown> {
    const user = this.users.get(hint.userSub);
    if (!user) throw new Error(`Unknown user "${hint.userSub}"`);
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      aud: this.tool.clientId,
      azp: this.tool.clientId,
      sub: user.sub,
      iat: now,
      exp: now + ID_TOKEN_TTL_SECONDS,
      nonce,
    };
    // Platforms only send PII the privacy settings allow; omit what the user lacks.
    for (const field of ['name', 'given_name', 'family_name', 'email'] as const) {
      if (user[field]) claims[field] = user[field];
    }
    claims[CLAIM.messageType] = hint.messageType;
    claims[CLAIM.version] = LTI_VERSION;
    claims[CLAIM.deploymentId] = this.tool.deploymentId;
    claims[CLAIM.targetLinkUri] = hint.targetLinkUri;
    claims[CLAIM.roles] = [...user.roles];

    const course = hint.courseId === null ? undefined : this.courses.get(hint.courseId);
    if (course) {
      claims[CLAIM.context] = { id: course.id, label: course.label, title: course.title, type: [COURSE_OFFERING] };
    }
    if (hint.messageType === 'LtiResourceLinkRequest' && hint.resourceLinkId) {
      const link = this.resourceLinks.get(hint.resourceLinkId);
      claims[CLAIM.resourceLink] = { id: hint.resourceLinkId, title: link?.title ?? 'Trellis activity' };
    }
    claims[CLAIM.toolPlatform] = {
      guid: this.guid,
      name: this.name,
      product_family_code: 'trellis-simulated-lms',
      version: '1.0',
    };
    claims[CLAIM.launchPresentation] = { document_target: 'iframe', locale: 'en' };
    claims[CLAIM.custom] = {};
    if (user.menteeSubs?.length) {
      claims[CLAIM.roleScopeMentor] = [...user.menteeSubs];
    }
    if (hint.messageType === 'LtiDeepLinkingRequest') {
      claims[CLAIM.deepLinkingSettings] = {
        deep_link_return_url: this.deepLinkReturnUrl,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        accept_multiple: true,
        auto_create: true,
        // Opaque round-trip value the tool must echo in its response.
        data: crypto.randomUUID(),
      };
    }
    return claims;
  }
}

async function newKey(): Promise<PlatformKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = crypto.randomUUID();
  const jwk = await exportJWK(publicKey);
  // Keep only public RSA members, whatever exportJWK adds.
  const publicJwk: JWK = { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, publicJwk };
}
