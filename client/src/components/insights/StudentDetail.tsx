import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { EarlyWarningModelView, FlagOverrideInput, StudentDetailView, TeacherNoteView } from '../../../../server/http/contract';
import { addTeacherNote, toApiError } from '../../api';
import { apiErrorText } from '../../errorText';
import { formatList } from '../../format';
import { useInsightsStudent } from '../../hooks/useInsights';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { ErrorNotice } from '../ErrorNotice';
import { FlagActions, FlagDetails, NOTE_MAX } from './Flag';
import { cellText, formatDate, formatDuration, formatShortDateTime, formatTime, numberFormat, percentFormat, STATUS_SYMBOL } from './format';
import { useInsights } from './InsightsContext';
import { MasteryLineChart } from './LazyCharts';
import { ScrollTable } from './ScrollTable';

interface StudentDetailProps {
  userId: string;
  model: EarlyWarningModelView | null;
  onBack: () => void;
  /** A flag override was saved here: the class lists should reload. */
  onFlagChanged: () => void;
}

const FLAG_HEADING_ID = 'insights-student-flag-heading';

/** One student, page-like: mastery now and over time, attempts, grades, the flag, notes. */
export function StudentDetail({ userId, model, onBack, onFlagChanged }: StudentDetailProps) {
  const t = useT();
  const { courseId, studentName } = useInsights();
  const detail = useInsightsStudent(courseId, userId);
  const { state } = detail;
  const heading = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const name = studentName(userId, state.status === 'ready' ? state.data.student.name : undefined);

  // Opening the drill-down is like going to a new page: focus its heading.
  useEffect(() => heading.current?.focus(), [userId]);

  const flagDone = async (action: FlagOverrideInput['action']) => {
    await detail.reload();
    onFlagChanged();
    setMessage((m) => ({
      text: t(action === 'dismiss' ? 'flags.dismissed' : 'flags.flagged', { student: name }),
      n: (m?.n ?? 0) + 1,
    }));
    document.getElementById(FLAG_HEADING_ID)?.focus();
  };

  return (
    <section className="card insights-detail" aria-labelledby="insights-student-heading">
      <button type="button" className="button button-secondary no-print" onClick={onBack}>
        <span aria-hidden="true">← </span>
        {t('insights.student.back')}
      </button>
      <p className="eyebrow insights-detail-eyebrow">{t('insights.student.eyebrow')}</p>
      <h2 id="insights-student-heading" ref={heading} tabIndex={-1} className="insights-detail-heading">
        {name}
      </h2>
      <div aria-live="polite">
        {state.status === 'loading' && <p className="status">{t('insights.student.loading')}</p>}
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void detail.reload()} />}
      </div>
      <p role="status" className="status action-status">
        {message && <span key={message.n}>{message.text}</span>}
      </p>
      {state.status === 'ready' && (
        <StudentDetailBody
          userId={userId}
          data={state.data}
          model={model}
          onFlagDone={flagDone}
          onNoteAdded={(note) => detail.update((d) => ({ ...d, notes: [note, ...d.notes.filter((n) => n.id !== note.id)] }))}
        />
      )}
      <div className="section-actions no-print">
        <button type="button" className="button button-secondary" onClick={onBack}>
          <span aria-hidden="true">← </span>
          {t('insights.student.back')}
        </button>
      </div>
    </section>
  );
}

interface BodyProps {
  userId: string;
  data: StudentDetailView;
  model: EarlyWarningModelView | null;
  onFlagDone: (action: FlagOverrideInput['action']) => Promise<void>;
  onNoteAdded: (note: TeacherNoteView) => void;
}

