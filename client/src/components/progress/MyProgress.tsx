import { lazy, Suspense, useId, useState } from 'react';
import { useT } from '../../i18n/I18nProvider';

// Its code and its data load only when the student opens the section, so the practice
// question above paints as fast as before.
const MyProgressPanel = lazy(() => import('./MyProgressPanel').then((m) => ({ default: m.MyProgressPanel })));

/** "My progress" below the practice: a disclosure whose heading is the toggle. */
export function MyProgress() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const panelId = useId();

  return (
    <section className="card my-progress" aria-labelledby={headingId}>
      <h2 id={headingId} className="disclosure-heading">
        <button
          type="button"
          className="disclosure-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="disclosure-label">{t('myProgress.heading')}</span>
        </button>
      </h2>
      <p className="my-progress-intro">{t('myProgress.intro')}</p>
      <div id={panelId} hidden={!open}>
        {/* Unmounted while closed: each opening shows the progress as it is now. */}
        {open && (
          <Suspense fallback={<p className="status">{t('myProgress.loading')}</p>}>
            <MyProgressPanel />
          </Suspense>
        )}
      </div>
    </section>
  );
}
