import { useId, useMemo } from 'react';
import type { SkillSummaryView } from '../../../../server/http/contract';
import { formatList } from '../../format';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { percentFormat } from './format';
import { useInsights } from './InsightsContext';
import { SkillBarChart } from './LazyCharts';
import { ScrollTable } from './ScrollTable';

/** Strongest first: most students mastered, then the higher class average. */
export function strengthOrder(skills: readonly SkillSummaryView[]): SkillSummaryView[] {
  return [...skills].sort((a, b) => b.mastered - a.mastered || (b.meanPKnown ?? -1) - (a.meanPKnown ?? -1) || a.name.localeCompare(b.name));
}

/** "What your class can do": per skill, how many can do it, are learning it, haven't started. */
export function ClassStrengths() {
  const t = useT();
  const locale = useLocale();
  const { overview } = useInsights();
  const captionId = useId();
  const percent = percentFormat(locale);
  const skills = useMemo(() => strengthOrder(overview.skills), [overview.skills]);
  const total = overview.students.length;
  const top = skills.filter((s) => s.mastered > 0).slice(0, 3);

  return (
    <section className="card insights-section" aria-labelledby="insights-strengths-heading">
      <h2 id="insights-strengths-heading">{t('insights.strengths.heading')}</h2>
      {skills.length === 0 ? (
        <p>{t('insights.strengths.empty')}</p>
      ) : (
        <>
          <p className="insights-lead">
            {top.length > 0
              ? t('insights.strengths.top', {
                  skills: formatList(
                    top.map((s) => t('insights.strengths.topItem', { skill: s.name, count: s.mastered, total })),
                    locale,
                  ),
                })
              : t('insights.strengths.noneYet')}
          </p>
          <div className="insights-chart-pair">
            <SkillBarChart
              label={t('insights.strengths.chartLabel')}
              data={skills.map((s) => ({ name: s.name, mastered: s.mastered, learning: s.learning, notStarted: s.notStarted }))}
              labels={{
                mastered: t('insights.strengths.canDo'),
                learning: t('insights.strengths.learning'),
                notStarted: t('insights.strengths.notStarted'),
              }}
            />
            <ScrollTable labelledBy={captionId}>
              <table className="data-table insights-table">
                <caption id={captionId}>{t('insights.strengths.caption', { count: skills.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('insights.strengths.skill')}</th>
                    <th scope="col">{t('insights.strengths.canDo')}</th>
                    <th scope="col">{t('insights.strengths.learning')}</th>
                    <th scope="col">{t('insights.strengths.notStarted')}</th>
                    <th scope="col">{t('insights.strengths.average')}</th>
                  </tr>
                </thead>
                <tbody>
                  {skills.map((s) => (
                    <tr key={s.code}>
                      <th scope="row">
                        {s.name}
                        <span className="insights-standard">{s.standard}</span>
                      </th>
                      <td>{t('insights.strengths.countOf', { count: s.mastered, total })}</td>
                      <td>{t('insights.strengths.countOf', { count: s.learning, total })}</td>
                      <td>{t('insights.strengths.countOf', { count: s.notStarted, total })}</td>
                      <td>{s.meanPKnown === null ? t('insights.strengths.noAverage') : percent(s.meanPKnown)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </div>
        </>
      )}
    </section>
  );
}
