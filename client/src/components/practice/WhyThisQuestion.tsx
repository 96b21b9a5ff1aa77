import { useId, useState } from 'react';
import type { Locale, SelectionExplanation } from '../../../../server/http/contract';
import { formatList } from '../../format';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { MessageKey, Translate } from '../../i18n/translate';
import type { SkillName } from './skillNames';

type PassedOverReason = SelectionExplanation['passedOver'][number]['reason'];

const REASON_KEYS: Record<PassedOverReason, MessageKey> = {
  mastered: 'practice.why.reason.mastered',
  'prerequisites-not-mastered': 'practice.why.reason.prerequisitesNotMastered',
  'just-practised': 'practice.why.reason.justPractised',
  'lower-priority': 'practice.why.reason.lowerPriority',
};

/** "Why this question?": the selector's reasons in plain words, collapsed until asked for. */
export function WhyThisQuestion({ why, skillName }: { why: SelectionExplanation; skillName: SkillName }) {
  const t = useT();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const skill = skillName(why.skill);

  return (
    <div className="why">
      <button
        type="button"
        className="button button-secondary why-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('practice.why')}
      </button>
      <div id={panelId} className="why-panel" hidden={!open}>
        <p>{ruleSentence(why, skill, skillName, locale, t)}</p>
        <p>
          {t(estimateKey(why.evidence, locale), {
            skill,
            percent: percent.format(why.pKnown),
            count: new Intl.NumberFormat(locale).format(why.evidence),
          })}{' '}
          {t('practice.why.threshold', { threshold: percent.format(why.masteryThreshold) })}
        </p>
        {why.prerequisites.length > 0 && (
          <>
            <p className="why-label">{t('practice.why.prerequisitesHeading', { skill })}</p>
            <ul className="why-list">
              {why.prerequisites.map((p) => (
                <li key={p.code}>
                  {p.mastered ? (
                    <>
                      <span aria-hidden="true">✓ </span>
                      {t('practice.why.prerequisiteMastered', { skill: skillName(p.code) })}
                    </>
                  ) : (
                    t('practice.why.prerequisiteLearning', { skill: skillName(p.code), percent: percent.format(p.pKnown) })
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {why.passedOver.length > 0 && (
          <>
            <p className="why-label">{t('practice.why.passedOverHeading')}</p>
            <ul className="why-list">
              {why.passedOver.map((p) => (
                <li key={p.code}>
                  {t('practice.why.passedOverItem', { skill: skillName(p.code), reason: t(REASON_KEYS[p.reason]) })}
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="why-model">{t('practice.why.model', { version: why.modelVersion })}</p>
      </div>
    </div>
  );
}

function ruleSentence(why: SelectionExplanation, skill: string, skillName: SkillName, locale: Locale, t: Translate): string {
  switch (why.rule) {
    case 'ready-to-learn': {
      const blocks = why.prerequisites.filter((p) => p.mastered).map((p) => skillName(p.code));
      return blocks.length > 0
        ? t('practice.why.readyToLearn', { skill, prerequisites: formatList(blocks, locale) })
        : t('practice.why.readyToLearnStart', { skill });
    }
    case 'keep-learning':
      return t('practice.why.keepLearning', { skill });
    case 'prerequisite-first':
      return t('practice.why.prerequisiteFirst', { skill });
    case 'spaced-review': {
      const date = why.review ? formatDate(why.review.lastPracticedAt, locale) : null;
      return date ? t('practice.why.spacedReview', { skill, date }) : t('practice.why.spacedReviewNoDate', { skill });
    }
    case 'all-mastered':
      return t('practice.why.allMastered', { skill });
  }
}

function estimateKey(evidence: number, locale: Locale): MessageKey {
  if (evidence === 0) return 'practice.why.estimateNoEvidence';
  return new Intl.PluralRules(locale).select(evidence) === 'one' ? 'practice.why.estimateOne' : 'practice.why.estimateOther';
}

/** "Nov 25, 2025" / "25 nov 2025"; null if unparseable. */
function formatDate(iso: string, locale: Locale): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}
