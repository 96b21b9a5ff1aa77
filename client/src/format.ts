import type { Locale } from '../../server/http/contract';

/** A date and time in the launch's language, e.g. "Nov 25, 2025, 7:26 PM"; null if unparseable. */
export function formatDateTime(iso: string, locale: Locale): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "A, B and C" / "A, B y C". */
export function formatList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
