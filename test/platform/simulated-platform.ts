// A simulated LTI 1.3 / LTI Advantage platform (Canvas/Moodle style) for integration tests,
// the launch benchmark and the built-in demo. It signs real RS256 id_tokens with jose, serves
// the OIDC endpoints, and runs the Advantage services (token, AGS, NRPS, deep linking return,
// dynamic registration) from services/; router.ts assembles the HTTP side.
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
import { CONTEXT_ROLE_PREFIX, ROLE, type LtiMessageType } from './lti-vocab';
import { launchClaims } from './claims';
import {
  DEFAULT_COURSE_ID,
  seedCourses,
  seedEnrollments,
  seedResourceLinks,
  seedUsers,
  type SimCourse,
  type SimResourceLink,
  type SimUser,
} from './seed';
import { createPlatformRouter } from './router';
import { FaultInjector, type FaultEndpoint, type FaultSpec } from './faults';
import { storageTargetFor, type PlatformStorageMode } from './platform-storage';
import type { PlatformEndpoint, RecordedRequest } from './recorder';
import { lineItemIdFromUrl } from './services/ags';
import { DeepLinking, type DeepLinkReturnRecord } from './services/deep-linking';
import { Gradebook, type LineItem, type LineItemInput, type ResultRecord, type ScoreRecord } from './services/gradebook';
import { DynamicRegistration, type RegistrationRecord } from './services/registration';
import { Roster, type Membership } from './services/roster';
import { TokenService, type AccessTokenRecord, type TokenRequestRecord } from './services/token';
import { ToolKeySet, type ToolJwksFetch } from './services/tool-jwks';

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
  /**
   * The tool's public JWKS URL. The platform fetches it (cached briefly, refetched on an
   * unknown kid) to verify client assertions at /token and deep linking responses.
   */
  jwksUrl?: string;
  /** Service scopes the tool may be granted (token endpoint and launch claims). Default: all. */
  scopes?: string[];
  /** Optional claims the tool asked for (Dynamic Registration); PII not listed is withheld. Default: all. */
  claims?: string[];
  /** Custom parameters for every launch; a resource link's own custom values win. */
  customParameters?: Record<string, string>;
  /** Tool domain (set by Dynamic Registration); deep-linked URLs must be on it. */
  domain?: string;
  /** client_name from Dynamic Registration. */
  name?: string;
}

export interface SimulatedPlatformOptions {
  /** e.g. "http://127.0.0.1:4000/lms"; mount `router` at the issuer's path. */
  issuer: string;
  tool: ToolRegistration;
  /** tool_platform.name and the demo page's brand. Default "Simulated LMS". */
  name?: string;
  /** expires_in of access tokens from /token. Default 3600. */
  accessTokenTtlSeconds?: number;
  /** How long a fetched tool JWKS is reused. Default 30. */
  toolJwksCacheSeconds?: number;
  /** Line item URLs carry `?type=lti` and scores answer 200 {resultUrl}. Default false. */
  canvasQuirks?: boolean;
  /** Accept scoreGiven > scoreMaximum (extra credit). Default false: 400. */
  allowScoreAboveMaximum?: boolean;
  /** Page size when a service call has no `limit`. Default 50. */
  defaultPageSize?: number;
  /** How many recent requests `requests` keeps. Default 5000. */
  requestLogLimit?: number;
  /**
   * LTI platform storage (1EdTech Client Side postMessages): login initiations carry
   * lti_storage_target and the course page answers lti.capabilities / lti.put_data /
   * lti.get_data. true (or '_parent'): the course page itself stores; 'frame': a hidden
   * frame named STORAGE_FRAME_NAME does. Default false (cookie-only tools see no change).
   */
  platformStorage?: PlatformStorageMode;
}

