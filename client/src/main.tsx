import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Locale } from '../../server/http/contract';
import { setApiToken } from './api';
import { App } from './App';
import { readBootData } from './boot';
import { useFrameResize } from './frameResize';
import { I18nProvider } from './i18n/I18nProvider';
import { toLocale } from './i18n/translate';
import { NoBootPage } from './pages/NoBootPage';
import './styles.css';

const boot = readBootData();
// Without a launch there is no session locale; the browser's language is the best guess.
const locale: Locale = boot ? boot.session.locale : toLocale(navigator.language);
// The server already set <html lang>, but keep it right when opened directly too.
document.documentElement.lang = locale;
if (boot) setApiToken(boot.token);

function Root({ children }: { children: ReactNode }) {
  useFrameResize();
  return <>{children}</>;
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <I18nProvider locale={locale}>
        <Root>{boot ? <App session={boot.session} /> : <NoBootPage />}</Root>
      </I18nProvider>
    </StrictMode>,
  );
}
