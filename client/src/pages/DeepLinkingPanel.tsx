import type { SessionView } from '../../../server/http/contract';
import { PageShell } from '../components/PageShell';
import { useT } from '../i18n/I18nProvider';

/** Deep-linking requests: where instructors will pick activities to add to their course. */
export function DeepLinkingPanel({ session }: { session: SessionView }) {
  const t = useT();
  return (
    <PageShell title={t('deepLinking.title')} session={session}>
      <p className="lead">{t('deepLinking.intro')}</p>
      <div className="notice">
        <p>{t('deepLinking.pickerComing')}</p>
      </div>
    </PageShell>
  );
}
