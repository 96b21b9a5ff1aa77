import { useId, useMemo, useState, type ReactNode } from 'react';
import type { MasteryCellView, MasteryStatus, StudentSummaryView } from '../../../../server/http/contract';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/translate';
import { cellText, percentFormat, pluralKey, STATUS_SYMBOL } from './format';
import { useInsights } from './InsightsContext';
import { ScrollTable } from './ScrollTable';

type StatusFilter = 'all' | MasteryStatus | 'not-launched' | 'flagged';
type Direction = 'ascending' | 'descending';
/** 'name', 'mastered' or 'skill:<code>'. */
type SortKey = string;

const STATUS_FILTERS: { value: StatusFilter; key: MessageKey }[] = [
  { value: 'all', key: 'insights.map.status.all' },
  { value: 'mastered', key: 'insights.map.status.mastered' },
  { value: 'learning', key: 'insights.map.status.learning' },
  { value: 'not-started', key: 'insights.map.status.notStarted' },
  { value: 'not-launched', key: 'insights.map.status.notLaunched' },
  { value: 'flagged', key: 'insights.map.status.flagged' },
];

const NOT_STARTED: MasteryCellView = { skill: '', pKnown: null, evidence: 0, status: 'not-started' };

/**
 * The students × skills mastery map: a real table (caption, headers, words in every cell),
 * sortable by name, mastered count or any skill, filtered by assignment, standard and status.
 * Each student's name opens their drill-down.
 */
