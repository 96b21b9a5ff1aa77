// The picker's form model: what the teacher is typing (strings, as inputs hold them),
// its validation, and the conversion to the API's DeepLinkItemInput. Pure functions, so
// the rules sit in one place and mirror the server's (server/lti/deep-linking-response.ts).
import type { DeepLinkItemInput } from '../../../../server/http/contract';
import type { MessageKey } from '../../i18n/translate';

/** Grade 3–8 CCSS math standards offered as ticks; each has a `skill.<code>` description. */
export const SUGGESTED_SKILLS = [
  '3.OA.C.7',
  '4.NF.B.3',
  '5.NBT.B.7',
  '6.RP.A.3',
  '6.EE.B.7',
  '7.NS.A.1',
  '7.EE.B.4',
  '8.EE.C.7',
] as const;
export type SuggestedSkill = (typeof SUGGESTED_SKILLS)[number];

export const MAX_ITEMS = 20;
const MAX_TITLE = 200;
const MAX_SKILL = 50;
const MAX_SKILLS = 60;

export interface ItemDraft {
  /** Stable per block (not its position), for React keys and element ids. */
  key: number;
  title: string;
  skillsText: string;
  ticked: SuggestedSkill[];
  goalKind: 'items' | 'mastery';
  count: string;
  /** A datetime-local value ("2025-05-01T17:00"), or "" for no due date. */
  dueAt: string;
  /** The browser holds a half-typed date/time it won't expose as a value. */
  dueIncomplete: boolean;
  points: string;
  /** Mix reviews of mastered skills into practice (on unless the teacher turns it off). */
  spacedReview: boolean;
}

export type FieldName = 'title' | 'skills' | 'count' | 'dueAt' | 'points';
export type ItemErrors = Partial<Record<FieldName, MessageKey>>;

export function newDraft(key: number): ItemDraft {
  return { key, title: '', skillsText: '', ticked: [], goalKind: 'items', count: '10', dueAt: '', dueIncomplete: false, points: '10', spacedReview: true };
}

/** Element id of a block's field, shared by labels, error links and focus moves. */
export function fieldId(key: number, field: FieldName | string): string {
  return `dl-item-${key}-${field}`;
}

/** Typed codes then ticked ones, de-duplicated ignoring case (a typed "6.rp.a.3" is the suggestion). */
export function mergeSkills(draft: Pick<ItemDraft, 'skillsText' | 'ticked'>): string[] {
  const typed = draft.skillsText.split(/[,;\n]/).map((code) => code.trim().replace(/\s+/g, ' '));
  const seen = new Set<string>();
  const skills: string[] = [];
  for (const code of [...typed, ...draft.ticked]) {
    if (!code || seen.has(code.toUpperCase())) continue;
    seen.add(code.toUpperCase());
    skills.push(SUGGESTED_SKILLS.find((s) => s === code.toUpperCase()) ?? code);
  }
  return skills;
}

export function validateDraft(draft: ItemDraft): ItemErrors {
  const errors: ItemErrors = {};
  const title = draft.title.trim();
  if (!title) errors.title = 'deepLinking.error.titleRequired';
  else if (title.length > MAX_TITLE) errors.title = 'deepLinking.error.titleTooLong';

  const skills = mergeSkills(draft);
  if (skills.length === 0) errors.skills = 'deepLinking.error.skillsRequired';
  else if (skills.some((s) => s.length > MAX_SKILL)) errors.skills = 'deepLinking.error.skillTooLong';
  else if (skills.length > MAX_SKILLS) errors.skills = 'deepLinking.error.tooManySkills';

  if (draft.goalKind === 'items' && !inRange(draft.count, 1, 200, true)) errors.count = 'deepLinking.error.countInvalid';
  if (draft.dueIncomplete) errors.dueAt = 'deepLinking.error.dueIncomplete';
  if (!inRange(draft.points, 0, 1000, false)) errors.points = 'deepLinking.error.pointsInvalid';
  return errors;
}

export function hasErrors(errors: ItemErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** Only call on a draft that validated. */
export function toItemInput(draft: ItemDraft): DeepLinkItemInput {
  return {
    title: draft.title.trim(),
    skills: mergeSkills(draft),
    goal: draft.goalKind === 'items' ? { kind: 'items', count: Number(draft.count) } : { kind: 'mastery' },
    // datetime-local has no zone: Date reads it as the teacher's local time, and the ISO
    // string carries that instant in UTC so the server and LMS get an unambiguous time.
    dueAt: draft.dueAt ? new Date(draft.dueAt).toISOString() : null,
    points: Number(draft.points),
    spacedReview: draft.spacedReview,
  };
}

function inRange(value: string, min: number, max: number, wholeOnly: boolean): boolean {
  const text = value.trim();
  if (!(wholeOnly ? /^\d+$/ : /^\d+(\.\d+)?$/).test(text)) return false;
  const n = Number(text);
  return n >= min && n <= max;
}
