import type { Locale, MasteryCellView, MasteryStatus } from '../../../../server/http/contract';
import type { MessageKey, Translate } from '../../i18n/translate';

/** "42%" in the launch's language. */
export function percentFormat(locale: Locale): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return (value) => format.format(value);
}

export const STATUS_KEY: Record<MasteryStatus, MessageKey> = {
  mastered: 'insights.status.mastered',
  learning: 'insights.status.learning',
  'not-started': 'insights.status.notStarted',
};

/** A symbol per status, so the map never relies on colour alone (the text says it too). */
export const STATUS_SYMBOL: Record<MasteryStatus, string> = {
  mastered: '●',
  learning: '◐',
  'not-started': '○',
};

/** A mastery cell in words: "97% · mastered", "42% · learning", "not started". */
export function cellText(cell: Pick<MasteryCellView, 'pKnown' | 'evidence' | 'status'>, percent: (v: number) => string, t: Translate): string {
  const status = t(STATUS_KEY[cell.status]);
  if (cell.status === 'not-started' || cell.pKnown === null || cell.evidence === 0) return status;
  return t('insights.cell', { percent: percent(cell.pKnown), status });
}

/** Picks the singular or plural message for `count`. */
export function pluralKey<K extends MessageKey>(locale: Locale, count: number, one: K, other: K): K {
  return new Intl.PluralRules(locale).select(count) === 'one' ? one : other;
}

/** "Nov 25, 2025" / "25 nov 2025"; the raw value if unparseable. */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** "Nov 25, 7:26 PM": short enough for a table cell. */
export function formatShortDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(date);
}

/** "7:26 PM" / "19:26". */
export function formatTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(date);
}

/** Time on task: "45 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number, t: Translate): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return t('insights.duration.seconds', { seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('insights.duration.minutes', { minutes, seconds: seconds % 60 });
  return t('insights.duration.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** A number in the launch's language (1,234 / 1.234). */
export function numberFormat(locale: Locale): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (value) => format.format(value);
}
