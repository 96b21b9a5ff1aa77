// LTI 1.3 id_token claims, parsed once at the edge. After validation the rest of Trellis
// sees a typed LaunchContext, never these raw URIs.
import { z } from 'zod';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  toolPlatform: `${LTI}tool_platform`,
  launchPresentation: `${LTI}launch_presentation`,
  custom: `${LTI}custom`,
  roleScopeMentor: `${LTI}role_scope_mentor`,
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrpsService: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
} as const;

/** Short names used in error messages, so a person can tell which claim was wrong. */
export const CLAIM_SHORT_NAME: Record<string, string> = Object.fromEntries(
  Object.entries(CLAIM).map(([, uri]) => [uri, uri.replace(/^.*\/claim\//, '')]),
);

const id255 = z.string().min(1).max(255);
const optionalText = z.string().max(1000).optional();

const common = {
  iss: z.string().min(1),
  sub: id255.optional(),
  name: optionalText,
  given_name: optionalText,
  family_name: optionalText,
  email: z.string().max(320).optional(),
  [CLAIM.version]: z.literal('1.3.0'),
  [CLAIM.deploymentId]: id255,
  [CLAIM.targetLinkUri]: z.url(),
  [CLAIM.roles]: z.array(z.string().max(1000)).max(100),
  [CLAIM.context]: z
    .object({ id: id255, label: optionalText, title: optionalText, type: z.array(z.string()).optional() })
    .optional(),
  [CLAIM.launchPresentation]: z
    .object({ locale: z.string().max(35).optional(), document_target: z.string().optional(), return_url: z.string().optional() })
    .optional(),
  [CLAIM.roleScopeMentor]: z.array(id255).max(100).optional(),
  [CLAIM.toolPlatform]: z.object({ guid: z.string().optional(), name: z.string().optional() }).optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
  [CLAIM.agsEndpoint]: z
    .object({ scope: z.array(z.string()).default([]), lineitems: z.url().optional(), lineitem: z.url().optional() })
    .optional(),
  [CLAIM.nrpsService]: z.object({ context_memberships_url: z.url(), service_versions: z.array(z.string()).optional() }).optional(),
};

const ResourceLinkClaims = z.object({
  ...common,
  [CLAIM.messageType]: z.literal('LtiResourceLinkRequest'),
  // A resource-link launch must say who is launching.
  sub: id255,
  [CLAIM.resourceLink]: z.object({ id: id255, title: optionalText }),
});

const DeepLinkingClaims = z.object({
  ...common,
  [CLAIM.messageType]: z.literal('LtiDeepLinkingRequest'),
  [CLAIM.deepLinkingSettings]: z.object({
    deep_link_return_url: z.url(),
    accept_types: z.array(z.string()).min(1),
    accept_presentation_document_targets: z.array(z.string()).min(1),
    accept_multiple: z.boolean().optional(),
    auto_create: z.boolean().optional(),
    title: z.string().optional(),
    text: z.string().optional(),
    data: z.string().optional(),
  }),
});

export const MESSAGE_TYPES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;
export const LaunchClaims = z.discriminatedUnion(CLAIM.messageType, [ResourceLinkClaims, DeepLinkingClaims]);
export type LaunchClaims = z.infer<typeof LaunchClaims>;
export type ResourceLinkClaims = z.infer<typeof ResourceLinkClaims>;
export type DeepLinkingClaims = z.infer<typeof DeepLinkingClaims>;

/**
 * Parses claims; on failure names the first offending claim and whether it was missing.
 */
export function parseLaunchClaims(
  payload: unknown,
): { ok: true; claims: LaunchClaims } | { ok: false; claim: string; problem: 'missing' | 'invalid' } {
  const result = LaunchClaims.safeParse(payload);
  if (result.success) return { ok: true, claims: result.data };
  const issue = result.error.issues[0]!;
  const top = String(issue.path[0] ?? CLAIM.messageType);
  const claim = CLAIM_SHORT_NAME[top] ?? top;
  const value = (payload as Record<string, unknown>)[top];
  const missing = value === undefined || (issue.path.length > 1 && issue.code === 'invalid_type' && issue.input === undefined);
  return { ok: false, claim: issue.path.length > 1 ? `${claim}.${issue.path.slice(1).join('.')}` : claim, problem: missing ? 'missing' : 'invalid' };
}

export const isResourceLinkLaunch = (c: LaunchClaims): c is ResourceLinkClaims =>
  c[CLAIM.messageType] === 'LtiResourceLinkRequest';

/** The resource_link claim of a resource-link launch; undefined for deep linking. */
export const resourceLinkOf = (c: LaunchClaims) => (isResourceLinkLaunch(c) ? c[CLAIM.resourceLink] : undefined);

/** The deep_linking_settings of a deep-linking launch; undefined otherwise. */
export const deepLinkingSettingsOf = (c: LaunchClaims) => (isResourceLinkLaunch(c) ? undefined : c[CLAIM.deepLinkingSettings]);
export type DeepLinkingSettings = NonNullable<ReturnType<typeof deepLinkingSettingsOf>>;