export interface LaunchOptions {
  userSub: string;
  /** Default "math-6"; null launches outside any course (no context claim). */
  courseId?: string | null;
  messageType?: LtiMessageType;
  /** Default: the course's first seeded link. Ignored for deep linking. */
  resourceLinkId?: string;
  targetLinkUri?: string;
  /** Platform storage for this login (lti_storage_target); default: the platform's `platformStorage`. */
  storage?: PlatformStorageMode;
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
  | {
      ok: true;
      redirectUri: string;
      idToken: string;
      state: string | null;
      claims: Record<string, unknown>;
      /** lti_storage_target from the authorization request, echoed in the form_post (as Canvas does). */
      storageTarget?: string;
    }
  | { ok: false; status: 400; error: string; description: string };

/** Per-route call counter keys (countCalls); also the `endpoint` of recorded requests. */
export type RecordedRoute = PlatformEndpoint;

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
  /** Legacy JWKS faults (status/delay/body); see injectFault for every endpoint. */
  faults: PlatformFaults = {};
  /** Every request received, in order: method, path, headers, body, status, fault. */
  readonly requests: RecordedRequest[] = [];

  accessTokenTtlSeconds: number;
  toolJwksCacheSeconds: number;
  canvasQuirks: boolean;
  allowScoreAboveMaximum: boolean;
  defaultPageSize: number;
  requestLogLimit: number;
  /** Platform storage for logins that do not choose (see SimulatedPlatformOptions). */
  platformStorage: PlatformStorageMode;

  readonly faultInjector = new FaultInjector();
  readonly toolKeys: ToolKeySet;
  readonly tokens: TokenService;
  readonly gradebook = new Gradebook();
  readonly roster = new Roster();
  readonly deepLinking: DeepLinking;
  readonly registration: DynamicRegistration;

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
    this.accessTokenTtlSeconds = opts.accessTokenTtlSeconds ?? 3600;
    this.toolJwksCacheSeconds = opts.toolJwksCacheSeconds ?? 30;
    this.canvasQuirks = opts.canvasQuirks ?? false;
    this.allowScoreAboveMaximum = opts.allowScoreAboveMaximum ?? false;
    this.defaultPageSize = opts.defaultPageSize ?? 50;
    this.requestLogLimit = opts.requestLogLimit ?? 5000;
    this.platformStorage = opts.platformStorage ?? false;
    this.toolKeys = new ToolKeySet(() => this.toolJwksCacheSeconds * 1000);
    this.tokens = new TokenService(this);
    this.deepLinking = new DeepLinking(this);
    this.registration = new DynamicRegistration(this);
    for (const u of seedUsers()) this.users.set(u.sub, u);
    for (const c of seedCourses()) this.courses.set(c.id, c);
    for (const l of seedResourceLinks()) this.resourceLinks.set(l.id, l);
    for (const e of seedEnrollments()) {
      const user = this.users.get(e.userSub);
      if (user) this.roster.seed(e.courseId, e.userSub, contextRoles(user));
    }
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
  get openidConfigurationUrl(): string {
    return `${this.issuer}/.well-known/openid-configuration`;
  }
  get registrationUrl(): string {
    return `${this.issuer}/register`;
  }
  /** Scheme + host of the issuer (paging links are absolute). */
  get origin(): string {
    return new URL(this.issuer).origin;
  }
  lineItemsUrl(courseId: string): string {
    return `${this.issuer}/api/courses/${encodeURIComponent(courseId)}/line_items`;
  }
  /** A line item's URL (its AGS `id`); `suffix` ("/scores", "/results") goes before any quirk query. */
  lineItemUrl(item: LineItem | string, suffix = ''): string {
    const li = typeof item === 'string' ? this.gradebook.get(item) : item;
    if (!li) throw new Error(`Unknown line item "${String(item)}"`);
    return `${this.lineItemsUrl(li.courseId)}/${li.id}${suffix}${this.canvasQuirks ? '?type=lti' : ''}`;
  }
  membershipsUrl(courseId: string): string {
    return `${this.issuer}/api/courses/${encodeURIComponent(courseId)}/memberships`;
  }
  /** The admin page that runs Dynamic Registration for a tool URL in an iframe. */
  adminRegisterUrl(toolRegistrationUrl: string): string {
    return `${this.issuer}/admin/register?url=${encodeURIComponent(toolRegistrationUrl)}`;
  }

