// LTI Dynamic Registration 1.0, platform side: the openid-configuration a tool reads, the
// one-time registration_token, and the registration endpoint that validates the tool's
// client metadata and turns it into this platform's tool registration.
import crypto from 'node:crypto';
import {
  ALL_SCOPES,
  PLATFORM_CONFIGURATION,
  PRODUCT_FAMILY_CODE,
  PRODUCT_VERSION,
  TOOL_CONFIGURATION,
  type LtiMessageType,
} from '../lti-vocab';
import type { SimulatedPlatform } from '../simulated-platform';
import { SUPPORTED_VARIABLES } from '../variables';

export const MESSAGES_SUPPORTED: readonly LtiMessageType[] = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'];
const DEFAULT_TOKEN_TTL_MS = 60 * 60 * 1000;

export interface RegistrationRecord {
  at: number;
  ok: boolean;
  status: number;
  error?: string;
  reason?: string;
  /** Client metadata exactly as the tool posted it. */
  request: unknown;
  response?: Record<string, unknown>;
  clientId?: string;
  deploymentId?: string;
}

type Answer = { status: number; body: Record<string, unknown> };
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
function httpUrl(v: unknown): URL | null {
  try {
    const u = new URL(String(v));
    return typeof v === 'string' && (u.protocol === 'https:' || u.protocol === 'http:') ? u : null;
  } catch {
    return null;
  }
}

export class DynamicRegistration {
  readonly attempts: RegistrationRecord[] = [];
  private readonly tokens = new Map<string, { expiresAt: number; usedAt?: number; toolUrl: string }>();
  private seq = 0;

  constructor(private readonly p: SimulatedPlatform) {}

  /** The URL an admin's browser opens: the tool's registration URL plus our two parameters. */
  start(toolRegistrationUrl: string, ttlMs = DEFAULT_TOKEN_TTL_MS): string {
    const url = httpUrl(toolRegistrationUrl);
    if (!url) throw new Error(`not an http(s) URL: ${toolRegistrationUrl}`);
    const token = crypto.randomBytes(24).toString('base64url');
    this.tokens.set(token, { expiresAt: Date.now() + ttlMs, toolUrl: url.toString() });
    url.searchParams.set('openid_configuration', this.p.openidConfigurationUrl);
    url.searchParams.set('registration_token', token);
    return url.toString();
  }

  openidConfiguration(): Obj {
    const p = this.p;
    return {
      issuer: p.issuer,
      authorization_endpoint: p.authUrl,
      token_endpoint: p.tokenUrl,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256'],
      jwks_uri: p.jwksUrl,
      registration_endpoint: p.registrationUrl,
      scopes_supported: ['openid', ...ALL_SCOPES],
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['iss', 'aud', 'sub', 'iat', 'exp', 'nonce', 'azp', 'name', 'given_name', 'family_name', 'email'],
      [PLATFORM_CONFIGURATION]: {
        product_family_code: PRODUCT_FAMILY_CODE,
        version: PRODUCT_VERSION,
        messages_supported: MESSAGES_SUPPORTED.map((type) => ({ type })),
        variables: [...SUPPORTED_VARIABLES],
      },
    };
  }

  /** POST registration_endpoint. */
  register(authorization: string | undefined, body: unknown): Answer {
    const rec: RegistrationRecord = { at: Date.now(), ok: false, status: 400, request: body };
    this.attempts.push(rec);
    const fail = (status: number, error: string, reason: string): Answer => {
      Object.assign(rec, { status, error, reason });
      return { status, body: { error, error_description: reason } };
    };

    // Once tokens are handed out, registration needs one; an unused, unexpired one.
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const token = bearer === undefined ? undefined : this.tokens.get(bearer);
    if (this.tokens.size > 0) {
      if (!bearer) return fail(401, 'invalid_token', 'Authorization: Bearer <registration_token> is required');
      if (!token || token.expiresAt <= Date.now()) return fail(401, 'invalid_token', 'registration_token is unknown or expired');
      if (token.usedAt) return fail(401, 'invalid_token', 'registration_token was already used');
    }

    const checked = validateClientMetadata(body);
    if ('error' in checked) return fail(400, checked.error, checked.reason);
    const { meta, config } = checked;

    const clientId = `dr-client-${++this.seq}-${crypto.randomBytes(4).toString('hex')}`;
    const deploymentId = `dr-deployment-${this.seq}`;
    const requested = typeof meta.scope === 'string' ? meta.scope.split(/\s+/).filter(Boolean) : [];
    const granted = requested.filter((s) => ALL_SCOPES.includes(s));
    this.apply(meta, config, clientId, deploymentId, granted);
    if (token) token.usedAt = Date.now();

    const response: Obj = {
      client_id: clientId,
      application_type: meta.application_type,
      response_types: meta.response_types,
      grant_types: meta.grant_types,
      initiate_login_uri: meta.initiate_login_uri,
      redirect_uris: meta.redirect_uris,
      client_name: meta.client_name,
      jwks_uri: meta.jwks_uri,
      logo_uri: meta.logo_uri,
      token_endpoint_auth_method: meta.token_endpoint_auth_method,
      scope: granted.join(' '),
      [TOOL_CONFIGURATION]: { ...config, deployment_id: deploymentId },
    };
    for (const k of Object.keys(response)) if (response[k] === undefined) delete response[k];
    Object.assign(rec, { ok: true, status: 200, response, clientId, deploymentId });
    return { status: 200, body: response };
  }

