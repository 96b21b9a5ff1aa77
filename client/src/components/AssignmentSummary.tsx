import type { AssignmentView, Locale } from '../../../server/http/contract';
import { formatDateTime } from '../format';
import { useLocale, useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';

/** The assignment this link opens: title, goal in plain words, skills and due date. */
export function AssignmentSummary({ assignment }: { assignment: AssignmentView }) {
  const t = useT();
  const locale = useLocale();
  const { settings } = assignment;

  return (
    <section className="card" aria-labelledby="assignment-title">
      <p className="eyebrow">{t('assignment.heading')}</p>
      <h2 id="assignment-title">{assignment.title}</h2>
      <dl className="assignment-details">
        <div>
          <dt>{t('assignment.goal')}</dt>
          <dd>{goalText(settings.goal, locale, t)}</dd>
        </div>
        <div>
          <dt>{t('assignment.skills')}</dt>
          <dd>
            <ul className="skill-list">
              {settings.skills.map((skill) => (
                <li key={skill}>{skill}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('assignment.due')}</dt>
          <dd>
            {settings.dueAt ? (
              <time dateTime={settings.dueAt}>{formatDateTime(settings.dueAt, locale) ?? settings.dueAt}</time>
            ) : (
              t('assignment.noDue')
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function goalText(goal: AssignmentView['settings']['goal'], locale: Locale, t: Translate): string {
  if (goal.kind === 'mastery') return t('assignment.goalMastery');
  const plural = new Intl.PluralRules(locale).select(goal.count);
  return t(plural === 'one' ? 'assignment.goalItemsOne' : 'assignment.goalItemsOther', { count: goal.count });
}