  /** Access tokens issued by POST /token. */
  get accessTokens(): Map<string, AccessTokenRecord> {
    return this.tokens.accessTokens;
  }
  /** Every POST /token decision: jti, scopes requested/granted, outcome and reason. */
  get tokenRequests(): TokenRequestRecord[] {
    return this.tokens.requests;
  }
  /** Every score POST, accepted or rejected (with the reason and status). */
  get scores(): ScoreRecord[] {
    return this.gradebook.scores;
  }
  /** What arrived at /deep-link-return, verified or rejected (with the reason). */
  get deepLinkReturns(): DeepLinkReturnRecord[] {
    return this.deepLinking.returns;
  }
  /** Every POST to the registration endpoint. */
  get registrations(): RegistrationRecord[] {
    return this.registration.attempts;
  }
  /** Every fetch of the tool's JWKS. */
  get toolJwksFetches(): ToolJwksFetch[] {
    return this.toolKeys.fetches;
  }
  /** kid that signIdToken uses by default. */
  get currentKid(): string {
    return this.current.kid;
  }

  countCalls(route: RecordedRoute): number {
    return this.calls.filter((c) => c.route === route).length;
  }

  /** Clears the call counters and the request log. */
  resetCalls(): void {
    this.calls = [];
    this.requests.length = 0;
  }

  requestsTo(endpoint: PlatformEndpoint): RecordedRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  // ---- faults -----------------------------------------------------------------------

  /** Fail (or slow down) the next call(s) to an endpoint; see FaultSpec. Faults queue up. */
  injectFault(endpoint: FaultEndpoint, spec: FaultSpec): void {
    this.faultInjector.inject(endpoint, spec);
  }

  clearFaults(endpoint?: FaultEndpoint): void {
    this.faultInjector.clear(endpoint);
  }

