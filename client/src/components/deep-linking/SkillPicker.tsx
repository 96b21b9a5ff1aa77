import { useT } from '../../i18n/I18nProvider';
import { FieldError, Hint, describedBy } from './FieldMessages';
import { SUGGESTED_SKILLS, fieldId, mergeSkills, type ItemDraft, type SuggestedSkill } from './draft';

interface SkillPickerProps {
  draft: ItemDraft;
  error: string | undefined;
  onChange: (patch: Partial<ItemDraft>) => void;
}

/** Typed standard codes plus ticked suggestions; the merged list is shown so nothing is a surprise. */
export function SkillPicker({ draft, error, onChange }: SkillPickerProps) {
  const t = useT();
  const inputId = fieldId(draft.key, 'skills');
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const merged = mergeSkills(draft);

  const toggle = (code: SuggestedSkill, checked: boolean) =>
    onChange({ ticked: checked ? [...draft.ticked, code] : draft.ticked.filter((c) => c !== code) });

  return (
    <fieldset className="subfieldset">
      <legend>{t('deepLinking.skillsLegend')}</legend>
      <div className="field">
        <label className="field-label" htmlFor={inputId}>
          {t('deepLinking.skillsLabel')}
        </label>
        <Hint id={hintId}>{t('deepLinking.skillsHint')}</Hint>
        <FieldError id={errorId} message={error} />
        <input
          id={inputId}
          className="input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={draft.skillsText}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId, error && errorId)}
          onChange={(e) => onChange({ skillsText: e.target.value })}
        />
      </div>
      <fieldset className="subfieldset">
        <legend className="legend-minor">{t('deepLinking.suggestedLegend')}</legend>
        <ul className="choice-grid">
          {SUGGESTED_SKILLS.map((code) => {
            const id = fieldId(draft.key, `skill-${code.replace(/\./g, '-')}`);
            return (
              <li key={code} className="choice">
                <input
                  id={id}
                  type="checkbox"
                  checked={draft.ticked.includes(code)}
                  aria-describedby={`${id}-desc`}
                  onChange={(e) => toggle(code, e.target.checked)}
                />
                {/* The code alone is the name (short, what teachers scan for); the words describe it. */}
                <span className="choice-text">
                  <label htmlFor={id} className="choice-code">
                    {code}
                  </label>
                  <span id={`${id}-desc`} className="choice-desc">
                    {t(`skill.${code}`)}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <p className="selected-skills">
        {merged.length > 0 ? t('deepLinking.selectedSkills', { skills: merged.join(', ') }) : t('deepLinking.selectedNone')}
      </p>
    </fieldset>
  );
}
