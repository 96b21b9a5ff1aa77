import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../../server/http/contract';
import { translate, type Translate } from './translate';

interface I18nValue {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({
  locale: 'en',
  t: (key, params) => translate('en', key, params),
});

/** Makes the launch's locale available to every component without prop drilling. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18nValue>(
    () => ({ locale, t: (key, params) => translate(locale, key, params) }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useT = (): Translate => useContext(I18nContext).t;
export const useLocale = (): Locale => useContext(I18nContext).locale;
