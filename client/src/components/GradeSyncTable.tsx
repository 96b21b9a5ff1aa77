import type { GradeSyncItemView } from '../../../server/http/contract';
import { formatDateTime } from '../format';
import { useLocale, useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';

interface GradeSyncTableProps {
  items: readonly GradeSyncItemView[];
  /** The row whose retry is being sent; its button says so instead of sending twice. */
  retryingId: string | null;
  onRetry: (item: GradeSyncItemView) => void;
}

/** Recent score deliveries as a real table: caption, column headers, a row header per student. */
export function GradeSyncTable({ items, retryingId, onRetry }: GradeSyncTableProps) {
  const t = useT();
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

  const headers = {
    student: t('grades.student'),
    activity: t('grades.activity'),
    score: t('grades.score'),
    status: t('grades.status'),
  };

  // Below 30rem the CSS lays each row out as a small card (label: value). Changing a table's
  // display can drop its semantics in some browsers, so the roles are stated explicitly.
  return (
    <table className="data-table grade-table" role="table">
      <caption>{t('grades.caption', { count: items.length })}</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th scope="col" role="columnheader">{headers.student}</th>
          <th scope="col" role="columnheader">{headers.activity}</th>
          <th scope="col" role="columnheader">{headers.score}</th>
          <th scope="col" role="columnheader">{headers.status}</th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        {items.map((item) => {
          const activityId = `grade-${item.id}-activity`;
          const student = studentName(item, t);
          return (
            <tr key={item.id} role="row">
              <th scope="row" role="rowheader">{student}</th>
              <td role="cell" data-label={headers.activity}>
                <span id={activityId}>{item.resourceLinkTitle ?? t('grades.noActivity')}</span>
              </td>
              <td role="cell" data-label={headers.score}>
                <span>
                  {t('grades.scoreValue', { given: number.format(item.scoreGiven), max: number.format(item.scoreMaximum) })}
                </span>
              </td>
              <td role="cell" data-label={headers.status}>
                <div>
                  <DeliveryStatus item={item} />
                  {item.status === 'failed' && (
                    // The name says whose score; the description adds which activity, for
                    // students with more than one failed delivery. aria-disabled keeps focus.
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={t('grades.retryLabel', { student })}
                      aria-describedby={activityId}
                      aria-disabled={retryingId === item.id}
                      onClick={() => onRetry(item)}
                    >
                      {t('grades.retry')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The status in words, with a symbol as a second cue; colour is only a third. */
function DeliveryStatus({ item }: { item: GradeSyncItemView }) {
  const t = useT();
  const locale = useLocale();

  if (item.status === 'delivered') {
    return (
      <>
        <div className="sync-state sync-state-delivered">
          <span aria-hidden="true">✓</span> {t('grades.delivered')}
        </div>
        {item.deliveredAt && (
          <div className="sync-detail">
            <time dateTime={item.deliveredAt}>{formatDateTime(item.deliveredAt, locale) ?? item.deliveredAt}</time>
          </div>
        )}
      </>
    );
  }

  const failed = item.status === 'failed';
  return (
    <>
      <div className={failed ? 'sync-state sync-state-failed' : 'sync-state'}>
        <span aria-hidden="true">{failed ? '✗' : '○'}</span>{' '}
        {failed
          ? t('grades.failed')
          : // attempts counts tries already made; show the one it is waiting for.
            t('grades.pendingAttempt', { number: item.attempts + 1 })}
      </div>
      {(failed || item.lastError) && (
        <div className="sync-detail">
          {item.lastError ? t('grades.lmsSaid', { message: item.lastError }) : t('grades.noReason')}
        </div>
      )}
    </>
  );
}

export function studentName(item: GradeSyncItemView, t: Translate): string {
  return item.student ?? t('grades.anonymous');
}
