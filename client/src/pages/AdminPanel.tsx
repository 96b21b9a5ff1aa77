import type { SessionView } from '../../../server/http/contract';
import { ComingSoon } from '../components/ComingSoon';
import { PageShell } from '../components/PageShell';
import { useT } from '../i18n/I18nProvider';

/** Administrators: the console for registration, keys, usage and privacy. */
export function AdminPanel({ session }: { session: SessionView }) {
  const t = useT();
  return (
    <PageShell title={t('admin.title')} session={session}>
      <p className="lead">{t('admin.intro')}</p>
      <ComingSoon
        items={[t('admin.item.registration'), t('admin.item.keys'), t('admin.item.usage'), t('admin.item.privacy')]}
      />
    </PageShell>
  );
}
