import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useDeepLinkSubmit } from '../../hooks/useDeepLinkSubmit';
import { useT } from '../../i18n/I18nProvider';
import { ErrorSummary, type SummaryEntry } from './ErrorSummary';
import { ItemFields } from './ItemFields';
import { SendStatus } from './SendStatus';
import { MAX_ITEMS, fieldId, hasErrors, newDraft, toItemInput, validateDraft, type FieldName, type ItemDraft, type ItemErrors } from './draft';

const FIELD_ORDER: FieldName[] = ['title', 'skills', 'count', 'dueAt', 'points'];
const ADD_BUTTON_ID = 'dl-add-item';

/** The deep-linking picker: one or more assignment blocks, validated here, then sent to the LMS. */
export function DeepLinkForm() {
  const t = useT();
  const nextKey = useRef(2);
  const [drafts, setDrafts] = useState<ItemDraft[]>(() => [newDraft(1)]);
  // Errors from the last submit, by block key; they refresh on the next submit, not per keystroke.
  const [errors, setErrors] = useState<Record<number, ItemErrors>>({});
  const [attempt, setAttempt] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const { state, submit, reset } = useDeepLinkSubmit();
  const sending = state.status === 'sending';

  // Focus moves after the DOM has the new block (or the add button is back).
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const change = (key: number, patch: Partial<ItemDraft>) =>
    setDrafts((current) => current.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  const add = () => {
    if (drafts.length >= MAX_ITEMS) return;
    const key = nextKey.current++;
    setDrafts((current) => [...current, newDraft(key)]);
    setAnnouncement('');
    setFocusTarget(fieldId(key, 'title'));
  };

  const remove = (key: number) => {
    const number = drafts.findIndex((d) => d.key === key) + 1;
    setDrafts((current) => current.filter((d) => d.key !== key));
    setErrors(({ [key]: _removed, ...rest }) => rest);
    setAnnouncement(t('deepLinking.itemRemoved', { number }));
    setFocusTarget(ADD_BUTTON_ID);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    const found: Record<number, ItemErrors> = {};
    for (const draft of drafts) {
      const itemErrors = validateDraft(draft);
      if (hasErrors(itemErrors)) found[draft.key] = itemErrors;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      reset();
      setAttempt((n) => n + 1);
      return;
    }
    void submit(drafts.map(toItemInput));
  };

  const summary: SummaryEntry[] = drafts.flatMap((draft, index) =>
    FIELD_ORDER.flatMap((field) => {
      const key = errors[draft.key]?.[field];
      if (!key) return [];
      const text = drafts.length > 1 ? t('deepLinking.errorInItem', { number: index + 1, message: t(key) }) : t(key);
      return [{ fieldId: fieldId(draft.key, field), text }];
    }),
  );

  return (
    <form className="picker" noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary} attempt={attempt} />
      <p className="status">
        {t('deepLinking.requiredNote')}
      </p>

      {drafts.map((draft, index) => (
        <ItemFields
          key={draft.key}
          draft={draft}
          number={index + 1}
          errors={errors[draft.key] ?? {}}
          onChange={change}
          onRemove={index > 0 ? remove : undefined}
        />
      ))}

      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {drafts.length < MAX_ITEMS ? (
        <button id={ADD_BUTTON_ID} type="button" className="button button-secondary" onClick={add}>
          {t('deepLinking.addItem')}
        </button>
      ) : (
        <p id={ADD_BUTTON_ID} tabIndex={-1} className="status">
          {t('deepLinking.maxItems', { max: MAX_ITEMS })}
        </p>
      )}

      <div className="form-actions">
        {/* aria-disabled, not disabled: a disabled button drops keyboard focus mid-send. */}
        <button type="submit" className="button" aria-disabled={sending || undefined}>
          {t('deepLinking.submit')}
        </button>
      </div>
      <SendStatus state={state} />
    </form>
  );
}
