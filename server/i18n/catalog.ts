import { en } from './en';
import { es } from './es';

export type MessageKey = keyof typeof en;
export type Locale = 'en' | 'es';
const catalogs: Record<Locale, Record<MessageKey, string>> = { en, es };

export function translate(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
  const template = catalogs[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

/** Picks 'es' for any Spanish tag (es, es-MX, es-419), otherwise English. */
export function toLocale(tag: string | undefined | null): Locale {
  return tag && /^es\b/i.test(tag.trim()) ? 'es' : 'en';
}

/** First supported language in an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'en';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim();
    if (tag && /^es\b/i.test(tag)) return 'es';
    if (tag && /^en\b/i.test(tag)) return 'en';
  }
  return 'en';
}