  /** Invalidates every access token issued so far (services answer 401 invalid_token). */
  expireTokens(): void {
    this.tokens.expireAll();
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

  // ---- gradebook (AGS) --------------------------------------------------------------

  /** A platform-created line item (e.g. a gradebook column declared for a resource link). */
  createLineItem(courseId: string, input: LineItemInput): LineItem {
    if (!this.courses.has(courseId)) throw new Error(`Unknown course "${courseId}"`);
    return this.gradebook.create(courseId, input);
  }

  lineItemsIn(courseId: string): LineItem[] {
    return this.gradebook.list(courseId);
  }

  /** Looks a line item up by its URL (query string and /scores or /results suffix ignored). */
  findLineItem(url: string): LineItem | undefined {
    const id = lineItemIdFromUrl(url);
    return id === null ? undefined : this.gradebook.get(id);
  }

  resultsFor(lineItemUrl: string): ResultRecord[] {
    return this.gradebook.results(this.requireLineItem(lineItemUrl).id);
  }

  /** A teacher overriding a grade in the gradebook (points out of the line item's maximum). */
  overrideResult(lineItemUrl: string, userSub: string, score: number, opts: { comment?: string } = {}): ResultRecord {
    if (!this.users.has(userSub)) throw new Error(`Unknown user "${userSub}"`);
    return this.gradebook.override(this.requireLineItem(lineItemUrl), userSub, score, opts.comment);
  }

  // ---- roster (NRPS) ----------------------------------------------------------------

  /** Enrols a user (a known sub, or a new SimUser that is added to `users`). Counts as a change. */
  addMember(courseId: string, user: string | SimUser, roles?: string[]): Membership {
    if (!this.courses.has(courseId)) throw new Error(`Unknown course "${courseId}"`);
    const u = typeof user === 'string' ? this.users.get(user) : user;
    if (!u) throw new Error(`Unknown user "${String(user)}"`);
    this.users.set(u.sub, u);
    return this.roster.add(courseId, u.sub, roles ?? contextRoles(u));
  }

  /** The member leaves the course: differences report status Deleted; full syncs omit them. */
  removeMember(courseId: string, userSub: string): Membership {
    return this.roster.setStatus(courseId, userSub, 'Deleted');
  }

  deactivateMember(courseId: string, userSub: string): Membership {
    return this.roster.setStatus(courseId, userSub, 'Inactive');
  }

  reactivateMember(courseId: string, userSub: string): Membership {
    return this.roster.setStatus(courseId, userSub, 'Active');
  }

  setMemberRoles(courseId: string, userSub: string, roles: string[]): Membership {
    return this.roster.setRoles(courseId, userSub, roles);
  }

  /** Active and Inactive members of a course. */
  members(courseId: string): Membership[] {
    return this.roster.current(courseId);
  }

  // ---- dynamic registration ---------------------------------------------------------

  /**
   * Issues a one-time registration_token and returns the URL the admin's browser opens:
   * the tool's registration URL with openid_configuration and registration_token added.
   */
  startDynamicRegistration(toolRegistrationUrl: string, opts: { ttlMs?: number } = {}): string {
    return this.registration.start(toolRegistrationUrl, opts.ttlMs);
  }

  // ---- used by the services ---------------------------------------------------------

  /** Whether the tool may receive this optional claim (Dynamic Registration `claims`). */
  mayShare(claim: string): boolean {
    return !this.tool.claims || this.tool.claims.includes(claim);
  }

  /** Hostnames a deep-linked URL may point at. */
  toolHostnames(): string[] {
    const t = this.tool;
    const hosts = [t.launchUrl, t.loginUrl, t.deepLinkUrl].filter((u): u is string => !!u).map((u) => new URL(u).hostname);
    if (t.domain) hosts.push(t.domain.split(':')[0]!);
    return hosts;
  }

  // ---- launches ---------------------------------------------------------------------

  /** The parameters a platform sends to the tool's OIDC login initiation endpoint. */
  loginInitiationParams(opts: LaunchOptions): Record<string, string> {
    const hint = this.resolveLaunch(opts);
    const params: Record<string, string> = {
      iss: this.issuer,
      login_hint: hint.userSub,
      target_link_uri: hint.targetLinkUri,
      lti_message_hint: encodeMessageHint(hint, this.hintSecret),
      client_id: this.tool.clientId,
      lti_deployment_id: this.tool.deploymentId,
    };
    const storageTarget = storageTargetFor(opts.storage ?? this.platformStorage);
    if (storageTarget) params.lti_storage_target = storageTarget;
    return params;
  }

  /** Origin the tool's pages run on: the only origin the course page answers postMessages from. */
  get toolOrigin(): string {
    return new URL(this.tool.launchUrl).origin;
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
    const result: AuthorizeResult = { ok: true, redirectUri, idToken, state: params.state ?? null, claims };
    if (params.lti_storage_target) result.storageTarget = params.lti_storage_target;
    return result;
  }

  // ---- internals --------------------------------------------------------------------

  private resolveLaunch(opts: LaunchOptions): MessageHint {
    if (!this.users.has(opts.userSub)) throw new Error(`Unknown user "${opts.userSub}"`);
    const courseId = opts.courseId === undefined ? DEFAULT_COURSE_ID : opts.courseId;
    if (courseId !== null && !this.courses.has(courseId)) throw new Error(`Unknown course "${courseId}"`);
    const messageType = opts.messageType ?? 'LtiResourceLinkRequest';
    const deepLinking = messageType === 'LtiDeepLinkingRequest';
    const resourceLinkId = deepLinking ? null : (opts.resourceLinkId ?? this.defaultLinkId(courseId));
    const linkUrl = resourceLinkId ? this.resourceLinks.get(resourceLinkId)?.url : undefined;
    const targetLinkUri =
      opts.targetLinkUri ?? (deepLinking ? (this.tool.deepLinkUrl ?? this.tool.launchUrl) : (linkUrl ?? this.tool.launchUrl));
    return { userSub: opts.userSub, courseId, messageType, resourceLinkId, targetLinkUri };
  }

  private defaultLinkId(courseId: string | null): string {
    for (const l of this.resourceLinks.values()) if (l.courseId === courseId) return l.id;
    return `rl-${courseId ?? 'home'}-trellis`;
  }

  private claimsFor(hint: MessageHint, nonce: string): Record<string, unknown> {
    return launchClaims(this, hint, nonce, ID_TOKEN_TTL_SECONDS);
  }

  private requireLineItem(url: string): LineItem {
    const li = this.findLineItem(url);
    if (!li) throw new Error(`Unknown line item "${url}"`);
    return li;
  }
}

/** NRPS reports context roles; a user with only institution roles is enrolled as a Learner. */
function contextRoles(user: SimUser): string[] {
  const roles = user.roles.filter((r) => r.startsWith(CONTEXT_ROLE_PREFIX));
  return roles.length ? roles : [ROLE.learner];
}

async function newKey(): Promise<PlatformKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = crypto.randomUUID();
  const jwk = await exportJWK(publicKey);
  // Keep only public RSA members, whatever exportJWK adds.
  const publicJwk: JWK = { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, publicJwk };
}
