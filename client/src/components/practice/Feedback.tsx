import { useId } from 'react';
import type { AnswerFeedback, AttemptResultView, RenderedText } from '../../../../server/http/contract';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import { Fill, RichText } from './RichText';
import type { SkillName } from './skillNames';

/** Extra help for the ways an answer can be close; plain right or wrong needs none. */
const DETAIL_KEYS: Partial<Record<AnswerFeedback, MessageKey>> = {
  'not-simplest': 'practice.feedback.notSimplest',
  'wrong-unit': 'practice.feedback.wrongUnit',
  unreadable: 'practice.feedback.unreadable',
};

interface FeedbackProps {
  result: AttemptResultView | null;
  checking: boolean;
  skillName: SkillName;
}

/**
 * The verdict, read out as soon as it arrives. Only the short part lives in the status region;
 * the worked solution follows it on the page, to read at the student's own pace.
 */
export function Feedback({ result, checking, skillName }: FeedbackProps) {
  const t = useT();
  return (
    // Always mounted (empty until the first check), so assistive tech is already listening.
    <div role="status" className="feedback-region">
      {checking && <p className="status">{t('practice.checking')}</p>}
      {result && <Verdict result={result} skillName={skillName} />}
    </div>
  );
}

function Verdict({ result, skillName }: { result: AttemptResultView; skillName: SkillName }) {
  const t = useT();
  const detail = DETAIL_KEYS[result.feedback];
  return (
    <div className={result.correct ? 'feedback feedback-correct' : 'feedback feedback-incorrect'}>
      {/* The word says right or wrong; the symbol and the colour only repeat it. */}
      <p className="feedback-verdict">
        <span aria-hidden="true">{result.correct ? '✓ ' : '✗ '}</span>
        {t(result.correct ? 'practice.correct' : 'practice.incorrect')}
      </p>
      {detail && <p>{t(detail)}</p>}
      {!result.correct && result.expected.length > 0 && (
        <p>
          <Fill template={t('practice.expected')} slots={{ answer: <RichText text={result.expected} /> }} />
        </p>
      )}
      {result.mastery.justMastered && (
        <p className="feedback-mastered">
          <span aria-hidden="true">★ </span>
          {t('practice.justMastered', { skill: skillName(result.mastery.skill) })}
        </p>
      )}
    </div>
  );
}

/** The worked solution: shown after a miss, one click away after a correct answer. */
export function WorkedSolution({ result }: { result: AttemptResultView }) {
  const t = useT();
  const headingId = useId();
  if (result.solution.length === 0) return null;
  if (result.correct) {
    return (
      <details className="solution">
        <summary>{t('practice.seeSolution')}</summary>
        <SolutionSteps steps={result.solution} label={t('practice.solutionHeading')} />
      </details>
    );
  }
  return (
    <section className="solution" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('practice.solutionHeading')}</h3>
      <SolutionSteps steps={result.solution} />
    </section>
  );
}

function SolutionSteps({ steps, label }: { steps: readonly RenderedText[]; label?: string }) {
  return (
    <ol className="solution-steps" aria-label={label}>
      {steps.map((step, index) => (
        <li key={index}>
          <RichText text={step} />
        </li>
      ))}
    </ol>
  );
}
