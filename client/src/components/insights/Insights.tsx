import { useCallback, useEffect, useRef, useState } from 'react';
import { useInsightsFlags, useInsightsOverview } from '../../hooks/useInsights';
import { useT } from '../../i18n/I18nProvider';
import { ErrorNotice } from '../ErrorNotice';
import { CheckIns } from './CheckIns';
import { ClassReportActions } from './ClassReportActions';
import { ClassStrengths } from './ClassStrengths';
import { Groups } from './Groups';
import { InsightsProvider } from './InsightsContext';
import { MasteryMap } from './MasteryMap';
import { NextSteps } from './NextSteps';
import { StudentDetail } from './StudentDetail';

export type InsightsView = 'class' | 'student';

/**
 * The teacher's insights: strengths first, next steps, the mastery map, students to check in
 * with and groups — or, page-like, one student's drill-down in their place.
 */
export function Insights({ courseId, onViewChange }: { courseId: string; onViewChange?: (view: InsightsView) => void }) {
  const t = useT();
  const overview = useInsightsOverview(courseId);
  const flags = useInsightsFlags(courseId);
  const [student, setStudent] = useState<string | null>(null);
  const [restore, setRestore] = useState<{ userId: string; opener: HTMLElement | null } | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback(
    (userId: string) => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setStudent(userId);
      onViewChange?.('student');
    },
    [onViewChange],
  );

  const back = useCallback(() => {
    setRestore(student ? { userId: student, opener: opener.current } : null);
    setStudent(null);
    onViewChange?.('class');
  }, [onViewChange, student]);

  // "Back to class" returns focus to what opened the drill-down (or, if a reload replaced it,
  // to the same student's button in the map), as a browser's Back would.
  useEffect(() => {
    if (!restore) return;
    const target =
      restore.opener?.isConnected
        ? restore.opener
        : document.querySelector<HTMLElement>(`[data-student-opener="${CSS.escape(restore.userId)}"]`) ??
          document.getElementById('insights-map-heading');
    target?.focus();
    setRestore(null);
  }, [restore]);

  const reloadClass = useCallback(() => {
    void overview.reload();
    void flags.reload();
  }, [overview, flags]);

  const { state } = overview;
  return (
    <div className="insights">
      {/* Always mounted so screen readers hear the change from loading to loaded/failed. */}
      <div aria-live="polite">
        {state.status === 'loading' && <p className="status">{t('insights.loading')}</p>}
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={() => void overview.reload()} />}
        {state.status === 'ready' && <p className="visually-hidden">{t('insights.loaded')}</p>}
      </div>
      {state.status === 'ready' && (
        <InsightsProvider courseId={courseId} overview={state.data}>
          <div className="insights-class" hidden={student !== null}>
            <ClassReportActions />
            <ClassStrengths />
            <NextSteps model={flags.state.status === 'ready' ? flags.state.data.model : null} onOpenStudent={open} />
            <MasteryMap onOpenStudent={open} />
            <CheckIns flags={flags} onOpenStudent={open} onChanged={() => void overview.reload()} />
            <Groups />
          </div>
          {student !== null && (
            <StudentDetail
              key={student}
              userId={student}
              model={flags.state.status === 'ready' ? flags.state.data.model : null}
              onBack={back}
              onFlagChanged={reloadClass}
            />
          )}
        </InsightsProvider>
      )}
    </div>
  );
}
