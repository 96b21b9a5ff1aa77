// Demo data: one Grade 6 Math course and one person per role Trellis cares about.
import { ROLE, type LtiMessageType } from './lti-vocab';

export interface SimUser {
  sub: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
  roles: string[];
  /** Mentors only: the `sub`s sent in role_scope_mentor. */
  menteeSubs?: string[];
}

export interface SimCourse {
  id: string;
  title: string;
  label: string;
}

export interface SimResourceLink {
  id: string;
  courseId: string;
  title: string;
  /** target_link_uri for launches of this link (deep-linked content); default the tool's launchUrl. */
  url?: string;
  /** Sent in the custom claim, after $Variable substitution. */
  custom?: Record<string, string>;
  /** Only these users can see the link (NRPS `rlid` filter); default every course member. */
  memberSubs?: string[];
}

export const DEFAULT_COURSE_ID = 'math-6';

export function seedCourses(): SimCourse[] {
  return [{ id: DEFAULT_COURSE_ID, title: 'Grade 6 Math', label: 'MATH6' }];
}

export function seedResourceLinks(): SimResourceLink[] {
  return [
    { id: 'rl-math6-fractions', courseId: DEFAULT_COURSE_ID, title: 'Fractions practice' },
    { id: 'rl-math6-ratios', courseId: DEFAULT_COURSE_ID, title: 'Ratios and rates practice' },
  ];
}

function person(sub: string, given: string, family: string, email: string | undefined, roles: string[]): SimUser {
  const user: SimUser = { sub, name: `${given} ${family}`, given_name: given, family_name: family, roles };
  if (email) user.email = email;
  return user;
}

export function seedUsers(): SimUser[] {
  return [
    person('stu-ana', 'Ana', 'Lopez', 'ana.lopez@students.example.edu', [ROLE.learner, ROLE.institutionStudent]),
    // No email: platforms often withhold it, and Trellis must cope.
    person('stu-ben', 'Ben', 'Okafor', undefined, [ROLE.learner, ROLE.institutionStudent]),
    // Anonymous launch (privacy setting "anonymous"): no name, no email.
    { sub: 'stu-anon', roles: [ROLE.learner] },
    person('tch-kim', 'Grace', 'Kim', 'grace.kim@example.edu', [ROLE.instructor, ROLE.institutionFaculty]),
    // Sub-roles travel with their principal role, as the LTI spec recommends.
    person('ta-diaz', 'Luis', 'Diaz', 'luis.diaz@example.edu', [ROLE.instructor, ROLE.teachingAssistant]),
    { ...person('par-lopez', 'Maria', 'Lopez', 'maria.lopez@example.com', [ROLE.mentor]), menteeSubs: ['stu-ana'] },
    person('adm-rivera', 'Sam', 'Rivera', 'sam.rivera@example.edu', [ROLE.institutionAdministrator]),
  ];
}

/** Course rosters for NRPS: everyone above except the institution admin sits in Grade 6 Math. */
export function seedEnrollments(): { courseId: string; userSub: string }[] {
  return ['stu-ana', 'stu-ben', 'stu-anon', 'tch-kim', 'ta-diaz', 'par-lopez'].map((userSub) => ({
    courseId: DEFAULT_COURSE_ID,
    userSub,
  }));
}

/** Personas on the demo course page; `as` is the key for GET /launch?as=… */
export interface DemoPersona {
  as: string;
  userSub: string;
  role: string;
  messageType: LtiMessageType;
}

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  { as: 'student', userSub: 'stu-ana', role: 'student', messageType: 'LtiResourceLinkRequest' },
  { as: 'student-2', userSub: 'stu-ben', role: 'student', messageType: 'LtiResourceLinkRequest' },
  { as: 'teacher', userSub: 'tch-kim', role: 'teacher', messageType: 'LtiResourceLinkRequest' },
  { as: 'ta', userSub: 'ta-diaz', role: 'teaching assistant', messageType: 'LtiResourceLinkRequest' },
  { as: 'mentor', userSub: 'par-lopez', role: 'parent/mentor', messageType: 'LtiResourceLinkRequest' },
  { as: 'admin', userSub: 'adm-rivera', role: 'admin', messageType: 'LtiResourceLinkRequest' },
  { as: 'deep-link', userSub: 'tch-kim', role: 'teacher', messageType: 'LtiDeepLinkingRequest' },
];
