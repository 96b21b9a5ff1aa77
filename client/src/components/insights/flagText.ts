import type { EarlyWarningModelView, FlagReasonView, FlagView, Locale } from '../../../../server/http/contract';
import type { MessageKey, Translate } from '../../i18n/translate';
import { percentFormat, pluralKey } from './format';

type Worder = (value: number | null, locale: Locale, t: Translate) => string | null;

const count = (one: MessageKey, other: MessageKey, param: string): Worder => (value, locale, t) =>
  value === null ? null : t(pluralKey(locale, value, one, other), { [param]: Math.round(value) });

const share = (key: MessageKey): Worder => (value, locale, t) => (value === null ? null : t(key, { percent: percentFormat(locale)(value) }));

const plain = (key: MessageKey): Worder => (_value, _locale, t) => t(key);

/** Each early-warning feature in words with its value; an unknown feature falls back to the model's own rule. */
const REASONS: Record<string, Worder> = {
  'never-launched': plain('flags.reason.neverLaunched'),
  'days-inactive': count('flags.reason.daysInactiveOne', 'flags.reason.daysInactiveOther', 'days'),
  'no-growth': plain('flags.reason.noGrowth'),
  'hint-dependence': share('flags.reason.hintDependence'),
  'miss-streak': count('flags.reason.missStreakOne', 'flags.reason.missStreakOther', 'count'),
  'lms-grade': share('flags.reason.lmsGrade'),
};

/**
 * The rules of model version 1 in the launch's language (the server publishes them in
 * English); another version, or a feature not listed here, shows the server's own words.
 */
const RULES_V1: Record<string, { rule: MessageKey; points: MessageKey }> = {
  'never-launched': { rule: 'flags.rule.neverLaunched', points: 'flags.rulePoints.neverLaunched' },
  'days-inactive': { rule: 'flags.rule.daysInactive', points: 'flags.rulePoints.daysInactive' },
  'no-growth': { rule: 'flags.rule.noGrowth', points: 'flags.rulePoints.noGrowth' },
  'hint-dependence': { rule: 'flags.rule.hintDependence', points: 'flags.rulePoints.hintDependence' },
  'miss-streak': { rule: 'flags.rule.missStreak', points: 'flags.rulePoints.missStreak' },
  'lms-grade': { rule: 'flags.rule.lmsGrade', points: 'flags.rulePoints.lmsGrade' },
};

export function modelRule(model: EarlyWarningModelView, feature: EarlyWarningModelView['features'][number], t: Translate): { rule: string; points: string } {
  const keys = model.version === 1 ? RULES_V1[feature.feature] : undefined;
  return keys ? { rule: t(keys.rule), points: t(keys.points) } : { rule: feature.rule, points: feature.points };
}

/** "Hasn't practised for 15 days — 2 points". */
export function reasonText(reason: FlagReasonView, model: EarlyWarningModelView | null, locale: Locale, t: Translate): string {
  const worded = REASONS[reason.feature]?.(reason.value, locale, t) ?? null;
  const rule = model?.features.find((f) => f.feature === reason.feature)?.rule;
  const what = worded ?? (rule ? (reason.value === null ? rule : t('flags.reason.ruleValue', { rule, value: formatValue(reason.value, locale) })) : reason.feature);
  return t('flags.reasonPoints', { reason: what, points: pointsText(reason.points, locale, t) });
}

export function pointsText(points: number, locale: Locale, t: Translate): string {
  return t(pluralKey(locale, points, 'flags.pointsOne', 'flags.pointsOther'), { points: formatValue(points, locale) });
}

function formatValue(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

export const FLAG_STATUS_KEY: Record<FlagView['status'], MessageKey> = {
  flagged: 'flags.status.flagged',
  'teacher-flagged': 'flags.status.teacherFlagged',
  dismissed: 'flags.status.dismissed',
};
