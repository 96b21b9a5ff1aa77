import type { SessionView } from '../../../server/http/contract';
import { ComingSoon } from '../components/ComingSoon';
import { PageShell } from '../components/PageShell';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';

/** Parents and mentors: their learner's progress, strengths first, and what to practise at home. */
export function MentorPanel({ session }: { session: SessionView }) {
  const t = useT();
  return (
    <PageShell title={t('mentor.title')} session={session}>
      <p className="lead">{t('mentor.intro')}</p>
      <p>{menteeSummary(session.menteeCount, t)}</p>
      <ComingSoon items={[t('mentor.item.progress'), t('mentor.item.home'), t('mentor.item.updates')]} />
    </PageShell>
  );
}

// English and Spanish both need only one/other; zero gets its own, more helpful sentence.
function menteeSummary(count: number, t: Translate): string {
  if (count <= 0) return t('mentor.menteesNone');
  if (count === 1) return t('mentor.menteesOne');
  return t('mentor.menteesOther', { count });
}