export function MasteryMap({ onOpenStudent }: { onOpenStudent: (userId: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const { overview, studentName } = useInsights();
  const id = useId();
  const captionId = `${id}-caption`;
  const percent = percentFormat(locale);
  const [assignment, setAssignment] = useState('all');
  const [standard, setStandard] = useState('all');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: 'name', direction: 'ascending' });

  const standards = useMemo(
    () => [...new Set(overview.skills.map((s) => s.standard).filter(Boolean))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
    [overview.skills],
  );
  const cellsByStudent = useMemo(
    () => new Map(overview.students.map((s) => [s.userId, new Map(s.cells.map((c) => [c.skill, c]))])),
    [overview.students],
  );
  const cellOf = (student: StudentSummaryView, skill: string) => cellsByStudent.get(student.userId)?.get(skill) ?? NOT_STARTED;

  const assignmentSkills = assignment === 'all' ? null : new Set(overview.assignments.find((a) => a.id === assignment)?.skills ?? []);
  const skills = overview.skills.filter(
    (s) => (assignmentSkills === null || assignmentSkills.has(s.code)) && (standard === 'all' || s.standard === standard),
  );
  const masteredShown = (student: StudentSummaryView) => skills.filter((s) => cellOf(student, s.code).status === 'mastered').length;

  const rows = overview.students.filter((student) => {
    switch (status) {
      case 'all':
        return true;
      case 'not-launched':
        return !student.launched;
      case 'flagged':
        return student.flagged;
      default:
        return skills.some((s) => cellOf(student, s.code).status === status);
    }
  });
  const sortValue = (student: StudentSummaryView): number => {
    if (sort.key === 'mastered') return student.launched ? masteredShown(student) : -1;
    const cell = cellOf(student, sort.key.slice('skill:'.length));
    if (!student.launched) return -2;
    return cell.pKnown === null || cell.evidence === 0 ? -1 : cell.pKnown;
  };
  const collator = new Intl.Collator(locale);
  const byName = (a: StudentSummaryView, b: StudentSummaryView) => collator.compare(studentName(a.userId), studentName(b.userId));
  const sign = sort.direction === 'ascending' ? 1 : -1;
  rows.sort((a, b) => (sort.key === 'name' ? sign * byName(a, b) : sign * (sortValue(a) - sortValue(b)) || byName(a, b)));

  const sortBy = (key: SortKey) =>
    setSort((prev) =>
      prev.key === key
        ? { key, direction: prev.direction === 'ascending' ? 'descending' : 'ascending' }
        : // Names A→Z first; numbers strongest first.
          { key, direction: key === 'name' ? 'ascending' : 'descending' },
    );
  const filtered = assignment !== 'all' || standard !== 'all' || status !== 'all';

  return (
    <section className="card insights-section" aria-labelledby="insights-map-heading">
      <h2 id="insights-map-heading">{t('insights.map.heading')}</h2>
      <p>{t('insights.map.intro')}</p>
      <div className="insights-filters no-print">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-assignment`}>
            {t('insights.map.filterAssignment')}
          </label>
          <select id={`${id}-assignment`} className="input" value={assignment} onChange={(e) => setAssignment(e.target.value)}>
            <option value="all">{t('insights.map.allAssignments')}</option>
            {overview.assignments.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-standard`}>
            {t('insights.map.filterStandard')}
          </label>
          <select id={`${id}-standard`} className="input" value={standard} onChange={(e) => setStandard(e.target.value)}>
            <option value="all">{t('insights.map.allStandards')}</option>
            {standards.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-status`}>
            {t('insights.map.filterStatus')}
          </label>
          <p id={`${id}-status-hint`} className="field-hint">
            {t('insights.map.filterStatusHint')}
          </p>
          <select
            id={`${id}-status`}
            className="input"
            aria-describedby={`${id}-status-hint`}
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
          >
            {STATUS_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {t(f.key)}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <div className="insights-filters-reset">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setAssignment('all');
                setStandard('all');
                setStatus('all');
              }}
            >
              {t('insights.map.clearFilters')}
            </button>
          </div>
        )}
      </div>
      {/* Announced after a filter change; on screen for everyone. */}
      <p role="status" className="status">
        {t(pluralKey(locale, overview.students.length, 'insights.map.shownOne', 'insights.map.shownOther'), {
          shown: rows.length,
          total: overview.students.length,
          skills: skills.length,
          allSkills: overview.skills.length,
        })}
      </p>
      <p className="insights-key">
        {t('insights.map.keyLabel')}{' '}
        {(['mastered', 'learning', 'not-started'] as const).map((s) => (
          <span key={s} className={`mastery-key mastery-${s}`}>
            <span aria-hidden="true">{STATUS_SYMBOL[s]} </span>
            {s === 'mastered'
              ? t('insights.map.keyMastered', { threshold: percent(overview.masteryThreshold) })
              : t(s === 'learning' ? 'insights.status.learning' : 'insights.status.notStarted')}
          </span>
        ))}
      </p>
      {overview.students.length === 0 ? (
        <p>{t('insights.map.noStudents')}</p>
      ) : rows.length === 0 ? (
        <p>{t('insights.map.noMatch')}</p>
      ) : (
        <ScrollTable labelledBy={captionId}>
          <table className="data-table insights-table mastery-map">
            <caption id={captionId}>{t('insights.map.caption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <SortHeader sortKey="name" sort={sort} onSort={sortBy}>
                  {t('insights.map.student')}
                </SortHeader>
                <SortHeader sortKey="mastered" sort={sort} onSort={sortBy}>
                  {t('insights.map.mastered')}
                </SortHeader>
                {skills.map((s) => (
                  <SortHeader key={s.code} sortKey={`skill:${s.code}`} sort={sort} onSort={sortBy}>
                    {s.name}
                    <span className="insights-standard">{s.standard}</span>
                  </SortHeader>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((student) => {
                const name = studentName(student.userId);
                return (
                  <tr key={student.userId}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link-button"
                        data-student-opener={student.userId}
                        onClick={() => onOpenStudent(student.userId)}
                      >
                        {name}
                        <span className="visually-hidden">{t('insights.map.openDetails')}</span>
                      </button>
                      {student.flagged && (
                        <span className="insights-flag-marker">
                          <span aria-hidden="true">⚑ </span>
                          {t('insights.map.flagged')}
                        </span>
                      )}
                    </th>
                    {student.launched ? (
                      <>
                        <td>{t('insights.map.masteredValue', { count: masteredShown(student), total: skills.length })}</td>
                        {skills.map((s) => {
                          const cell = cellOf(student, s.code);
                          return (
                            <td key={s.code} className={`mastery-cell mastery-${cell.status}`}>
                              <span aria-hidden="true">{STATUS_SYMBOL[cell.status]} </span>
                              {cellText(cell, percent, t)}
                            </td>
                          );
                        })}
                      </>
                    ) : (
                      <td colSpan={skills.length + 1} className="mastery-not-launched">
                        {t('insights.notLaunched')}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

interface SortHeaderProps {
  sortKey: SortKey;
  sort: { key: SortKey; direction: Direction };
  onSort: (key: SortKey) => void;
  children: ReactNode;
}

/** A column header whose button sorts by it; aria-sort says how the table is sorted now. */
function SortHeader({ sortKey, sort, onSort, children }: SortHeaderProps) {
  const active = sort.key === sortKey;
  return (
    <th scope="col" aria-sort={active ? sort.direction : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(sortKey)}>
        <span className="sort-label">{children}</span>
        <span aria-hidden="true" className="sort-icon">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
