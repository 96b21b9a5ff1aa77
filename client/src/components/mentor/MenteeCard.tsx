import { useId } from 'react';
import type { Locale, MenteeView } from '../../../../server/http/contract';
import { formatList } from '../../format';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { MessageKey, Translate } from '../../i18n/translate';
import { progressWordKey } from './progressWords';

/** Named in the strengths sentence; the rest are summed up in the count. */
const MAX_NAMED_STRENGTHS = 3;

const HOME_KEYS: Record<MenteeView['home'][number]['reason'], MessageKey> = {
  learning: 'mentor.home.learning',
  'review-due': 'mentor.home.reviewDue',
};

/**
 * One learner in plain words for a parent: strengths first, then what they are working on,
 * how much they practised this week, and what to practise at home.
 */
export function MenteeCard({ mentee, displayName }: { mentee: MenteeView; displayName: string }) {
  const t = useT();
  const locale = useLocale();
  const headingId = useId();

  return (
    <section className="card mentee" aria-labelledby={headingId}>
      <h2 id={headingId}>{displayName}</h2>

      <h3>
        <span aria-hidden="true">★ </span>
        {t('mentor.strengthsHeading')}
      </h3>
      <p className="mentee-lead">{strengthsSentence(mentee, displayName, locale, t)}</p>

      <h3>{t('mentor.goalsHeading')}</h3>
      {mentee.goals.length > 0 ? (
        <ul className="mentee-list">
          {mentee.goals.map((goal) => (
            <li key={goal.code}>{t('mentor.goal', { skill: goal.name, progress: t(progressWordKey(goal.pKnown)) })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('mentor.goalsNone')}</p>
      )}

      <h3>{t('mentor.activityHeading')}</h3>
      <Activity mentee={mentee} />

      <h3>{t('mentor.homeHeading')}</h3>
      {mentee.home.length > 0 ? (
        <ul className="mentee-list">
          {mentee.home.map((skill) => (
            <li key={skill.code}>{t(HOME_KEYS[skill.reason], { skill: skill.name })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('mentor.homeNone')}</p>
      )}
    </section>
  );
}

/** "Practised 3 days this week and answered 25 questions", when last, and which skills. */
function Activity({ mentee }: { mentee: MenteeView }) {
  const t = useT();
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const plural = new Intl.PluralRules(locale);
  const latest = mentee.recent[0] ? latestDate(mentee.recent.map((r) => r.at), locale) : null;
  const skills = [...new Set(mentee.recent.map((r) => r.skillName))];

  return (
    <>
      {mentee.attempts7 > 0 ? (
        <p>
          {t('mentor.activity', {
            days: t(plural.select(mentee.activeDays7) === 'one' ? 'mentor.daysOne' : 'mentor.daysOther', {
              count: number.format(mentee.activeDays7),
            }),
            questions: t(plural.select(mentee.attempts7) === 'one' ? 'mentor.questionsOne' : 'mentor.questionsOther', {
              count: number.format(mentee.attempts7),
            }),
          })}
        </p>
      ) : (
        <p>{t('mentor.activityNone')}</p>
      )}
      {latest && <p>{t('mentor.lastPractised', { date: latest })}</p>}
      {skills.length > 0 && <p>{t('mentor.recentSkills', { skills: formatList(skills, locale) })}</p>}
    </>
  );
}

function strengthsSentence(mentee: MenteeView, name: string, locale: Locale, t: Translate): string {
  const count = mentee.strengths.length;
  if (count === 0) return t('mentor.strengthsNone', { name });
  const skills = formatList(
    mentee.strengths.slice(0, MAX_NAMED_STRENGTHS).map((s) => s.name),
    locale,
  );
  if (new Intl.PluralRules(locale).select(count) === 'one') return t('mentor.strengthsOne', { name, skills });
  return t(count > MAX_NAMED_STRENGTHS ? 'mentor.strengthsSome' : 'mentor.strengthsAll', {
    name,
    count: new Intl.NumberFormat(locale).format(count),
    skills,
  });
}

/** The newest of the timestamps as a date in words ("November 25, 2025"); null if none parse. */
function latestDate(times: readonly string[], locale: Locale): string | null {
  const newest = Math.max(...times.map((at) => new Date(at).getTime()).filter((ms) => !Number.isNaN(ms)));
  if (!Number.isFinite(newest)) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(newest));
}
