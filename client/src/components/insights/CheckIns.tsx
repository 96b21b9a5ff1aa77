import { useEffect, useState } from 'react';
import type { FlagOverrideInput, FlagsResponse, FlagView } from '../../../../server/http/contract';
import type { Resource } from '../../hooks/useInsightsResource';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { ErrorNotice } from '../ErrorNotice';
import { FlagActions, FlagDetails } from './Flag';
import { modelRule, pointsText } from './flagText';
import { useInsights } from './InsightsContext';

interface CheckInsProps {
  flags: Resource<FlagsResponse>;
  onOpenStudent: (userId: string) => void;
  /** A teacher changed a flag (the overview's flag markers may change too). */
  onChanged: () => void;
}

export const flagHeadingId = (userId: string) => `insights-flag-${userId}`;

/** "Students to check in with": early-warning flags with reasons, and the teacher's judgement on them. */
export function CheckIns({ flags, onOpenStudent, onChanged }: CheckInsProps) {
  const t = useT();
  const locale = useLocale();
  const { studentName } = useInsights();
  const { state } = flags;
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);

  // After a dismissal the card moves lists: once the new list is on screen, focus its heading.
  useEffect(() => {
    if (focusTarget === null) return;
    (document.getElementById(flagHeadingId(focusTarget)) ?? document.getElementById('insights-flags-heading'))?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const done = async (flag: FlagView, action: FlagOverrideInput['action']) => {
    const student = studentName(flag.userId, flag.name);
    await flags.reload();
    onChanged();
    setMessage((m) => ({
      text: t(action === 'dismiss' ? 'flags.dismissed' : 'flags.flagged', { student }),
      n: (m?.n ?? 0) + 1,
    }));
    setFocusTarget(flag.userId);
  };

  const data = state.status === 'ready' ? state.data : null;
  const active = data?.flags.filter((f) => f.status !== 'dismissed') ?? [];
  const dismissed = data?.flags.filter((f) => f.status === 'dismissed') ?? [];

  const card = (flag: FlagView) => {
    const name = studentName(flag.userId, flag.name);
    return (
      <li key={flag.userId} className={`flag-card flag-card-${flag.status}`}>
        <h4 id={flagHeadingId(flag.userId)} tabIndex={-1}>
          {name}
        </h4>
        <FlagDetails flag={flag} model={data?.model ?? null} />
        <FlagActions userId={flag.userId} flag={flag} onDone={(action) => done(flag, action)} />
        <button
          type="button"
          className="link-button no-print"
          data-student-opener={flag.userId}
          onClick={() => onOpenStudent(flag.userId)}
        >
          {t('insights.openStudent', { student: name })}
        </button>
      </li>
    );
  };

  return (
    <section className="card insights-section" aria-labelledby="insights-flags-heading">
      <h2 id="insights-flags-heading" tabIndex={-1}>{t('flags.heading')}</h2>
      <p className="insights-judgement">{t('flags.judgement')}</p>
      <div aria-live="polite">
        {state.status === 'loading' && <p className="status">{t('flags.loading')}</p>}
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void flags.reload()} />}
      </div>
      <p role="status" className="status action-status">
        {message && <span key={message.n}>{message.text}</span>}
      </p>
      {data && (
        <>
          <h3>{t('flags.activeHeading', { count: active.length })}</h3>
          {active.length === 0 ? <p>{t('flags.none')}</p> : <ul className="flag-list">{active.map(card)}</ul>}
          {dismissed.length > 0 && (
            <>
              <h3>{t('flags.dismissedHeading', { count: dismissed.length })}</h3>
              <ul className="flag-list">{dismissed.map(card)}</ul>
            </>
          )}
          <details className="insights-disclosure">
            <summary>{t('flags.howHeading')}</summary>
            <p>
              {t('flags.howIntro', {
                threshold: pointsText(data.model.threshold, locale, t),
                version: data.model.version,
              })}
            </p>
            <table className="data-table insights-table flag-model">
              <caption className="visually-hidden">{t('flags.howCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('flags.howRule')}</th>
                  <th scope="col">{t('flags.howPoints')}</th>
                </tr>
              </thead>
              <tbody>
                {data.model.features.map((f) => {
                  const { rule, points } = modelRule(data.model, f, t);
                  return (
                    <tr key={f.feature}>
                      <th scope="row">{rule}</th>
                      <td>{points}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p>{t('flags.howJudgement')}</p>
          </details>
        </>
      )}
    </section>
  );
}
