import { useId } from 'react';
import type { MasteryStatus, MyProgressView } from '../../../../server/http/contract';
import { useMyProgress } from '../../hooks/useMyProgress';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import { ErrorNotice } from '../ErrorNotice';
import { DownloadMyData } from './DownloadMyData';

const STATUS_KEYS: Record<MasteryStatus, MessageKey> = {
  mastered: 'myProgress.status.mastered',
  learning: 'myProgress.status.learning',
  'not-started': 'myProgress.status.notStarted',
};

/** The opened "My progress": strengths, growth, next goals, every skill, and the data download. */
export function MyProgressPanel() {
  const t = useT();
  const { state, reload } = useMyProgress();
  return (
    <>
      <div aria-live="polite">
        {state.status === 'loading' && <p className="status">{t('myProgress.loading')}</p>}
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      </div>
      {state.status === 'ready' && <ProgressDetails progress={state.progress} />}
      {/* The download works even when the progress didn't load. */}
      <DownloadMyData />
    </>
  );
}

function ProgressDetails({ progress }: { progress: MyProgressView }) {
  const t = useT();
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const one = (n: number) => new Intl.PluralRules(locale).select(n) === 'one';
  const strengths = progress.strengths.length;

  return (
    <>
      <h3>
        <span aria-hidden="true">★ </span>
        {t('myProgress.strengthsHeading')}
      </h3>
      <p className="progress-lead">
        {strengths === 0
          ? t('myProgress.strengthsNone')
          : t(one(strengths) ? 'myProgress.strengthsOne' : 'myProgress.strengthsOther', { count: number.format(strengths) })}
      </p>
      {strengths > 0 && (
        <ul className="my-progress-list">
          {progress.strengths.map((s) => (
            <li key={s.code}>{s.name}</li>
          ))}
        </ul>
      )}
      <p>
        {progress.attempts === 0
          ? t('myProgress.attemptsNone')
          : t(one(progress.attempts) ? 'myProgress.attemptsOne' : 'myProgress.attemptsOther', {
              count: number.format(progress.attempts),
            })}
      </p>

      <h3>{t('myProgress.growthHeading')}</h3>
      {progress.growth.length > 0 ? (
        <ul className="my-progress-list">
          {progress.growth.map((g) => (
            <li key={g.skill}>
              {t('myProgress.growthItem', { skill: g.name, from: percent.format(g.from), to: percent.format(g.to) })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('myProgress.growthNone')}</p>
      )}

      <h3>{t('myProgress.goalsHeading')}</h3>
      {progress.nextGoals.length > 0 ? (
        <ul className="my-progress-list">
          {progress.nextGoals.map((g) => (
            <li key={g.code}>{t('myProgress.goalItem', { skill: g.name, percent: percent.format(g.pKnown) })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('myProgress.goalsNone')}</p>
      )}

      <MasteryTable skills={progress.skills} />
    </>
  );
}

/** Every skill with the estimate as a percent and its status in words (colour is never the cue). */
function MasteryTable({ skills }: { skills: MyProgressView['skills'] }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });

  return (
    <>
      <h3 id={headingId}>{t('myProgress.tableHeading')}</h3>
      {skills.length === 0 ? (
        <p>{t('myProgress.tableEmpty')}</p>
      ) : (
        <>
          <p className="field-hint">{t('myProgress.tableNote')}</p>
          <table className="data-table mastery-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{t('myProgress.col.skill')}</th>
                <th scope="col">{t('myProgress.col.mastery')}</th>
                <th scope="col">{t('myProgress.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {skills.map((s) => (
                <tr key={s.code}>
                  <th scope="row">
                    {s.name}
                    {s.standard && <span className="mastery-standard">{s.standard}</span>}
                  </th>
                  {/* data-label: the column name shown beside the value when rows stack at 320px. */}
                  <td data-label={t('myProgress.col.mastery')}>{s.pKnown === null || s.evidence === 0 ? t('myProgress.noAnswers') : percent.format(s.pKnown)}</td>
                  <td data-label={t('myProgress.col.status')} className={`mastery-status mastery-status-${s.status}`}>
                    {/* One box for symbol and word, so they stay together beside the label. */}
                    <span>
                      {s.status === 'mastered' && <span aria-hidden="true">✓ </span>}
                      {t(STATUS_KEYS[s.status])}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
