import type { ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { FieldError, Hint, describedBy } from './FieldMessages';
import { GoalFields } from './GoalFields';
import { SkillPicker } from './SkillPicker';
import { fieldId, type FieldName, type ItemDraft, type ItemErrors } from './draft';

interface ItemFieldsProps {
  draft: ItemDraft;
  /** 1-based, as teachers count. */
  number: number;
  errors: ItemErrors;
  onChange: (key: number, patch: Partial<ItemDraft>) => void;
  /** Absent for the first block: there is always at least one assignment. */
  onRemove?: (key: number) => void;
}

/** One assignment's fields, grouped under "Assignment N". */
export function ItemFields({ draft, number, errors, onChange, onRemove }: ItemFieldsProps) {
  const t = useT();
  const change = (patch: Partial<ItemDraft>) => onChange(draft.key, patch);
  const message = (field: FieldName) => {
    const key = errors[field];
    return key ? t(key) : undefined;
  };

  return (
    <fieldset className="item-fieldset" id={fieldId(draft.key, 'block')}>
      <legend>{t('deepLinking.itemLegend', { number })}</legend>

      <TextField draftKey={draft.key} field="title" label={t('deepLinking.titleLabel')} hint={t('deepLinking.titleHint')} error={message('title')}>
        {(props) => (
          <input {...props} type="text" required autoComplete="off" value={draft.title} onChange={(e) => change({ title: e.target.value })} />
        )}
      </TextField>

      <SkillPicker draft={draft} error={message('skills')} onChange={change} />
      <GoalFields draft={draft} error={message('count')} onChange={change} />

      <div className="field field-check">
        <input
          id={fieldId(draft.key, 'spacedReview')}
          type="checkbox"
          checked={draft.spacedReview}
          aria-describedby={fieldId(draft.key, 'spacedReview-hint')}
          onChange={(e) => change({ spacedReview: e.target.checked })}
        />
        <label htmlFor={fieldId(draft.key, 'spacedReview')}>{t('deepLinking.spacedReviewLabel')}</label>
        <Hint id={fieldId(draft.key, 'spacedReview-hint')}>{t('deepLinking.spacedReviewHint')}</Hint>
      </div>

      <TextField draftKey={draft.key} field="dueAt" label={t('deepLinking.dueLabel')} hint={t('deepLinking.dueHint')} error={message('dueAt')}>
        {(props) => (
          <input
            {...props}
            type="datetime-local"
            className="input input-date"
            value={draft.dueAt}
            // A half-typed date reads as "" with badInput set; remember it so we can say so.
            onChange={(e) => change({ dueAt: e.target.value, dueIncomplete: e.target.validity.badInput })}
            onBlur={(e) => change({ dueIncomplete: e.target.validity.badInput })}
          />
        )}
      </TextField>

      <TextField draftKey={draft.key} field="points" label={t('deepLinking.pointsLabel')} hint={t('deepLinking.pointsHint')} error={message('points')}>
        {(props) => (
          <input
            {...props}
            type="number"
            className="input input-number"
            inputMode="decimal"
            min={0}
            max={1000}
            step="any"
            required
            value={draft.points}
            onChange={(e) => change({ points: e.target.value })}
          />
        )}
      </TextField>

      {onRemove && (
        <button type="button" className="button button-secondary" onClick={() => onRemove(draft.key)}>
          {t('deepLinking.removeItem', { number })}
        </button>
      )}
    </fieldset>
  );
}

interface InputProps {
  id: string;
  className: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Label, hint and error wired to one input, which the caller renders with these props. */
function TextField(props: {
  draftKey: number;
  field: FieldName;
  label: string;
  hint: string;
  error: string | undefined;
  children: (input: InputProps) => ReactNode;
}) {
  const id = fieldId(props.draftKey, props.field);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <Hint id={hintId}>{props.hint}</Hint>
      <FieldError id={errorId} message={props.error} />
      {props.children({
        id,
        className: 'input',
        'aria-invalid': props.error ? true : undefined,
        'aria-describedby': describedBy(hintId, props.error && errorId),
      })}
    </div>
  );
}
