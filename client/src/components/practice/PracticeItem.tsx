import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PracticeItemView } from '../../../../server/http/contract';
import { apiErrorText } from '../../errorText';
import { isItemConflict, type AnswerValue, type PracticeApi, type PracticeSession } from '../../hooks/usePractice';
import { useT } from '../../i18n/I18nProvider';
import { AnswerInput, type AnswerError } from './AnswerInput';
import { Feedback, WorkedSolution } from './Feedback';
import { Hints } from './Hints';
import { SubmitError } from './SubmitError';
import type { SkillName } from './skillNames';
import { WhyThisQuestion } from './WhyThisQuestion';

interface PracticeItemProps {
  session: PracticeSession & { item: PracticeItemView };
  practice: PracticeApi;
  skillName: SkillName;
}

/**
 * One question from prompt to feedback. Mounted afresh for every item (keyed by the parent),
 * so the draft answer and timers never leak from one question into the next.
 */
export function PracticeItem({ session, practice, skillName }: PracticeItemProps) {
  const t = useT();
  const { item, result } = session;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const [answer, setAnswer] = useState<AnswerValue>(item.answerKind === 'choice' && item.choices ? [] : '');
  const [localError, setLocalError] = useState<AnswerError | null>(null);
  const errorCount = useRef(0);

  const { submitState } = practice;
  const sending = submitState.status === 'sending';
  const answered = result !== null;

  // "Next question" replaces the whole item: take keyboard focus to the new question's heading.
  useEffect(() => {
    if (session.focusItem) heading.current?.focus();
    // Only on mount: focusItem describes how this item arrived.
  }, []);

  // Checked choices become disabled; if focus was on one, keep it on the (still focusable) button.
  useEffect(() => {
    if (!answered) return;
    const active = document.activeElement;
    if (!active || active === document.body || (active instanceof HTMLInputElement && active.disabled)) {
      submitButton.current?.focus();
    }
  }, [answered]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (answered || sending) return;
    const empty = typeof answer === 'string' ? answer.trim() === '' : answer.length === 0;
    if (empty) {
      const key = typeof answer === 'string' ? 'practice.error.empty' : 'practice.error.noChoice';
      setLocalError({ text: t(key), n: ++errorCount.current });
      return;
    }
    setLocalError(null);
    void practice.submit(item.id, typeof answer === 'string' ? answer.trim() : answer);
  };

  // A 400 is about the answer itself ("we couldn't read that as a number"): it belongs next to
  // the answer box. Other failures (network, conflicts) go below the button.
  const serverError = submitState.status === 'error' ? submitState.error : null;
  const answerProblem = serverError?.status === 400;
  const fieldError: AnswerError | null =
    localError ??
    (answerProblem && serverError && submitState.status === 'error'
      ? { text: apiErrorText(serverError, t), n: submitState.attempt }
      : null);

  return (
    <section className="card practice-item" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('practice.questionHeading', { number: session.itemNumber })}
      </h2>
      <p className="item-skill">
        {item.skill.standard
          ? t('practice.skillLine', { skill: item.skill.name, standard: item.skill.standard })
          : t('practice.skillOnly', { skill: item.skill.name })}
      </p>
      <form className="answer-form" noValidate onSubmit={onSubmit}>
        <AnswerInput
          item={item}
          value={answer}
          onChange={setAnswer}
          locked={answered}
          sending={sending}
          error={fieldError}
        />
        <div className="form-actions">
          {/* aria-disabled, not disabled: after checking, focus stays here instead of jumping to the page top. */}
          <button ref={submitButton} type="submit" className="button" aria-disabled={answered || sending}>
            {t('practice.submit')}
          </button>
        </div>
        <SubmitError
          state={submitState}
          show={serverError !== null && !answerProblem}
          conflict={serverError !== null && isItemConflict(serverError)}
          onReload={() => practice.reload(true)}
        />
      </form>
      <Feedback result={result} checking={sending} skillName={skillName} />
      {result && (
        <>
          <WorkedSolution result={result} />
          <div className="section-actions">
            {result.next ? (
              <button type="button" className="button" onClick={practice.next}>
                {t('practice.next')}
              </button>
            ) : (
              <p>{t('practice.finished')}</p>
            )}
          </div>
        </>
      )}
      <Hints
        hints={session.hints}
        available={session.hintsAvailable}
        request={practice.hintState}
        answered={answered}
        onShowHint={() => void practice.showHint(item.id)}
      />
      <WhyThisQuestion why={item.why} skillName={skillName} />
    </section>
  );
}
