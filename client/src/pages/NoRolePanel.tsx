import type { SessionView } from '../../../server/http/contract';
import { PageShell } from '../components/PageShell';
import { useT } from '../i18n/I18nProvider';

/** Launches whose roles map to no Trellis view: explain kindly instead of refusing. */
export function NoRolePanel({ session }: { session: SessionView }) {
  const t = useT();
  return (
    <PageShell title={t('noRole.title')} session={session}>
      <p className="lead">{t('noRole.body')}</p>
      <p>{t('noRole.nextStep')}</p>
    </PageShell>
  );
}
