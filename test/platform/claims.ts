// The id_token claims of a launch: LTI core claims, plus the Advantage service claims (AGS
// endpoint, NRPS) and deep linking settings. Kept apart from the platform class for size.
import type { MessageHint } from './message-hint';
import { AGS_SCOPES, ALL_SCOPES, CLAIM, COURSE_OFFERING, LTI_VERSION, PRODUCT_FAMILY_CODE, PRODUCT_VERSION, SCOPE } from './lti-vocab';
import { ACCEPT_TYPES } from './services/deep-linking';
import type { SimulatedPlatform } from './simulated-platform';
import { substituteVariables } from './variables';

export function launchClaims(p: SimulatedPlatform, hint: MessageHint, nonce: string, ttlSeconds: number): Record<string, unknown> {
  const user = p.users.get(hint.userSub);
  if (!user) throw new Error(`Unknown user "${hint.userSub}"`);
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: p.issuer,
    aud: p.tool.clientId,
    azp: p.tool.clientId,
    sub: user.sub,
    iat: now,
    exp: now + ttlSeconds,
    nonce,
  };
  // Platforms only send PII the privacy settings allow; omit what the user lacks.
  for (const field of ['name', 'given_name', 'family_name', 'email'] as const) {
    if (user[field] && p.mayShare(field)) claims[field] = user[field];
  }
  claims[CLAIM.messageType] = hint.messageType;
  claims[CLAIM.version] = LTI_VERSION;
  claims[CLAIM.deploymentId] = p.tool.deploymentId;
  claims[CLAIM.targetLinkUri] = hint.targetLinkUri;
  claims[CLAIM.roles] = [...user.roles];

  const course = hint.courseId === null ? undefined : p.courses.get(hint.courseId);
  if (course) {
    claims[CLAIM.context] = { id: course.id, label: course.label, title: course.title, type: [COURSE_OFFERING] };
  }
  const link =
    hint.messageType === 'LtiResourceLinkRequest' && hint.resourceLinkId ? p.resourceLinks.get(hint.resourceLinkId) : undefined;
  if (hint.messageType === 'LtiResourceLinkRequest' && hint.resourceLinkId) {
    claims[CLAIM.resourceLink] = { id: hint.resourceLinkId, title: link?.title ?? 'Trellis activity' };
  }
  claims[CLAIM.toolPlatform] = {
    guid: p.guid,
    name: p.name,
    product_family_code: PRODUCT_FAMILY_CODE,
    version: PRODUCT_VERSION,
  };
  claims[CLAIM.launchPresentation] = { document_target: 'iframe', locale: 'en' };
  claims[CLAIM.custom] = substituteVariables({ ...p.tool.customParameters, ...link?.custom }, { user, course, link });
  if (course) Object.assign(claims, serviceClaims(p, course.id, hint.messageType === 'LtiResourceLinkRequest' ? hint.resourceLinkId : null));
  if (user.menteeSubs?.length) {
    claims[CLAIM.roleScopeMentor] = [...user.menteeSubs];
  }
  if (hint.messageType === 'LtiDeepLinkingRequest') {
    claims[CLAIM.deepLinkingSettings] = {
      deep_link_return_url: p.deepLinkReturnUrl,
      accept_types: [...ACCEPT_TYPES],
      accept_presentation_document_targets: ['iframe', 'window'],
      accept_multiple: true,
      auto_create: true,
      // Opaque round-trip value the tool must echo in its response (checked at the return).
      data: p.deepLinking.issueData(hint.courseId, user.sub),
    };
  }
  return claims;
}

/** AGS and NRPS endpoint claims, limited to the scopes the tool may be granted. */
function serviceClaims(p: SimulatedPlatform, courseId: string, resourceLinkId: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const scopes = p.tool.scopes ?? ALL_SCOPES;
  const ags = AGS_SCOPES.filter((s) => scopes.includes(s));
  if (ags.length) {
    const endpoint: Record<string, unknown> = { scope: ags, lineitems: p.lineItemsUrl(courseId) };
    // `lineitem` only when exactly one line item belongs to the launched link.
    const own = resourceLinkId ? p.gradebook.list(courseId, { resourceLinkId }) : [];
    if (own.length === 1) endpoint.lineitem = p.lineItemUrl(own[0]!);
    out[CLAIM.agsEndpoint] = endpoint;
  }
  if (scopes.includes(SCOPE.contextMembershipReadonly)) {
    out[CLAIM.nrps] = { context_memberships_url: p.membershipsUrl(courseId), service_versions: ['2.0'] };
  }
  return out;
}
