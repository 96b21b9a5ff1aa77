import type { MessageKey } from '../../i18n/translate';

/**
 * How far along a skill is, in words for a parent: never the raw probability, which reads as a
 * grade and isn't one. The bands are coarse on purpose; the estimate moves with every answer.
 */
export function progressWordKey(pKnown: number): MessageKey {
  if (pKnown < 0.35) return 'mentor.goal.started';
  if (pKnown < 0.6) return 'mentor.goal.halfway';
  if (pKnown < 0.8) return 'mentor.goal.wellAlong';
  return 'mentor.goal.nearly';
}
