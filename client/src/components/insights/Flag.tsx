import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { EarlyWarningModelView, FlagOverrideInput, FlagView } from '../../../../server/http/contract';
import { overrideFlag, toApiError } from '../../api';
import { apiErrorText } from '../../errorText';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { formatDate } from './format';
import { FLAG_STATUS_KEY, pointsText, reasonText } from './flagText';
import { useInsights } from './InsightsContext';

export const NOTE_MAX = 2000;

/** A flag's reasons in words with their points, the score against the threshold, the model, any override. */
export function FlagDetails({ flag, model }: { flag: FlagView; model: EarlyWarningModelView | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p className={`flag-status flag-status-${flag.status}`}>
        <span aria-hidden="true">{flag.status === 'dismissed' ? '✓ ' : '⚑ '}</span>
        {t(FLAG_STATUS_KEY[flag.status])}
      </p>
      {flag.reasons.length > 0 && (
        <ul className="flag-reasons">
          {flag.reasons.map((reason) => (
            <li key={reason.feature}>{reasonText(reason, model, locale, t)}</li>
          ))}
        </ul>
      )}
      <p className="flag-score">
        {t('flags.score', {
          score: pointsText(flag.score, locale, t),
          threshold: pointsText(flag.threshold, locale, t),
          version: flag.modelVersion,
        })}
      </p>
      {flag.override && (
        <p className="flag-override">
          {t(flag.override.action === 'dismiss' ? 'flags.overrideDismissed' : 'flags.overrideFlagged', {
            author: flag.override.author ?? t('flags.someone'),
            date: formatDate(flag.override.createdAt, locale),
          })}{' '}
          <q className="flag-note">{flag.override.note}</q>
        </p>
      )}
    </>
  );
}

type Action = FlagOverrideInput['action'];

/** Which judgements make sense now: dismiss a flag, or flag the student for follow-up. */
function actionsFor(flag: FlagView | null): Action[] {
  if (!flag) return ['flag'];
  if (flag.status === 'flagged') return ['dismiss', 'flag'];
  if (flag.status === 'teacher-flagged') return ['dismiss'];
  return ['flag'];
}

interface FlagActionsProps {
  userId: string;
  flag: FlagView | null;
  /** After the override is saved (the caller reloads and may move focus). */
  onDone: (action: Action) => void | Promise<void>;
}

/** "Dismiss" / "Flag for follow-up", each opening a short form that requires a note. */
export function FlagActions({ userId, flag, onDone }: FlagActionsProps) {
  const t = useT();
  const { courseId, studentName } = useInsights();
  const [open, setOpen] = useState<Action | null>(null);
  const formId = useId();
  const name = studentName(userId, flag?.name);
  const opener = useRef<HTMLButtonElement | null>(null);

  return (
    <div className="flag-actions no-print">
      <div className="section-actions">
        {actionsFor(flag).map((action) => (
          <button
            key={action}
            type="button"
            className="button button-secondary"
            aria-expanded={open === action}
            aria-controls={open === action ? formId : undefined}
            onClick={(event) => {
              opener.current = event.currentTarget;
              setOpen((current) => (current === action ? null : action));
            }}
          >
            {t(action === 'dismiss' ? 'flags.dismiss' : 'flags.flag')}
            <span className="visually-hidden"> {t('flags.forStudent', { student: name })}</span>
          </button>
        ))}
      </div>
      {open && (
        <FlagNoteForm
          key={open}
          id={formId}
          action={open}
          student={name}
          onCancel={() => {
            setOpen(null);
            opener.current?.focus();
          }}
          onSubmit={async (note) => {
            await overrideFlag(courseId, { userId, action: open, note });
          }}
          onSaved={async () => {
            const action = open;
            setOpen(null);
            await onDone(action);
          }}
        />
      )}
    </div>
  );
}

interface FlagNoteFormProps {
  id: string;
  action: Action;
  student: string;
  onCancel: () => void;
  onSubmit: (note: string) => Promise<void>;
  onSaved: () => void | Promise<void>;
}

/** The required note behind a dismissal or a follow-up flag; errors in words, tied to the field. */
function FlagNoteForm({ id, action, student, onCancel, onSubmit, onSaved }: FlagNoteFormProps) {
  const t = useT();
  const [note, setNote] = useState('');
  const [error, setError] = useState<{ text: string; n: number } | null>(null);
  const [sending, setSending] = useState(false);
  const busy = useRef(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const errors = useRef(0);
  const noteId = `${id}-note`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  // The form opens where the teacher's attention is: straight into the note.
  useEffect(() => field.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    const text = note.trim();
    if (!text) {
      setError({ text: t('flags.noteRequired'), n: ++errors.current });
      field.current?.focus();
      return;
    }
    busy.current = true;
    setSending(true);
    setError(null);
    try {
      await onSubmit(text);
    } catch (failure) {
      busy.current = false;
      setSending(false);
      setError({ text: t('flags.saveFailed', { message: apiErrorText(toApiError(failure), t) }), n: ++errors.current });
      field.current?.focus();
      return;
    }
    busy.current = false;
    await onSaved();
  };

  return (
    <form id={id} className="flag-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label className="field-label" htmlFor={noteId}>
          {t(action === 'dismiss' ? 'flags.noteLabelDismiss' : 'flags.noteLabelFlag', { student })}
        </label>
        <p id={hintId} className="field-hint">
          {t('flags.noteHint', { max: NOTE_MAX })}
        </p>
        <div id={errorId} role="alert">
          {error && (
            <p key={error.n} className="field-error">
              <span className="visually-hidden">{t('insights.errorPrefix')} </span>
              {error.text}
            </p>
          )}
        </div>
        <textarea
          ref={field}
          id={noteId}
          className="input insights-textarea"
          rows={3}
          maxLength={NOTE_MAX}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={`${hintId} ${errorId}`}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <div className="section-actions">
        <button type="submit" className="button" aria-disabled={sending}>
          {t(action === 'dismiss' ? 'flags.submitDismiss' : 'flags.submitFlag')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('insights.cancel')}
        </button>
      </div>
      <p className="status action-status" role="status">
        {sending && t('insights.saving')}
      </p>
    </form>
  );
}