function StudentDetailBody({ userId, data, model, onFlagDone, onNoteAdded }: BodyProps) {
  const t = useT();
  const locale = useLocale();
  const { overview, skillName } = useInsights();
  const id = useId();
  const percent = percentFormat(locale);
  const number = numberFormat(locale);
  const skills = useMemo(
    () =>
      [...data.skills].sort(
        (a, b) => Number(b.status === 'mastered') - Number(a.status === 'mastered') || (b.pKnown ?? -1) - (a.pKnown ?? -1),
      ),
    [data.skills],
  );
  const strengths = skills.filter((s) => s.status === 'mastered').map((s) => s.name);
  const nameOf = (code: string) => data.skills.find((s) => s.code === code)?.name ?? skillName(code);
  const attempts = useMemo(() => [...data.attempts].sort((a, b) => b.at.localeCompare(a.at)), [data.attempts]);
  const history = data.history.filter((h) => h.points.length > 0);
  // Within a day or so the axis shows times; over longer spans, dates.
  const times = history.flatMap((h) => h.points.map((p) => Date.parse(p.at)));
  const shortSpan = times.length > 0 && Math.max(...times) - Math.min(...times) < 36 * 60 * 60 * 1000;
  const axisTime = (time: number) => {
    const iso = new Date(time).toISOString();
    return shortSpan ? formatTime(iso, locale) : formatDate(iso, locale);
  };

  return (
    <>
      <p>
        {data.student.launched
          ? data.student.lastActiveAt
            ? t('insights.student.lastActive', { date: formatDate(data.student.lastActiveAt, locale) })
            : t('insights.student.noActivity')
          : t('insights.notLaunched')}
      </p>
      {strengths.length > 0 && (
        <p className="insights-lead">{t('insights.student.strengths', { skills: formatList(strengths, locale) })}</p>
      )}

      <section aria-labelledby={FLAG_HEADING_ID} className="insights-subsection">
        <h3 id={FLAG_HEADING_ID} tabIndex={-1}>
          {t('insights.student.flagHeading')}
        </h3>
        <p className="insights-judgement">{t('flags.judgement')}</p>
        {data.flag ? <FlagDetails flag={data.flag} model={model} /> : <p>{t('insights.student.notFlagged')}</p>}
        <FlagActions userId={userId} flag={data.flag} onDone={onFlagDone} />
      </section>

      <section aria-labelledby={`${id}-mastery`} className="insights-subsection">
        <h3 id={`${id}-mastery`}>{t('insights.student.masteryHeading')}</h3>
        {skills.length === 0 ? (
          <p>{t('insights.student.noSkills')}</p>
        ) : (
          <ScrollTable labelledBy={`${id}-mastery-caption`}>
            <table className="data-table insights-table">
              <caption id={`${id}-mastery-caption`}>{t('insights.student.masteryCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('insights.strengths.skill')}</th>
                  <th scope="col">{t('insights.student.mastery')}</th>
                  <th scope="col">{t('insights.student.answers')}</th>
                </tr>
              </thead>
              <tbody>
                {skills.map((s) => (
                  <tr key={s.code}>
                    <th scope="row">
                      {s.name}
                      <span className="insights-standard">{s.standard}</span>
                    </th>
                    <td className={`mastery-cell mastery-${s.status}`}>
                      <span aria-hidden="true">{STATUS_SYMBOL[s.status]} </span>
                      {cellText(s, percent, t)}
                    </td>
                    <td>{number(s.evidence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby={`${id}-history`} className="insights-subsection">
        <h3 id={`${id}-history`}>{t('insights.student.historyHeading')}</h3>
        {history.length === 0 ? (
          <p>{t('insights.student.noHistory')}</p>
        ) : (
          <>
            <MasteryLineChart
              label={t('insights.student.historyChartLabel', {
                skills: formatList(
                  history.map((h) => t('insights.student.historyChartItem', {
                    skill: nameOf(h.skill),
                    from: percent(h.points[0]!.pKnown),
                    to: percent(h.points[h.points.length - 1]!.pKnown),
                  })),
                  locale,
                ),
              })}
              series={history.map((h) => ({ name: nameOf(h.skill), points: h.points.map((p) => ({ time: Date.parse(p.at), pKnown: p.pKnown })) }))}
              threshold={overview.masteryThreshold}
              formatPercent={percent}
              formatTime={axisTime}
            />
            <details className="insights-disclosure">
              <summary>{t('insights.chart.showTable')}</summary>
              <ScrollTable labelledBy={`${id}-history-caption`}>
                <table className="data-table insights-table">
                  <caption id={`${id}-history-caption`}>{t('insights.student.historyCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('insights.strengths.skill')}</th>
                      <th scope="col">{t('insights.student.when')}</th>
                      <th scope="col">{t('insights.student.mastery')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.flatMap((h) =>
                      h.points.map((p, index) => (
                        <tr key={`${h.skill}-${index}`}>
                          <th scope="row">{nameOf(h.skill)}</th>
                          <td>
                            <time dateTime={p.at}>{formatShortDateTime(p.at, locale)}</time>
                          </td>
                          <td>{percent(p.pKnown)}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </ScrollTable>
            </details>
          </>
        )}
      </section>

      <section aria-labelledby={`${id}-attempts`} className="insights-subsection">
        <h3 id={`${id}-attempts`}>{t('insights.student.attemptsHeading')}</h3>
        {attempts.length === 0 ? (
          <p>{t('insights.student.noAttempts')}</p>
        ) : (
          <ScrollTable labelledBy={`${id}-attempts-caption`}>
            <table className="data-table insights-table attempts-table">
              <caption id={`${id}-attempts-caption`}>{t('insights.student.attemptsCaption', { count: attempts.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('insights.strengths.skill')}</th>
                  <th scope="col">{t('insights.student.result')}</th>
                  <th scope="col">{t('insights.student.hints')}</th>
                  <th scope="col">{t('insights.student.timeOnTask')}</th>
                  <th scope="col">{t('insights.student.when')}</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{nameOf(a.skill)}</th>
                    <td className={a.correct ? 'attempt-correct' : 'attempt-incorrect'}>
                      <span aria-hidden="true">{a.correct ? '✓ ' : '✗ '}</span>
                      {t(a.correct ? 'insights.student.correct' : 'insights.student.incorrect')}
                    </td>
                    <td>{number(a.hintsUsed)}</td>
                    <td>{formatDuration(a.timeOnTaskMs, t)}</td>
                    <td>
                      <time dateTime={a.at}>{formatShortDateTime(a.at, locale)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby={`${id}-grades`} className="insights-subsection">
        <h3 id={`${id}-grades`}>{t('insights.student.gradesHeading')}</h3>
        {data.grades.length === 0 ? (
          <p>{t('insights.student.noGrades')}</p>
        ) : (
          <ScrollTable labelledBy={`${id}-grades-caption`}>
            <table className="data-table insights-table">
              <caption id={`${id}-grades-caption`}>{t('insights.student.gradesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('insights.student.assignment')}</th>
                  <th scope="col">{t('insights.student.trellisScore')}</th>
                  <th scope="col">{t('insights.student.lmsScore')}</th>
                </tr>
              </thead>
              <tbody>
                {data.grades.map((g) => (
                  <tr key={g.assignmentId}>
                    <th scope="row">{g.title}</th>
                    <td>
                      {g.trellisScore === null
                        ? t('insights.student.noScore')
                        : t('insights.student.score', { given: number(g.trellisScore), max: number(g.trellisMaximum ?? 0) })}
                    </td>
                    <td>
                      {g.lmsScore === null
                        ? t('insights.student.noLmsScore')
                        : t('insights.student.score', { given: number(g.lmsScore), max: number(g.lmsMaximum ?? 0) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      <Notes userId={userId} notes={data.notes} onAdded={onNoteAdded} />
    </>
  );
}

/** The teacher's private notes about the student, newest first, and a form to add one. */
function Notes({ userId, notes, onAdded }: { userId: string; notes: TeacherNoteView[]; onAdded: (note: TeacherNoteView) => void }) {
  const t = useT();
  const locale = useLocale();
  const { courseId } = useInsights();
  const id = useId();
  const [body, setBody] = useState('');
  const [error, setError] = useState<{ text: string; n: number } | null>(null);
  const [saved, setSaved] = useState<{ n: number } | null>(null);
  const [sending, setSending] = useState(false);
  const busy = useRef(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const counter = useRef(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    const text = body.trim();
    if (!text) {
      setError({ text: t('insights.notes.required'), n: ++counter.current });
      field.current?.focus();
      return;
    }
    if (text.length > NOTE_MAX) {
      setError({ text: t('insights.notes.tooLong', { max: NOTE_MAX }), n: ++counter.current });
      field.current?.focus();
      return;
    }
    busy.current = true;
    setSending(true);
    setError(null);
    setSaved(null);
    try {
      const note = await addTeacherNote(courseId, userId, text);
      onAdded(note);
      setBody('');
      setSaved({ n: ++counter.current });
    } catch (failure) {
      setError({ text: t('insights.notes.saveFailed', { message: apiErrorText(toApiError(failure), t) }), n: ++counter.current });
      field.current?.focus();
    } finally {
      busy.current = false;
      setSending(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-notes`} className="insights-subsection">
      <h3 id={`${id}-notes`}>{t('insights.notes.heading')}</h3>
      {notes.length === 0 ? (
        <p>{t('insights.notes.empty')}</p>
      ) : (
        <ul className="notes-list">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="note-body">{note.body}</p>
              <p className="note-meta">
                {t('insights.notes.meta', {
                  author: note.author ?? t('flags.someone'),
                  date: formatDate(note.createdAt, locale),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form className="note-form no-print" noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-note`}>
            {t('insights.notes.label')}
          </label>
          <p id={`${id}-note-hint`} className="field-hint">
            {t('insights.notes.hint', { max: NOTE_MAX })}
          </p>
          <div id={`${id}-note-error`} role="alert">
            {error && (
              <p key={error.n} className="field-error">
                <span className="visually-hidden">{t('insights.errorPrefix')} </span>
                {error.text}
              </p>
            )}
          </div>
          <textarea
            ref={field}
            id={`${id}-note`}
            className="input insights-textarea"
            rows={3}
            maxLength={NOTE_MAX}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-note-hint ${id}-note-error`}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        </div>
        <button type="submit" className="button" aria-disabled={sending}>
          {t('insights.notes.submit')}
        </button>
        <p role="status" className="status action-status">
          {sending && t('insights.saving')}
          {saved && <span key={saved.n}>{t('insights.notes.saved')}</span>}
        </p>
      </form>
    </section>
  );
}
