import { useEffect, useRef, type MouseEvent } from 'react';
import { useT } from '../../i18n/I18nProvider';

export interface SummaryEntry {
  /** The id of the field to fix. */
  fieldId: string;
  text: string;
}

/**
 * Every problem found on submit, as links to the fields. It takes focus on each failed
 * attempt (`attempt` changes) so keyboard and screen-reader users land on it; role="alert"
 * announces it too.
 */
export function ErrorSummary({ entries, attempt }: { entries: SummaryEntry[]; attempt: number }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);

  if (entries.length === 0) return null;

  // Focus the field directly: a #hash jump would also change the iframe's URL.
  const jump = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    document.getElementById(id)?.focus();
  };

  return (
    <div key={attempt} ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary-title">
        {t('deepLinking.errorSummaryTitle')}
      </h2>
      <ul>
        {entries.map((entry) => (
          <li key={entry.fieldId}>
            <a href={`#${entry.fieldId}`} onClick={(e) => jump(e, entry.fieldId)}>
              {entry.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
