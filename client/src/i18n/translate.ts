import type { Locale } from '../../../server/http/contract';
import { en } from './en';
import { es } from './es';

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, es };

/** Looks up `key` and fills {name} placeholders; unknown placeholders stay visible so they get noticed. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

/** Picks 'es' for any Spanish tag (es, es-MX, es-419), otherwise English — same rule as the server. */
export function toLocale(tag: string | null | undefined): Locale {
  return tag && /^es\b/i.test(tag.trim()) ? 'es' : 'en';
}
