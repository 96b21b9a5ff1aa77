import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ClassOverviewView, SkillSummaryView } from '../../../../server/http/contract';
import { useT } from '../../i18n/I18nProvider';

export interface InsightsData {
  courseId: string;
  overview: ClassOverviewView;
  /** A student's display name; "Student 4" (their place on the class list) when the launch hides names. */
  studentName: (userId: string, name?: string | null) => string;
  /** A skill's name (in the launch's language) from its code; the code when it is not in the overview. */
  skillName: (code: string) => string;
  skill: (code: string) => SkillSummaryView | undefined;
}

const InsightsContext = createContext<InsightsData | null>(null);

/** The loaded overview and the namers every insights section shares. */
export function InsightsProvider({ courseId, overview, children }: { courseId: string; overview: ClassOverviewView; children: ReactNode }) {
  const t = useT();
  const value = useMemo<InsightsData>(() => {
    const students = new Map(overview.students.map((s, index) => [s.userId, { name: s.name, number: index + 1 }]));
    const skills = new Map(overview.skills.map((s) => [s.code, s]));
    return {
      courseId,
      overview,
      studentName: (userId, name) => {
        const known = students.get(userId);
        const given = name ?? known?.name;
        if (given) return given;
        return known ? t('insights.studentNumber', { number: known.number }) : t('insights.studentUnknown');
      },
      skillName: (code) => skills.get(code)?.name ?? code,
      skill: (code) => skills.get(code),
    };
  }, [courseId, overview, t]);
  return <InsightsContext.Provider value={value}>{children}</InsightsContext.Provider>;
}

export function useInsights(): InsightsData {
  const value = useContext(InsightsContext);
  if (!value) throw new Error('useInsights needs an InsightsProvider');
  return value;
}
