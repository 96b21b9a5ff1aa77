import { useId } from 'react';
import type { PracticeItemView, RenderedText } from '../../../../server/http/contract';
import type { AnswerValue } from '../../hooks/usePractice';
import { useT } from '../../i18n/I18nProvider';
import { plainText, RichText } from './RichText';

/** Same limit as the server's: longer answers are cut off while typing, not rejected later. */
export const MAX_ANSWER_LENGTH = 200;

/** A problem with the answer; `n` re-keys it so the same message is announced again. */
export interface AnswerError {
  text: string;
  n: number;
}

interface AnswerInputProps {
  item: PracticeItemView;
  value: AnswerValue;
  onChange: (value: AnswerValue) => void;
  /** The answer has been checked: shown, no longer editable. */
  locked: boolean;
  /** Being checked: the typed answer is read-only meanwhile (choices stay put, keeping focus). */
  sending: boolean;
  error: AnswerError | null;
}

/** The prompt and its answer control: choices (radio or checkboxes) or a typed answer. */
export function AnswerInput(props: AnswerInputProps) {
  const { item } = props;
  return item.answerKind === 'choice' && item.choices ? (
    <ChoiceAnswer {...props} choices={item.choices} />
  ) : (
    <TypedAnswer {...props} />
  );
}

function TypedAnswer({ item, value, onChange, locked, sending, error }: AnswerInputProps) {
  const t = useT();
  const id = useId();
  const inputId = `${id}-answer`;
  const formatId = `${id}-format`;
  const errorId = `${id}-error`;
  const format = answerFormat(item);

  return (
    <div className="field">
      <p className="prompt">
        <RichText text={item.prompt} />
      </p>
      <label htmlFor={inputId} className="field-label">
        {t('practice.answerLabel')}
      </label>
      {format && <AnswerFormat id={formatId} format={format} />}
      <input
        id={inputId}
        className="input answer-input"
        type="text"
        // "text", not "decimal": fractions and expressions need "/", "x", "(" and spaces.
        inputMode="text"
        enterKeyHint="done"
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        maxLength={MAX_ANSWER_LENGTH}
        readOnly={locked || sending}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(format && formatId, error && errorId)}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value)}
      />
      <AnswerErrorText id={errorId} error={error} />
    </div>
  );
}

type Choices = NonNullable<PracticeItemView['choices']>;

function ChoiceAnswer({ item, value, onChange, locked, error, choices }: AnswerInputProps & { choices: Choices }) {
  const t = useT();
  const id = useId();
  const selectAllId = `${id}-select-all`;
  const formatId = `${id}-format`;
  const errorId = `${id}-error`;
  const chosen = Array.isArray(value) ? value : [];
  const format = answerFormat(item);

  const toggle = (choiceId: string, checked: boolean) => {
    if (!item.multiple) onChange([choiceId]);
    else onChange(checked ? [...chosen.filter((c) => c !== choiceId), choiceId] : chosen.filter((c) => c !== choiceId));
  };

  return (
    <fieldset
      className="answer-fieldset"
      aria-describedby={describedBy(item.multiple && selectAllId, format && formatId, error && errorId)}
    >
      <legend className="prompt">
        <RichText text={item.prompt} />
      </legend>
      {item.multiple && (
        <p id={selectAllId} className="field-hint">
          {t('practice.selectAll')}
        </p>
      )}
      {format && <AnswerFormat id={formatId} format={format} />}
      <ul className="choice-list">
        {choices.map((choice) => {
          const inputId = `${id}-choice-${choice.id}`;
          return (
            <li key={choice.id} className="choice">
              <input
                id={inputId}
                type={item.multiple ? 'checkbox' : 'radio'}
                name={`${id}-choices`}
                value={choice.id}
                checked={chosen.includes(choice.id)}
                disabled={locked}
                // The label shows the math; the name needs it as text (see plainText).
                aria-label={choice.content.some((s) => s.kind === 'math') ? plainText(choice.content) : undefined}
                onChange={(event) => toggle(choice.id, event.target.checked)}
              />
              <label htmlFor={inputId}>
                <RichText text={choice.content} />
              </label>
            </li>
          );
        })}
      </ul>
      <AnswerErrorText id={errorId} error={error} />
    </fieldset>
  );
}

function answerFormat(item: PracticeItemView): RenderedText | null {
  return item.answerFormat && item.answerFormat.length > 0 ? item.answerFormat : null;
}

/**
 * What the box expects, under the label ("A fraction, like 3/4"); the input points at it with
 * aria-describedby. The server writes it as a standalone phrase, so it is shown as is.
 */
function AnswerFormat({ id, format }: { id: string; format: RenderedText }) {
  return (
    <p id={id} className="field-hint">
      <RichText text={format} />
    </p>
  );
}

/** Always mounted, so an error is announced when it appears; the hidden prefix doesn't rely on colour. */
function AnswerErrorText({ id, error }: { id: string; error: AnswerError | null }) {
  const t = useT();
  return (
    <div id={id} role="alert">
      {error && (
        <p key={error.n} className="field-error">
          <span className="visually-hidden">{t('practice.errorPrefix')} </span>
          {error.text}
        </p>
      )}
    </div>
  );
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}
