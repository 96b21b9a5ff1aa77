import { useEffect, type ReactNode } from 'react';
import type { SessionView } from '../../../server/http/contract';
import { useT } from '../i18n/I18nProvider';
import { LaunchSummary } from './LaunchSummary';

interface PageShellProps {
  title: string;
  /** Omitted on the "open from your course" page, where there is no launch to describe. */
  session?: SessionView;
  children: ReactNode;
}

/** The frame every page shares: skip link, banner with launch context, main with one h1. */
export function PageShell({ title, session, children }: PageShellProps) {
  const t = useT();

  // The LMS tab or window title is often all a screen-reader user hears first.
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="banner">
        <div className="container banner-inner">
          <p className="brand">{t('app.name')}</p>
          {session && <LaunchSummary session={session} />}
        </div>
      </header>
      {/* tabIndex lets the skip link move keyboard focus here, not just scroll. */}
      <main id="main" tabIndex={-1} className="container">
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
