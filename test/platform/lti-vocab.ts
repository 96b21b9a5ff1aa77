// LTI 1.3 / LIS vocabulary the simulated platform puts into id_tokens.
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
} as const;

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

export const COURSE_OFFERING = 'http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering';

export type LtiMessageType = 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
