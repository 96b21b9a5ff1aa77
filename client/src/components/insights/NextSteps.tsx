import type { EarlyWarningModelView, Locale, NextStepView } from '../../../../server/http/contract';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/translate';
import { reasonText } from './flagText';
import { percentFormat, pluralKey } from './format';
import { useInsights, type InsightsData } from './InsightsContext';

/** "Next steps": what the data suggests doing next, each with the evidence behind it. */
export function NextSteps({ model, onOpenStudent }: { model: EarlyWarningModelView | null; onOpenStudent: (userId: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const insights = useInsights();
  const steps = insights.overview.nextSteps;

  return (
    <section className="card insights-section" aria-labelledby="insights-next-heading">
      <h2 id="insights-next-heading">{t('insights.next.heading')}</h2>
      {steps.length === 0 ? (
        <p>{t('insights.next.empty')}</p>
      ) : (
        <ul className="insights-next-list">
          {steps.map((step, index) => (
            <li key={`${step.kind}-${step.subject}-${index}`} className={`insights-next insights-next-${step.kind}`}>
              <p className="insights-next-kind">{t(KIND_KEY[step.kind])}</p>
              <p>{nextStepText(step, insights, model, locale, t)}</p>
              {step.kind === 'check-in' && (
                <button
                  type="button"
                  className="button button-secondary button-small no-print"
                  data-student-opener={step.subject}
                  onClick={() => onOpenStudent(step.subject)}
                >
                  {t('insights.openStudent', { student: insights.studentName(step.subject) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const KIND_KEY = {
  'ready-to-learn': 'insights.next.kind.readyToLearn',
  reteach: 'insights.next.kind.reteach',
  'check-in': 'insights.next.kind.checkIn',
} as const;

const num = (value: number | string | undefined): number | null => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** A number of students out of the class, from whichever count the evidence carries. */
function countOf(evidence: NextStepView['evidence'], keys: readonly string[]): number | null {
  for (const key of keys) {
    const n = num(evidence[key]);
    if (n !== null) return n;
  }
  return null;
}

/** The step in words with its evidence, e.g. "12 of 20 students are ready to learn Ratio tables." */
export function nextStepText(
  step: NextStepView,
  insights: InsightsData,
  model: EarlyWarningModelView | null,
  locale: Locale,
  t: Translate,
): string {
  const { evidence } = step;
  const percent = percentFormat(locale);
  switch (step.kind) {
    case 'ready-to-learn': {
      const skill = insights.skillName(step.subject);
      const ready = countOf(evidence, ['ready']);
      const of = countOf(evidence, ['of']);
      if (ready !== null && of !== null) return t(pluralKey(locale, ready, 'insights.next.readyToLearnOne', 'insights.next.readyToLearnOther'), { ready, of, skill });
      return t('insights.next.readyToLearnPlain', { skill });
    }
    case 'reteach': {
      const skill = insights.skillName(step.subject);
      const stuck = countOf(evidence, ['stuck']);
      const practising = countOf(evidence, ['practising']);
      const minEvidence = countOf(evidence, ['minEvidence']);
      const below = countOf(evidence, ['below']);
      if (stuck !== null && practising !== null && minEvidence !== null && below !== null) {
        return t(pluralKey(locale, stuck, 'insights.next.reteachOne', 'insights.next.reteachOther'), {
          stuck,
          practising,
          skill,
          answers: minEvidence,
          percent: percent(below),
        });
      }
      return t('insights.next.reteachPlain', { skill });
    }
    case 'check-in': {
      const student = insights.studentName(step.subject);
      const reason = typeof evidence.reason === 'string' ? evidence.reason : null;
      const points = num(evidence.points);
      if (reason && reason !== 'teacher-flagged' && points !== null) {
        return t('insights.next.checkInReason', {
          student,
          reason: reasonText({ feature: reason, value: num(evidence.value), points }, model, locale, t),
        });
      }
      if (reason === 'teacher-flagged' || evidence.status === 'teacher-flagged') return t('insights.next.checkInTeacher', { student });
      return t('insights.next.checkInPlain', { student });
    }
  }
}