  /** The platform now launches the newly registered tool with what it posted. */
  private apply(meta: Obj, config: Obj, clientId: string, deploymentId: string, scopes: string[]): void {
    const messages = (config.messages ?? []) as Obj[];
    const dl = messages.find((m) => m.type === 'LtiDeepLinkingRequest');
    const rl = messages.find((m) => m.type === 'LtiResourceLinkRequest');
    const tool = this.p.tool;
    Object.assign(tool, {
      clientId,
      deploymentId,
      loginUrl: meta.initiate_login_uri as string,
      launchUrl: ((rl?.target_link_uri as string | undefined) ?? config.target_link_uri) as string,
      redirectUris: [...(meta.redirect_uris as string[])],
      jwksUrl: meta.jwks_uri as string,
      scopes,
      domain: config.domain as string,
      customParameters: { ...(config.custom_parameters as Obj | undefined), ...(rl?.custom_parameters as Obj | undefined) },
    });
    if (typeof meta.client_name === 'string') tool.name = meta.client_name;
    if (isStrings(config.claims)) tool.claims = [...config.claims];
    else delete tool.claims;
    if (dl) tool.deepLinkUrl = (dl.target_link_uri as string | undefined) ?? (config.target_link_uri as string);
    else delete tool.deepLinkUrl;
    this.p.toolKeys.forget();
  }
}

type Checked = { meta: Obj; config: Obj } | { error: string; reason: string };

function validateClientMetadata(body: unknown): Checked {
  const bad = (reason: string, error = 'invalid_client_metadata'): Checked => ({ error, reason });
  if (!isObj(body)) return bad('body must be a JSON object (Content-Type: application/json)');
  if (body.application_type !== 'web') return bad('application_type must be "web"');
  if (!isStrings(body.response_types) || !body.response_types.includes('id_token')) return bad('response_types must include "id_token"');
  if (!isStrings(body.grant_types) || !['implicit', 'client_credentials'].every((g) => (body.grant_types as string[]).includes(g))) {
    return bad('grant_types must include "implicit" and "client_credentials"');
  }
  if (!httpUrl(body.initiate_login_uri)) return bad('initiate_login_uri must be an http(s) URL');
  if (!isStrings(body.redirect_uris) || !body.redirect_uris.length || !body.redirect_uris.every(httpUrl)) {
    return bad('redirect_uris must be a non-empty array of http(s) URLs', 'invalid_redirect_uri');
  }
  if (!httpUrl(body.jwks_uri)) return bad('jwks_uri must be an http(s) URL');
  if (body.token_endpoint_auth_method !== 'private_key_jwt') return bad('token_endpoint_auth_method must be "private_key_jwt"');
  if (body.scope !== undefined && typeof body.scope !== 'string') return bad('scope must be a space-separated string');
  if (body.client_name !== undefined && typeof body.client_name !== 'string') return bad('client_name must be a string');

  const config = body[TOOL_CONFIGURATION];
  if (!isObj(config)) return bad(`${TOOL_CONFIGURATION} is required`);
  if (typeof config.domain !== 'string' || !config.domain) return bad('tool configuration domain is required');
  if (config.secondary_domains !== undefined && !isStrings(config.secondary_domains)) return bad('secondary_domains must be an array of strings');
  if (!httpUrl(config.target_link_uri)) return bad('tool configuration target_link_uri must be an http(s) URL');
  if (config.claims !== undefined && !isStrings(config.claims)) return bad('claims must be an array of strings');
  if (config.custom_parameters !== undefined && !isStringMap(config.custom_parameters)) return bad('custom_parameters values must be strings');
  if (config.messages !== undefined && !Array.isArray(config.messages)) return bad('messages must be an array');
  for (const [i, m] of ((config.messages ?? []) as unknown[]).entries()) {
    if (!isObj(m)) return bad(`messages[${i}] must be an object`);
    if (!MESSAGES_SUPPORTED.includes(m.type as LtiMessageType)) return bad(`messages[${i}].type "${String(m.type)}" is not in messages_supported`);
    if (m.target_link_uri !== undefined && !httpUrl(m.target_link_uri)) return bad(`messages[${i}].target_link_uri must be an http(s) URL`);
    if (m.custom_parameters !== undefined && !isStringMap(m.custom_parameters)) return bad(`messages[${i}].custom_parameters values must be strings`);
  }

  // The tool's URLs must live on the domain it registers (OIDC redirect safety).
  const domains = [config.domain, ...((config.secondary_domains as string[] | undefined) ?? [])].map((d) => d.toLowerCase());
  const onDomain = (u: string) => {
    const url = httpUrl(u)!;
    return domains.some((d) => url.host === d || url.hostname === d || url.hostname.endsWith(`.${d}`));
  };
  const urls: [string, string][] = [
    ['initiate_login_uri', body.initiate_login_uri as string],
    ['target_link_uri', config.target_link_uri as string],
    ...(body.redirect_uris as string[]).map((u): [string, string] => ['redirect_uris', u]),
    ...((config.messages ?? []) as Obj[]).filter((m) => typeof m.target_link_uri === 'string').map((m): [string, string] => ['messages.target_link_uri', m.target_link_uri as string]),
  ];
  for (const [name, u] of urls) {
    if (!onDomain(u)) return bad(`${name} ${u} is not on the tool domain ${domains.join(', ')}`, name === 'redirect_uris' ? 'invalid_redirect_uri' : 'invalid_client_metadata');
  }
  return { meta: body, config };
}

function isStringMap(v: unknown): boolean {
  return isObj(v) && Object.values(v).every((x) => typeof x === 'string');
}
