import type { SessionView } from '../../../server/http/contract';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';

/** Who launched, from which course and platform — so people can tell they're in the right place. */
export function LaunchSummary({ session }: { session: SessionView }) {
  const t = useT();
  const activity = session.resourceLink?.title;

  return (
    <dl className="launch-summary">
      <SummaryItem term={t('launch.who')} value={session.user?.displayName ?? t('launch.anonymous')} />
      <SummaryItem term={t('launch.course')} value={courseName(session.course, t)} />
      {activity && <SummaryItem term={t('launch.activity')} value={activity} />}
      <SummaryItem term={t('launch.platform')} value={session.platform.name} />
    </dl>
  );
}

function SummaryItem({ term, value }: { term: string; value: string }) {
  return (
    <div className="launch-summary-item">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function courseName(course: SessionView['course'], t: Translate): string {
  const title = course?.title;
  const label = course?.label;
  if (title && label && title !== label) return t('launch.courseWithLabel', { title, label });
  return title ?? label ?? t('launch.noCourse');
}
