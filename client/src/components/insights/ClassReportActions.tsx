import { useRef, useState } from 'react';
import { downloadCourseFile, masteryCsvPath, toApiError } from '../../api';
import { apiErrorText } from '../../errorText';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { useInsights } from './InsightsContext';

type Message = { kind: 'status' | 'error'; text: string; n: number } | null;

/** "Download class mastery (CSV)" and "Print class report", with when the data was read. */
export function ClassReportActions() {
  const t = useT();
  const locale = useLocale();
  const { courseId, overview } = useInsights();
  const [message, setMessage] = useState<Message>(null);
  const busy = useRef(false);
  const counter = useRef(0);
  const generated = formatDateTime(overview.generatedAt, locale);

  const download = async () => {
    if (busy.current) return;
    busy.current = true;
    setMessage({ kind: 'status', text: t('insights.report.downloading'), n: ++counter.current });
    try {
      await downloadCourseFile(masteryCsvPath(courseId), 'trellis-class-mastery.csv');
      setMessage({ kind: 'status', text: t('insights.report.downloaded'), n: ++counter.current });
    } catch (failure) {
      setMessage({ kind: 'error', text: t('insights.downloadFailed', { message: apiErrorText(toApiError(failure), t) }), n: ++counter.current });
    } finally {
      busy.current = false;
    }
  };

  return (
    <div className="insights-report">
      {generated && <p className="status">{t('insights.report.generated', { date: generated })}</p>}
      <div className="section-actions no-print">
        <button type="button" className="button button-secondary" onClick={() => void download()}>
          {t('insights.report.downloadCsv')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t('insights.report.print')}
        </button>
      </div>
      <p role="status" className="status action-status no-print">
        {message?.kind === 'status' && <span key={message.n}>{message.text}</span>}
      </p>
      <div role="alert" className="no-print">
        {message?.kind === 'error' && (
          <p key={message.n} className="notice notice-error">
            {message.text}
          </p>
        )}
      </div>
    </div>
  );
}
