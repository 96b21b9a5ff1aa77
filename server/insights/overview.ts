// The class overview: a students × skills mastery map (strengths first), per-skill counts,
// flags and next steps. Built from loadCourseData's three queries and one flags call,
// whatever the class size: no per-student queries, and never the attempt table (the
// running estimates already hold what it would tell us).
import type { ClassOverviewView, FlagView, InsightSkillView, Locale, MasteryCellView, SkillSummaryView, StudentSummaryView } from '../http/contract';
import type { Queryable } from '../db/database';
import { MASTERY_THRESHOLD } from '../practice/model/bkt';
import type { SkillCatalog } from '../practice/skill-catalog';
import { loadCourseData, type CourseData, type CourseEstimate, type CourseScope } from './course-data';
import { flagsForCourse } from './early-warning';
import type { CsvCell } from './csv';
import { isFlagged, nextSteps } from './next-steps';

export type FlagsFn = typeof flagsForCourse;

export interface InsightsReadDeps {
  db: Queryable;
  catalog: SkillCatalog;
  /** The early-warning model; replaceable in tests. */
  flags?: FlagsFn;
}

export function masteryCell(skill: string, e: CourseEstimate | undefined): MasteryCellView {
  if (!e || e.evidence === 0) return { skill, pKnown: e ? e.pKnown : null, evidence: 0, status: 'not-started' };
  return { skill, pKnown: e.pKnown, evidence: e.evidence, status: e.pKnown >= MASTERY_THRESHOLD ? 'mastered' : 'learning' };
}

export const skillView = (s: CourseData['skills'][number]): InsightSkillView => ({ code: s.code, name: s.displayName, standard: s.standard, grade: s.grade });

/** Mastered skills, strongest first (ties keep graph order). */
export function strengthsOf(cells: readonly MasteryCellView[]): string[] {
  return cells
    .filter((c) => c.status === 'mastered')
    .sort((a, b) => b.pKnown! - a.pKnown!)
    .map((c) => c.skill);
}

export function buildClassOverview(data: CourseData, flags: readonly FlagView[], now: Date): ClassOverviewView {
  const flagged = new Set(flags.filter(isFlagged).map((f) => f.userId));
  const students: StudentSummaryView[] = data.students.map((s) => {
    const mine = data.byStudent.get(s.userId);
    const cells = data.skills.map((k) => masteryCell(k.code, mine?.get(k.code)));
    return {
      userId: s.userId,
      name: s.name,
      launched: s.launched,
      lastActiveAt: s.lastActiveAt?.toISOString() ?? null,
      masteredCount: cells.filter((c) => c.status === 'mastered').length,
      cells,
      strengths: strengthsOf(cells),
      flagged: flagged.has(s.userId),
    };
  });
  const skills: SkillSummaryView[] = data.skills.map((k, i) => {
    const cells = students.map((s) => s.cells[i]!);
    const withEvidence = cells.filter((c) => c.evidence > 0);
    return {
      ...skillView(k),
      mastered: cells.filter((c) => c.status === 'mastered').length,
      learning: cells.filter((c) => c.status === 'learning').length,
      notStarted: cells.filter((c) => c.status === 'not-started').length,
      meanPKnown: withEvidence.length ? withEvidence.reduce((sum, c) => sum + c.pKnown!, 0) / withEvidence.length : null,
    };
  });
  return {
    skills,
    students,
    assignments: data.assignments.map((a) => ({ id: a.id, title: a.title, skills: a.skills })),
    nextSteps: nextSteps(data, flags),
    masteryThreshold: MASTERY_THRESHOLD,
    generatedAt: now.toISOString(),
  };
}

export async function loadClassOverview(deps: InsightsReadDeps, scope: CourseScope, locale: Locale, now = new Date()): Promise<ClassOverviewView> {
  const [data, flags] = await Promise.all([
    loadCourseData(deps.db, deps.catalog, scope, locale),
    (deps.flags ?? flagsForCourse)(deps.db, scope, { now }),
  ]);
  return buildClassOverview(data, flags, now);
}

// Export headers in the launch's language (kept here until the catalog has export labels).
const CSV_LABELS: Record<Locale, { student: string; mastered: string }> = {
  en: { student: 'Student', mastered: 'Mastered' },
  es: { student: 'Estudiante', mastered: 'Dominadas' },
};

/** Whole percent, rounded down: 95 appears only at the mastery threshold (the epsilon absorbs 0.29 * 100 = 28.999…). */
export const percent = (p: number) => Math.floor(p * 100 + 1e-9);

/**
 * The class mastery export: one row per student, one column per skill (p(known) as a
 * whole percent, empty when not started) and the mastered count. Students without a name
 * (anonymous launches) are numbered as the client numbers them.
 */
export function masteryCsvRows(view: ClassOverviewView, locale: Locale): CsvCell[][] {
  const labels = CSV_LABELS[locale];
  const header: CsvCell[] = [labels.student, ...view.skills.map((s) => `${s.name} (${s.code})`), labels.mastered];
  const rows = view.students.map((s, i): CsvCell[] => [
    s.name ?? `${labels.student} ${i + 1}`,
    ...s.cells.map((c) => (c.evidence > 0 && c.pKnown !== null ? percent(c.pKnown) : null)),
    s.masteredCount,
  ]);
  return [header, ...rows];
}
