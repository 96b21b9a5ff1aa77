// Maps LIS role URIs (LTI 1.3 core, appendix A) to Trellis roles and chooses the panel.
import type { Panel, TrellisRole } from '../http/contract';

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const INSTITUTION = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';
const SYSTEM = 'http://purl.imsglobal.org/vocab/lis/v2/system/person#';

const ROLE_MAP: Record<string, TrellisRole> = {
  [`${MEMBERSHIP}Learner`]: 'learner',
  [`${MEMBERSHIP}Instructor`]: 'instructor',
  [`${MEMBERSHIP}Mentor`]: 'mentor',
  [`${MEMBERSHIP}Administrator`]: 'administrator',
  [`${MEMBERSHIP}ContentDeveloper`]: 'content-developer',
  'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant': 'teaching-assistant',
  'http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#Learner': 'learner',
  [`${INSTITUTION}Administrator`]: 'administrator',
  [`${SYSTEM}Administrator`]: 'administrator',
  [`${SYSTEM}SysAdmin`]: 'administrator',
  // Simple names are deprecated in LTI 1.3 but still sent by some platforms.
  Learner: 'learner',
  Instructor: 'instructor',
  Mentor: 'mentor',
  Administrator: 'administrator',
  ContentDeveloper: 'content-developer',
  TeachingAssistant: 'teaching-assistant',
};

/** Known roles only, de-duplicated, in a stable order. Unknown URIs are dropped. */
export function normalizeRoles(roles: readonly string[]): TrellisRole[] {
  const found = new Set<TrellisRole>();
  for (const role of roles) {
    const mapped = ROLE_MAP[role.trim()];
    if (mapped) found.add(mapped);
  }
  return [...found].sort();
}

/**
 * One panel per launch. An administrator sees the console; a course's teaching staff see
 * insights; a mentor sees mentees; a learner practises. Anyone else is told they have no
 * Trellis view instead of being refused the launch.
 */
export function choosePanel(roles: readonly TrellisRole[], messageType: string): Panel {
  if (messageType === 'LtiDeepLinkingRequest') return 'deep-linking';
  if (roles.includes('administrator')) return 'admin';
  if (roles.includes('instructor') || roles.includes('teaching-assistant') || roles.includes('content-developer')) return 'teacher';
  if (roles.includes('mentor')) return 'mentor';
  if (roles.includes('learner')) return 'student';
  return 'no-role';
}

export const canAddContent = (roles: readonly TrellisRole[]) =>
  roles.some((r) => r === 'instructor' || r === 'teaching-assistant' || r === 'content-developer' || r === 'administrator');
