import { useT } from '../../i18n/I18nProvider';
import { FieldError, Hint, describedBy } from './FieldMessages';
import { fieldId, type ItemDraft } from './draft';

interface GoalFieldsProps {
  draft: ItemDraft;
  error: string | undefined;
  onChange: (patch: Partial<ItemDraft>) => void;
}

/** "A number of questions" (with its count revealed beneath) or "mastery of every skill". */
export function GoalFields({ draft, error, onChange }: GoalFieldsProps) {
  const t = useT();
  const name = fieldId(draft.key, 'goal');
  const countId = fieldId(draft.key, 'count');
  const hintId = `${countId}-hint`;
  const errorId = `${countId}-error`;

  return (
    <fieldset className="subfieldset">
      <legend>{t('deepLinking.goalLegend')}</legend>
      <div className="choice">
        <input
          id={`${name}-items`}
          type="radio"
          name={name}
          checked={draft.goalKind === 'items'}
          onChange={() => onChange({ goalKind: 'items' })}
        />
        <label htmlFor={`${name}-items`}>{t('deepLinking.goalItems')}</label>
      </div>
      {/* Shown only for this choice, so a hidden count can't block submitting "mastery". */}
      {draft.goalKind === 'items' && (
        <div className="field conditional">
          <label className="field-label" htmlFor={countId}>
            {t('deepLinking.countLabel')}
          </label>
          <Hint id={hintId}>{t('deepLinking.countHint')}</Hint>
          <FieldError id={errorId} message={error} />
          <input
            id={countId}
            className="input input-number"
            type="number"
            inputMode="numeric"
            min={1}
            max={200}
            step={1}
            required
            value={draft.count}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(hintId, error && errorId)}
            onChange={(e) => onChange({ count: e.target.value })}
          />
        </div>
      )}
      <div className="choice">
        <input
          id={`${name}-mastery`}
          type="radio"
          name={name}
          checked={draft.goalKind === 'mastery'}
          onChange={() => onChange({ goalKind: 'mastery' })}
        />
        <label htmlFor={`${name}-mastery`}>{t('deepLinking.goalMastery')}</label>
      </div>
    </fieldset>
  );
}
