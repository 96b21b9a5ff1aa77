// LTI 1.3 / LTI Advantage / LIS vocabulary the simulated platform speaks.
// Spelled out once so tests and the simulator cannot drift apart.

export const LTI_VERSION = '1.3.0';

const claimBase = 'https://purl.imsglobal.org/spec/lti/claim/';
export const CLAIM = {
  messageType: `${claimBase}message_type`,
  version: `${claimBase}version`,
  deploymentId: `${claimBase}deployment_id`,
  targetLinkUri: `${claimBase}target_link_uri`,
  resourceLink: `${claimBase}resource_link`,
  roles: `${claimBase}roles`,
  context: `${claimBase}context`,
  toolPlatform: `${claimBase}tool_platform`,
  launchPresentation: `${claimBase}launch_presentation`,
  custom: `${claimBase}custom`,
  roleScopeMentor: `${claimBase}role_scope_mentor`,
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  /** AGS 2.0 service claim: scope[], lineitems, lineitem. */
  agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  /** NRPS 2.0 service claim: context_memberships_url, service_versions. */
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  // Deep linking response (tool → platform).
  dlContentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  dlData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  dlMsg: 'https://purl.imsglobal.org/spec/lti-dl/claim/msg',
  dlLog: 'https://purl.imsglobal.org/spec/lti-dl/claim/log',
  dlErrorMsg: 'https://purl.imsglobal.org/spec/lti-dl/claim/errormsg',
  dlErrorLog: 'https://purl.imsglobal.org/spec/lti-dl/claim/errorlog',
} as const;

const agsScope = 'https://purl.imsglobal.org/spec/lti-ags/scope/';
export const SCOPE = {
  lineItem: `${agsScope}lineitem`,
  lineItemReadonly: `${agsScope}lineitem.readonly`,
  resultReadonly: `${agsScope}result.readonly`,
  score: `${agsScope}score`,
  contextMembershipReadonly: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/** Every service scope the platform can grant (tool registrations default to all of them). */
export const ALL_SCOPES: readonly string[] = Object.values(SCOPE);
export const AGS_SCOPES: readonly string[] = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score];

export const MEDIA_TYPE = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  resultContainer: 'application/vnd.ims.lis.v2.resultcontainer+json',
  membershipContainer: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
} as const;

/** Canvas's score extension (submittedAt, new_submission, …). */
export const CANVAS_SUBMISSION_EXT = 'https://canvas.instructure.com/lti/submission';

/** LTI Dynamic Registration 1.0 configuration objects. */
export const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
export const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration';

/** tool_platform claim and openid-configuration identify the product the same way. */
export const PRODUCT_FAMILY_CODE = 'trellis-simulated-lms';
export const PRODUCT_VERSION = '1.0';

export const ACTIVITY_PROGRESS = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'] as const;
export const GRADING_PROGRESS = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'] as const;

const membership = 'http://purl.imsglobal.org/vocab/lis/v2/membership';
const institution = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person';
export const ROLE = {
  learner: `${membership}#Learner`,
  instructor: `${membership}#Instructor`,
  teachingAssistant: `${membership}/Instructor#TeachingAssistant`,
  mentor: `${membership}#Mentor`,
  contextAdministrator: `${membership}#Administrator`,
  institutionAdministrator: `${institution}#Administrator`,
  institutionStudent: `${institution}#Student`,
  institutionFaculty: `${institution}#Faculty`,
} as const;

/** Context (course membership) roles start with this; institution roles do not. */
export const CONTEXT_ROLE_PREFIX = membership;

export const COURSE_OFFERING = 'http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering';

export type LtiMessageType = 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
