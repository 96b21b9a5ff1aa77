import { PageShell } from '../components/PageShell';
import { useT } from '../i18n/I18nProvider';

/** Shown when the app is opened directly rather than launched from an LMS course. */
export function NoBootPage() {
  const t = useT();
  return (
    <PageShell title={t('noBoot.title')}>
      <p className="lead">{t('noBoot.body')}</p>
    </PageShell>
  );
}
