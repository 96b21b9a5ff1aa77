import type { SessionView } from '../../../server/http/contract';
import { DeepLinkForm } from '../components/deep-linking/DeepLinkForm';
import { PageShell } from '../components/PageShell';
import { useT } from '../i18n/I18nProvider';

/** Deep-linking requests: the instructor describes practice assignments to add to the course. */
export function DeepLinkingPanel({ session }: { session: SessionView }) {
  const t = useT();
  return (
    <PageShell title={t('deepLinking.title')} session={session}>
      <p className="lead">{t('deepLinking.intro')}</p>
      <DeepLinkForm />
    </PageShell>
  );
}
