import { useId, useRef, useState, type FormEvent } from 'react';
import type { GroupPlanView, GroupSuggestInput } from '../../../../server/http/contract';
import { createGroupPlan, downloadCourseFile, groupPlanCsvPath, suggestGroups, toApiError, updateGroupPlan, type ApiError } from '../../api';
import { apiErrorText } from '../../errorText';
import { useInsightsGroupPlans } from '../../hooks/useInsights';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { ErrorNotice } from '../ErrorNotice';
import { strengthOrder } from './ClassStrengths';
import { formatDate, pluralKey } from './format';
import { useInsights } from './InsightsContext';
import { GroupPlanEditor } from './GroupPlanEditor';

export const GROUP_SIZE_MIN = 2;
export const GROUP_SIZE_MAX = 10;

type Message = { kind: 'status' | 'error'; text: string; n: number } | null;

/** "Groups": suggested small groups and peer-tutor pairs from the chosen skills, edited and saved by the teacher. */
export function Groups() {
  const t = useT();
  const locale = useLocale();
  const { courseId, overview } = useInsights();
  const plans = useInsightsGroupPlans(courseId);
  const id = useId();
  const [skills, setSkills] = useState<string[]>([]);
  const [mode, setMode] = useState<GroupSuggestInput['mode']>('similar');
  const [maxSize, setMaxSize] = useState('4');
  const [errors, setErrors] = useState<{ skills?: string; maxSize?: string }>({});
  const [draft, setDraft] = useState<{ plan: GroupPlanView; n: number } | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [suggesting, setSuggesting] = useState(false);
  const busy = useRef(false);
  const counter = useRef(0);
  const skillsRef = useRef<HTMLFieldSetElement>(null);
  const sizeRef = useRef<HTMLInputElement>(null);
  const ordered = strengthOrder(overview.skills).reverse(); // most need first: the usual reason to group

  const say = (kind: 'status' | 'error', text: string) => setMessage({ kind, text, n: ++counter.current });

  const suggest = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    const size = Number(maxSize);
    const found: typeof errors = {};
    if (skills.length === 0) found.skills = t('groups.error.skills');
    if (!Number.isInteger(size) || size < GROUP_SIZE_MIN || size > GROUP_SIZE_MAX) {
      found.maxSize = t('groups.error.maxSize', { min: GROUP_SIZE_MIN, max: GROUP_SIZE_MAX });
    }
    setErrors(found);
    if (found.skills) {
      skillsRef.current?.querySelector('input')?.focus();
      return;
    }
    if (found.maxSize) {
      sizeRef.current?.focus();
      return;
    }
    busy.current = true;
    setSuggesting(true);
    say('status', t('groups.suggesting'));
    try {
      // Keep the teacher's pick in the overview's order, as the server breaks ties by it.
      const picked = overview.skills.map((s) => s.code).filter((code) => skills.includes(code));
      const plan = await suggestGroups(courseId, { skills: picked, mode, maxSize: size });
      const named = { ...plan, groups: plan.groups.map((g, i) => ({ ...g, name: t('groups.defaultName', { number: i + 1 }) })) };
      setDraft({ plan: named, n: ++counter.current });
      say(
        'status',
        t('groups.suggested', {
          groups: t(pluralKey(locale, named.groups.length, 'groups.countGroupsOne', 'groups.countGroupsOther'), { count: named.groups.length }),
          pairs: t(pluralKey(locale, named.pairs.length, 'groups.countPairsOne', 'groups.countPairsOther'), { count: named.pairs.length }),
        }),
      );
    } catch (failure) {
      say('error', t('groups.suggestFailed', { message: apiErrorText(toApiError(failure), t) }));
    } finally {
      busy.current = false;
      setSuggesting(false);
    }
  };

  const save = async (plan: GroupPlanView): Promise<GroupPlanView> => {
    const input = { title: plan.title.trim(), skills: plan.skills, mode: plan.mode, maxSize: plan.maxSize, groups: plan.groups, pairs: plan.pairs };
    const saved = plan.id ? await updateGroupPlan(courseId, plan.id, input) : await createGroupPlan(courseId, input);
    void plans.reload();
    return saved;
  };

  const skillError = errors.skills ? `${id}-skills-error` : undefined;
  const sizeError = errors.maxSize ? `${id}-size-error` : undefined;

  return (
    <section className="card insights-section groups-section no-print" aria-labelledby="insights-groups-heading">
      <h2 id="insights-groups-heading">{t('groups.heading')}</h2>
      <p>{t('groups.intro')}</p>
      {overview.skills.length === 0 ? (
        <p>{t('groups.noSkills')}</p>
      ) : (
        <form className="groups-form" noValidate onSubmit={(event) => void suggest(event)}>
          <fieldset ref={skillsRef} className="subfieldset" aria-describedby={skillError}>
            <legend>{t('groups.skillsLegend')}</legend>
            <div id={`${id}-skills-error`} role="alert">
              {errors.skills && (
                <p className="field-error">
                  <span className="visually-hidden">{t('insights.errorPrefix')} </span>
                  {errors.skills}
                </p>
              )}
            </div>
            <ul className="choice-grid">
              {ordered.map((s) => {
                const inputId = `${id}-skill-${s.code}`;
                return (
                  <li key={s.code} className="choice">
                    <input
                      id={inputId}
                      type="checkbox"
                      checked={skills.includes(s.code)}
                      onChange={(event) =>
                        setSkills((current) => (event.target.checked ? [...current, s.code] : current.filter((c) => c !== s.code)))
                      }
                    />
                    <label htmlFor={inputId} className="choice-text">
                      <span className="choice-code">{s.name}</span>
                      <span className="choice-desc">
                        {t('groups.skillSummary', { standard: s.standard, mastered: s.mastered, learning: s.learning })}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <fieldset className="subfieldset">
            <legend>{t('groups.modeLegend')}</legend>
            {(['similar', 'mixed'] as const).map((value) => (
              <div key={value} className="choice">
                <input
                  id={`${id}-mode-${value}`}
                  type="radio"
                  name={`${id}-mode`}
                  value={value}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                />
                <label htmlFor={`${id}-mode-${value}`} className="choice-text">
                  <span className="choice-code">{t(value === 'similar' ? 'groups.modeSimilar' : 'groups.modeMixed')}</span>
                  <span className="choice-desc">{t(value === 'similar' ? 'groups.modeSimilarHint' : 'groups.modeMixedHint')}</span>
                </label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-size`}>
              {t('groups.maxSizeLabel')}
            </label>
            <p id={`${id}-size-hint`} className="field-hint">
              {t('groups.maxSizeHint', { min: GROUP_SIZE_MIN, max: GROUP_SIZE_MAX })}
            </p>
            <div id={`${id}-size-error`} role="alert">
              {errors.maxSize && (
                <p className="field-error">
                  <span className="visually-hidden">{t('insights.errorPrefix')} </span>
                  {errors.maxSize}
                </p>
              )}
            </div>
            <input
              ref={sizeRef}
              id={`${id}-size`}
              className="input input-number"
              type="number"
              inputMode="numeric"
              min={GROUP_SIZE_MIN}
              max={GROUP_SIZE_MAX}
              step={1}
              aria-invalid={errors.maxSize ? true : undefined}
              aria-describedby={[`${id}-size-hint`, sizeError].filter(Boolean).join(' ')}
              value={maxSize}
              onChange={(event) => setMaxSize(event.target.value)}
            />
          </div>
          <button type="submit" className="button" aria-disabled={suggesting}>
            {t('groups.suggest')}
          </button>
        </form>
      )}
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
      {draft && <GroupPlanEditor key={draft.n} initial={draft.plan} onSave={save} />}
      <SavedPlans
        plans={plans.state}
        onRetry={() => void plans.reload()}
        onOpen={(plan) => setDraft({ plan, n: ++counter.current })}
      />
    </section>
  );
}

interface SavedPlansProps {
  plans: ReturnType<typeof useInsightsGroupPlans>['state'];
  onRetry: () => void;
  onOpen: (plan: GroupPlanView) => void;
}

/** Plans saved earlier: open one to edit it again, or download it as a spreadsheet. */
function SavedPlans({ plans, onRetry, onOpen }: SavedPlansProps) {
  const t = useT();
  const locale = useLocale();
  const { courseId } = useInsights();
  const id = useId();
  const [download, setDownload] = useState<{ error: ApiError; n: number } | null>(null);
  const counter = useRef(0);

  return (
    <section className="insights-subsection" aria-labelledby={`${id}-saved`}>
      <h3 id={`${id}-saved`}>{t('groups.savedHeading')}</h3>
      <div aria-live="polite">
        {plans.status === 'loading' && <p className="status">{t('groups.savedLoading')}</p>}
        {plans.status === 'error' && <ErrorNotice error={plans.error} onRetry={onRetry} />}
      </div>
      <div role="alert">
        {download && (
          <p key={download.n} className="notice notice-error">
            {t('insights.downloadFailed', { message: apiErrorText(download.error, t) })}
          </p>
        )}
      </div>
      {plans.status === 'ready' &&
        (plans.data.length === 0 ? (
          <p>{t('groups.savedEmpty')}</p>
        ) : (
          <ul className="saved-plans">
            {plans.data.map((plan) => (
              <li key={plan.id ?? plan.title}>
                <p className="saved-plan-title">{plan.title}</p>
                <p className="status">
                  {t('groups.savedMeta', {
                    date: plan.createdAt ? formatDate(plan.createdAt, locale) : '—',
                    groups: t(pluralKey(locale, plan.groups.length, 'groups.countGroupsOne', 'groups.countGroupsOther'), {
                      count: plan.groups.length,
                    }),
                    mode: t(plan.mode === 'similar' ? 'groups.modeSimilar' : 'groups.modeMixed'),
                  })}
                </p>
                <div className="section-actions">
                  <button type="button" className="button button-secondary" onClick={() => onOpen(plan)}>
                    {t('groups.open')}
                    <span className="visually-hidden"> {plan.title}</span>
                  </button>
                  {plan.id && (
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => {
                        setDownload(null);
                        downloadCourseFile(groupPlanCsvPath(courseId, plan.id!), 'trellis-groups.csv').catch((failure: unknown) =>
                          setDownload({ error: toApiError(failure), n: ++counter.current }),
                        );
                      }}
                    >
                      {t('groups.downloadCsv')}
                      <span className="visually-hidden"> {plan.title}</span>
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
