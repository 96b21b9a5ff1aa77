import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { GroupPlanView, GroupView } from '../../../../server/http/contract';
import { downloadCourseFile, groupPlanCsvPath, toApiError } from '../../api';
import { apiErrorText } from '../../errorText';
import { formatList } from '../../format';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/translate';
import { percentFormat } from './format';
import { useInsights, type InsightsData } from './InsightsContext';

const TITLE_MAX = 200;
const NAME_MAX = 80;
/** The most students a saved group may hold (the server's limit; a teacher may go over the plan's size). */
const MEMBERS_MAX = 10;

type Message = { kind: 'status' | 'error'; text: string; n: number } | null;

interface GroupPlanEditorProps {
  initial: GroupPlanView;
  /** Saves (creates or replaces) the plan and returns it as stored. */
  onSave: (plan: GroupPlanView) => Promise<GroupPlanView>;
}

/**
 * A suggested (or saved) plan the teacher can change: rename groups, move students between
 * them with a select and a button (keyboard friendly, nothing drag-only), title and save.
 */
export function GroupPlanEditor({ initial, onSave }: GroupPlanEditorProps) {
  const t = useT();
  const locale = useLocale();
  const insights = useInsights();
  const { courseId, studentName, skillName } = insights;
  const id = useId();
  const [plan, setPlan] = useState(initial);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [saving, setSaving] = useState(false);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [focusMove, setFocusMove] = useState<string | null>(null);
  // Groups the teacher changed: their suggested rationale no longer describes everyone in them.
  const [changed, setChanged] = useState<ReadonlySet<number>>(new Set());
  const busy = useRef(false);
  const counter = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const percent = percentFormat(locale);

  useEffect(() => heading.current?.focus(), []);
  // After a move the student's row is in another group: keep focus on their "Move" control.
  useEffect(() => {
    if (focusMove === null) return;
    document.getElementById(moveSelectId(id, focusMove))?.focus();
    setFocusMove(null);
  }, [focusMove, id]);

  const say = (kind: 'status' | 'error', text: string) => setMessage({ kind, text, n: ++counter.current });

  const rename = (index: number, name: string) =>
    setPlan((p) => ({ ...p, groups: p.groups.map((g, i) => (i === index ? { ...g, name } : g)) }));

  const groupLabel = (group: GroupView, index: number) => group.name.trim() || t('groups.defaultName', { number: index + 1 });

  const move = (userId: string, from: number) => {
    const to = Number(targets[userId] ?? defaultTarget(plan.groups.length, from));
    if (!Number.isInteger(to) || to === from || to < 0 || to >= plan.groups.length) return;
    if (plan.groups[to]!.userIds.length >= MEMBERS_MAX) {
      say('error', t('groups.error.groupFull', { group: groupLabel(plan.groups[to]!, to), max: MEMBERS_MAX }));
      return;
    }
    setPlan((p) => ({
      ...p,
      groups: p.groups.map((g, i) =>
        i === from ? { ...g, userIds: g.userIds.filter((u) => u !== userId) } : i === to ? { ...g, userIds: [...g.userIds, userId] } : g,
      ),
    }));
    setChanged((current) => new Set(current).add(from).add(to));
    setTargets((current) => {
      const { [userId]: _dropped, ...rest } = current;
      return rest;
    });
    say('status', t('groups.moved', { student: studentName(userId), group: groupLabel(plan.groups[to]!, to) }));
    setFocusMove(userId);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    if (!plan.title.trim()) {
      setTitleError(t('groups.error.title'));
      titleRef.current?.focus();
      return;
    }
    setTitleError(null);
    busy.current = true;
    setSaving(true);
    say('status', t('insights.saving'));
    try {
      const named = { ...plan, groups: plan.groups.map((g, i) => ({ ...g, name: groupLabel(g, i) })) };
      const saved = await onSave(named);
      setPlan(saved);
      say('status', t('groups.saved', { title: saved.title }));
    } catch (failure) {
      say('error', t('groups.saveFailed', { message: apiErrorText(toApiError(failure), t) }));
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };

  const download = () => {
    if (!plan.id) return;
    downloadCourseFile(groupPlanCsvPath(courseId, plan.id), 'trellis-groups.csv').catch((failure: unknown) =>
      say('error', t('insights.downloadFailed', { message: apiErrorText(toApiError(failure), t) })),
    );
  };

  const titleErrorId = `${id}-title-error`;
  return (
    <section className="insights-subsection group-plan" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {plan.id ? t('groups.editingHeading', { title: plan.title }) : t('groups.suggestionHeading')}
      </h3>
      <p>
        {t('groups.planSummary', {
          skills: formatList(plan.skills.map(skillName), locale),
          mode: t(plan.mode === 'similar' ? 'groups.modeSimilar' : 'groups.modeMixed'),
          size: plan.maxSize,
        })}
      </p>
      <form noValidate onSubmit={(event) => void save(event)}>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-title`}>
            {t('groups.titleLabel')}
          </label>
          <p id={`${id}-title-hint`} className="field-hint">
            {t('groups.titleHint')}
          </p>
          <div id={titleErrorId} role="alert">
            {titleError && (
              <p className="field-error">
                <span className="visually-hidden">{t('insights.errorPrefix')} </span>
                {titleError}
              </p>
            )}
          </div>
          <input
            ref={titleRef}
            id={`${id}-title`}
            className="input"
            type="text"
            required
            maxLength={TITLE_MAX}
            aria-invalid={titleError ? true : undefined}
            aria-describedby={`${id}-title-hint ${titleErrorId}`}
            value={plan.title}
            onChange={(event) => setPlan((p) => ({ ...p, title: event.target.value }))}
          />
        </div>

        {plan.groups.length === 0 ? (
          <p>{t('groups.noGroups')}</p>
        ) : (
          <ol className="group-list">
            {plan.groups.map((group, index) => {
              const label = groupLabel(group, index);
              return (
                <li key={index} className="group-card">
                  <h4>{label}</h4>
                  <p className="group-rationale">
                    {changed.has(index)
                      ? t('groups.rationale.changed', { rationale: rationaleText(group, insights, percent, t) })
                      : rationaleText(group, insights, percent, t)}
                  </p>
                  <div className="field">
                    <label className="field-label" htmlFor={`${id}-name-${index}`}>
                      {t('groups.nameLabel', { number: index + 1 })}
                    </label>
                    <input
                      id={`${id}-name-${index}`}
                      className="input"
                      type="text"
                      maxLength={NAME_MAX}
                      value={group.name}
                      onChange={(event) => rename(index, event.target.value)}
                    />
                  </div>
                  {group.userIds.length === 0 ? (
                    <p>{t('groups.emptyGroup')}</p>
                  ) : (
                    <ul className="group-members" aria-label={t('groups.membersLabel', { group: label })}>
                      {group.userIds.map((userId) => {
                        const name = studentName(userId);
                        const selectId = moveSelectId(id, userId);
                        return (
                          <li key={userId} className="group-member">
                            <span className="group-member-name">{name}</span>
                            {plan.groups.length > 1 && (
                              <span className="group-move">
                                <label className="visually-hidden" htmlFor={selectId}>
                                  {t('groups.moveLabel', { student: name })}
                                </label>
                                <select
                                  id={selectId}
                                  className="input group-move-select"
                                  value={targets[userId] ?? String(defaultTarget(plan.groups.length, index))}
                                  onChange={(event) => setTargets((c) => ({ ...c, [userId]: event.target.value }))}
                                >
                                  {plan.groups.map((g, i) =>
                                    i === index ? null : (
                                      <option key={i} value={String(i)}>
                                        {t('groups.moveOption', { group: groupLabel(g, i) })}
                                      </option>
                                    ),
                                  )}
                                </select>
                                <button type="button" className="button button-secondary group-move-button" onClick={() => move(userId, index)}>
                                  {t('groups.move')}
                                  <span className="visually-hidden"> {name}</span>
                                </button>
                              </span>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        )}

        <h4>{t('groups.pairsHeading')}</h4>
        {plan.pairs.length === 0 ? (
          <p>{t('groups.noPairs')}</p>
        ) : (
          <ul className="pair-list">
            {plan.pairs.map((pair) => (
              <li key={`${pair.tutor}-${pair.learner}`}>
                {t('groups.pair', {
                  tutor: studentName(pair.tutor),
                  learner: studentName(pair.learner),
                  skill: skillName(pair.skill),
                  tutorPercent: percent(pair.tutorPKnown),
                  learnerPercent: percent(pair.learnerPKnown),
                })}
              </li>
            ))}
          </ul>
        )}

        <div className="section-actions">
          <button type="submit" className="button" aria-disabled={saving}>
            {t(plan.id ? 'groups.saveChanges' : 'groups.save')}
          </button>
          {plan.id && (
            <button type="button" className="button button-secondary" onClick={download}>
              {t('groups.downloadCsv')}
            </button>
          )}
        </div>
      </form>
      <p role="status" className="status action-status">
        {message?.kind === 'status' && <span key={message.n}>{message.text}</span>}
      </p>
      <div role="alert">
        {message?.kind === 'error' && (
          <p key={message.n} className="notice notice-error">
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}

const moveSelectId = (prefix: string, userId: string) => `${prefix}-move-${userId}`;

/** The group after this one (the first, from the last): the likeliest place to move someone. */
const defaultTarget = (count: number, from: number) => (from + 1) % count;

/** Why these students are together, in words: "Still learning Equivalent fractions (average 42%)". */
export function rationaleText(group: GroupView, insights: InsightsData, percent: (v: number) => string, t: Translate): string {
  const { kind, skill, meanPKnown } = group.rationale;
  const name = skill ? insights.skillName(skill) : null;
  switch (kind) {
    case 'shared-need':
      if (!name) return t('groups.rationale.sharedNeedPlain');
      return meanPKnown === null
        ? t('groups.rationale.notStarted', { skill: name })
        : t('groups.rationale.sharedNeed', { skill: name, percent: percent(meanPKnown) });
    case 'ready-to-extend':
      return meanPKnown === null
        ? t('groups.rationale.readyToExtendPlain')
        : t('groups.rationale.readyToExtend', { percent: percent(meanPKnown) });
    case 'mixed-levels':
      return meanPKnown === null
        ? t('groups.rationale.mixedNoEvidence')
        : t('groups.rationale.mixed', { percent: percent(meanPKnown) });
  }
}
