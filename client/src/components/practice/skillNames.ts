import type { PracticeItemView, PracticeProgressView } from '../../../../server/http/contract';

/** A skill's name (already in the student's language) from its code. */
export type SkillName = (code: string) => string;

/**
 * The selection explanation and mastery update name skills by code; the names come with the
 * progress (targeted skills) and the item (its own skill). A prerequisite outside the
 * assignment has neither, so its code stands in for the name.
 */
export function skillNamer(progress: PracticeProgressView, item: PracticeItemView | null): SkillName {
  const names = new Map<string, string>();
  for (const skill of progress.skills) names.set(skill.code, skill.name);
  if (item) names.set(item.skill.code, item.skill.name);
  return (code) => names.get(code) ?? code;
}
