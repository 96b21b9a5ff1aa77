// The simulated LMS platform used by integration tests, the launch benchmark and the demo.
export {
  SimulatedPlatform,
  type AuthorizeResult,
  type ClaimOptions,
  type LaunchOptions,
  type LoginInitiationOptions,
  type PlatformFaults,
  type PlatformKey,
  type RecordedRoute,
  type SignOptions,
  type SimulatedPlatformOptions,
  type ToolRegistration,
} from './simulated-platform';
export { DEFAULT_COURSE_ID, DEMO_PERSONAS, type DemoPersona, type SimCourse, type SimResourceLink, type SimUser } from './seed';
export {
  ACTIVITY_PROGRESS,
  AGS_SCOPES,
  ALL_SCOPES,
  CANVAS_SUBMISSION_EXT,
  CLAIM,
  COURSE_OFFERING,
  GRADING_PROGRESS,
  LTI_VERSION,
  MEDIA_TYPE,
  PLATFORM_CONFIGURATION,
  ROLE,
  SCOPE,
  TOOL_CONFIGURATION,
  type LtiMessageType,
} from './lti-vocab';
export { renderCoursePage, TOOL_FRAME_NAME, type CoursePageModel, type DemoLaunchLink } from './demo-page';
export { platformStorageScript, renderStorageFramePage, STORAGE_FRAME_NAME, storageTargetFor, type PlatformStorageMode } from './platform-storage';
export { REGISTRATION_FRAME_NAME } from './registration-page';
export type { FaultEndpoint, FaultSpec, AppliedFault } from './faults';
export type { PlatformEndpoint, RecordedRequest } from './recorder';
export type { AccessTokenRecord, TokenRequestRecord } from './services/token';
export type { LineItem, LineItemInput, ResultRecord, ScoreRecord } from './services/gradebook';
export type { Membership, MemberStatus } from './services/roster';
export type { DeepLinkReturnRecord } from './services/deep-linking';
export type { RegistrationRecord } from './services/registration';
export type { ToolJwksFetch } from './services/tool-jwks';
export { JWT_BEARER } from './services/token';
export { SUPPORTED_VARIABLES } from './variables';
