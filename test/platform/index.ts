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
export { CLAIM, COURSE_OFFERING, LTI_VERSION, ROLE, type LtiMessageType } from './lti-vocab';
export { renderCoursePage, TOOL_FRAME_NAME, type CoursePageModel, type DemoLaunchLink } from './demo-page';
