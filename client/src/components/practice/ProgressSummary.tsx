import { useId } from 'react';
import type {
  LmsScoreStatus,
  Locale,
  PracticeProgressView,
  SkillProgressView,
  SkillStatus,
} from '../../../../server/http/contract';
import { formatList } from '../../format';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { MessageKey, Translate } from '../../i18n/translate';

/** Named in the mastery sentence; more would make it a list, and the lists below have them all. */
const MAX_NAMED_STRENGTHS = 3;

/** Strengths first: mastered, then learning, then ready, then what comes later. */
const GROUPS: { status: SkillStatus; key: MessageKey }[] = [
  { status: 'mastered', key: 'practice.progress.group.mastered' },
  { status: 'learning', key: 'practice.progress.group.learning' },
  { status: 'ready', key: 'practice.progress.group.ready' },
  { status: 'not-ready', key: 'practice.progress.group.notReady' },
];

/** "Your progress" in plain words, updated after every answer. */
export function ProgressSummary({ progress }: { progress: PracticeProgressView }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();

  return (
    <section className="card progress-summary" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('practice.progress.heading')}</h2>
      {progress.targetCount > 0 && <p className="progress-lead">{masterySentence(progress, locale, t)}</p>}
      {progress.complete && (
        <p className="progress-complete">
          <span aria-hidden="true">★ </span>
          {t('practice.progress.complete')}
        </p>
      )}
      <GoalMeter progress={progress} />
      <p>{answeredSentence(progress, locale, t)}</p>
      <SkillGroups skills={progress.skills} />
      {progress.score && <Score score={progress.score} />}
    </section>
  );
}

/** A progress bar toward the assignment's goal, with the same numbers as visible text. */
function GoalMeter({ progress }: { progress: PracticeProgressView }) {
  const t = useT();
  const locale = useLocale();
  const labelId = useId();
  const number = new Intl.NumberFormat(locale);
  const byItems = progress.goal.kind === 'items';
  const max = progress.goal.kind === 'items' ? progress.goal.count : progress.targetCount;
  if (max <= 0) return null;
  const value = Math.min(byItems ? progress.itemsAnswered : progress.masteredCount, max);
  const valueText = t('practice.progress.barValue', { value: number.format(value), max: number.format(max) });

  return (
    <div className="goal-meter">
      <p className="goal-meter-text">
        <span id={labelId} className="goal-meter-label">
          {t(byItems ? 'practice.progress.barItems' : 'practice.progress.barSkills')}
        </span>{' '}
        <span>{valueText}</span>
      </p>
      <progress aria-labelledby={labelId} aria-valuetext={valueText} max={max} value={value}>
        {valueText}
      </progress>
    </div>
  );
}

function SkillGroups({ skills }: { skills: readonly SkillProgressView[] }) {
  const t = useT();
  return (
    <div className="skill-groups">
      {GROUPS.map(({ status, key }) => {
        const inGroup = skills.filter((s) => s.status === status);
        if (inGroup.length === 0) return null;
        return (
          <div key={status} className="skill-group">
            <h3>
              {status === 'mastered' && <span aria-hidden="true">✓ </span>}
              {t(key)}
            </h3>
            <ul>
              {inGroup.map((skill) => (
                <li key={skill.code}>{skill.name}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

const LMS_KEYS: Record<LmsScoreStatus, MessageKey> = {
  'not-sent': 'practice.progress.lms.notSent',
  pending: 'practice.progress.lms.pending',
  delivered: 'practice.progress.lms.delivered',
  failed: 'practice.progress.lms.failed',
  'no-gradebook': 'practice.progress.lms.noGradebook',
};

const LMS_SYMBOLS: Partial<Record<LmsScoreStatus, string>> = { delivered: '✓ ', pending: '○ ', failed: '! ' };

/** The score and whether it reached the LMS gradebook, in words (the symbol only repeats them). */
function Score({ score }: { score: NonNullable<PracticeProgressView['score']> }) {
  const t = useT();
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const symbol = LMS_SYMBOLS[score.lms];
  return (
    <div className="score">
      <p className="score-value">
        {t(score.rule === 'skills-mastered' ? 'practice.progress.scoreSkills' : 'practice.progress.scoreItems', {
          given: number.format(score.given),
          maximum: number.format(score.maximum),
        })}
      </p>
      <p className={`score-lms score-lms-${score.lms}`}>
        {symbol && <span aria-hidden="true">{symbol}</span>}
        {t(LMS_KEYS[score.lms])}
      </p>
    </div>
  );
}

function masterySentence(progress: PracticeProgressView, locale: Locale, t: Translate): string {
  const number = new Intl.NumberFormat(locale);
  const total = progress.targetCount;
  const mastered = progress.masteredCount;
  const one = new Intl.PluralRules(locale).select(total) === 'one';
  if (mastered <= 0) {
    return t(one ? 'practice.progress.noneMasteredOne' : 'practice.progress.noneMasteredOther', { total: number.format(total) });
  }
  const names = progress.skills.filter((s) => s.mastered).map((s) => s.name);
  const skills = formatList(names.slice(0, MAX_NAMED_STRENGTHS), locale);
  if (mastered >= total) {
    return one
      ? t('practice.progress.allMasteredOne', { skills })
      : t('practice.progress.allMasteredOther', { total: number.format(total) });
  }
  return t(names.length > 0 ? 'practice.progress.masteredSome' : 'practice.progress.masteredSomeUnnamed', {
    mastered: number.format(mastered),
    total: number.format(total),
    skills,
  });
}

function answeredSentence(progress: PracticeProgressView, locale: Locale, t: Translate): string {
  const answered = progress.itemsAnswered;
  if (answered === 0) return t('practice.progress.answeredNone');
  const number = new Intl.NumberFormat(locale);
  const one = new Intl.PluralRules(locale).select(answered) === 'one';
  return t(one ? 'practice.progress.answeredOne' : 'practice.progress.answeredOther', {
    answered: number.format(answered),
    correct: number.format(progress.itemsCorrect),
  });
}
