// LTI Dynamic Registration 1.0, tool side. The LMS opens /lti/register with
// openid_configuration and registration_token; Trellis reads the platform's configuration,
// posts its own client registration, and stores the platform (pending an admin's approval
// when DYNAMIC_REGISTRATION_APPROVAL is on).
import { z } from 'zod';
import { AppError } from '../http/errors';
import { AGS_SCOPE } from './services/ags';
import { NRPS_SCOPE } from './services/nrps';
import type { PlatformRecord, PlatformRegistry } from './platform-registry';

const PlatformConfiguration = z.object({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  registration_endpoint: z.url(),
  authorization_server: z.string().optional(),
  scopes_supported: z.array(z.string()).default([]),
  id_token_signing_alg_values_supported: z.array(z.string()).default(['RS256']),
  'https://purl.imsglobal.org/spec/lti-platform-configuration': z
    .object({ product_family_code: z.string().optional(), version: z.string().optional() })
    .optional(),
});

const RegistrationResponse = z.object({
  client_id: z.string().min(1).max(255),
  'https://purl.imsglobal.org/spec/lti-tool-configuration': z.object({ deployment_id: z.string().min(1).max(255).optional() }).optional(),
});

const SERVICE_SCOPES = [AGS_SCOPE.lineItem, AGS_SCOPE.resultReadOnly, AGS_SCOPE.score, NRPS_SCOPE];
const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

/** What Trellis asks the LMS for: launches, deep linking, grades and roster. */
export function toolRegistrationBody(publicUrl: string, platformScopes: string[]) {
  const launch = `${publicUrl}/lti/launch`;
  const supported = new Set(platformScopes);
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${publicUrl}/lti/login`,
    redirect_uris: [launch],
    client_name: 'Trellis',
    jwks_uri: `${publicUrl}/lti/jwks`,
    token_endpoint_auth_method: 'private_key_jwt',
    // Ask only for what the platform says it offers; an LMS may refuse unknown scopes.
    scope: SERVICE_SCOPES.filter((s) => supported.size === 0 || supported.has(s)).join(' '),
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
      domain: new URL(publicUrl).host,
      target_link_uri: launch,
      description: 'Personalized practice for students, insights for teachers, progress for families.',
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [
        { type: 'LtiResourceLinkRequest', target_link_uri: launch, label: 'Trellis', placements: ['course_navigation'] },
        {
          type: 'LtiDeepLinkingRequest',
          target_link_uri: launch,
          label: 'Trellis practice',
          placements: ['assignment_selection', 'link_selection'],
          roles: [`${MEMBERSHIP}Instructor`, `${MEMBERSHIP}ContentDeveloper`],
        },
        // Parents and mentors open their child's progress from the course too.
        { type: 'LtiResourceLinkRequest', target_link_uri: launch, label: 'Trellis for families', roles: [`${MEMBERSHIP}Mentor`] },
      ],
    },
  };
}

async function fetchJson(url: string, init: RequestInit, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new AppError('registration_unreachable', 502, 'registration.unreachable', `${what}: ${(err as Error).message}`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new AppError('registration_refused', 502, 'registration.refused', `${what}: HTTP ${res.status} ${JSON.stringify(body)?.slice(0, 200)}`);
  return body;
}

export async function registerDynamically(opts: {
  registry: PlatformRegistry;
  publicUrl: string;
  openidConfigurationUrl: unknown;
  registrationToken: unknown;
  requireApproval: boolean;
}): Promise<{ platform: PlatformRecord; deploymentId: string | null; platformName: string }> {
  if (typeof opts.openidConfigurationUrl !== 'string' || !URL.canParse(opts.openidConfigurationUrl)) {
    throw new AppError('registration_bad_request', 400, 'registration.badRequest', 'openid_configuration is missing or not a URL');
  }
  const token = typeof opts.registrationToken === 'string' && opts.registrationToken ? opts.registrationToken : null;
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

  const raw = await fetchJson(opts.openidConfigurationUrl, { headers: { accept: 'application/json', ...auth } }, 'openid configuration');
  const parsed = PlatformConfiguration.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('registration_bad_configuration', 502, 'registration.badConfiguration', parsed.error.issues[0]?.path.join('.'));
  }
  const config = parsed.data;
  // The configuration must come from the issuer it names (LTI DR §3.5.1).
  if (new URL(opts.openidConfigurationUrl).origin !== new URL(config.issuer).origin) {
    throw new AppError('registration_issuer_mismatch', 502, 'registration.badConfiguration', 'issuer does not match the configuration URL');
  }
  if (!config.id_token_signing_alg_values_supported.includes('RS256')) {
    throw new AppError('registration_bad_configuration', 502, 'registration.badConfiguration', 'platform does not sign with RS256');
  }

  const response = RegistrationResponse.safeParse(
    await fetchJson(
      config.registration_endpoint,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...auth },
        body: JSON.stringify(toolRegistrationBody(opts.publicUrl, config.scopes_supported)),
      },
      'registration',
    ),
  );
  if (!response.success) throw new AppError('registration_refused', 502, 'registration.refused', 'no client_id in the response');
  const deploymentId = response.data['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id ?? null;
  const platformName = config['https://purl.imsglobal.org/spec/lti-platform-configuration']?.product_family_code ?? new URL(config.issuer).host;

  const platform = await opts.registry.register({
    issuer: config.issuer,
    clientId: response.data.client_id,
    name: platformName,
    authLoginUrl: config.authorization_endpoint,
    authTokenUrl: config.token_endpoint,
    jwksUrl: config.jwks_uri,
    authServer: config.authorization_server ?? null,
    deploymentIds: deploymentId ? [deploymentId] : [],
    registeredVia: 'dynamic',
    // Without a deployment id now, the first signed launch of each install names it.
    acceptNewDeployments: !deploymentId,
    status: opts.requireApproval ? 'pending' : 'active',
  });
  return { platform, deploymentId, platformName };
}
