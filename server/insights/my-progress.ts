// The student's own view (mastery, growth, strengths, next goals) in the launch's course,
// and the pieces the mentor view shares with it: one learner's estimates, strengths
// (mastered, strongest first) and goals (being learned, closest to mastery first).
import type { Queryable } from '../db/database';
import type { AssignmentSettings, InsightSkillView, Locale, MasteryCellView, MasteryStatus, MyProgressView } from '../http/contract';
import type { LaunchContext } from '../lti/launch-context';
import { MASTERY_THRESHOLD } from '../practice/model/bkt';
import { prerequisitesMastered } from '../practice/selection/select-skill';
import { skillName, type SkillCatalog, type SkillGraph } from '../practice/skill-catalog';

export interface LearnerEstimate {
  skill: string;
  pKnown: number;
  evidence: number;
  reviewCount: number;
  lastPracticedAt: Date | null;
}

export async function loadEstimates(db: Queryable, courseId: string, userId: string): Promise<LearnerEstimate[]> {
  const rows = await db.query<{ skill_code: string; p_known: number; evidence_count: number; review_count: number; last_practiced_at: Date | null }>(
    `SELECT skill_code, p_known, evidence_count, review_count, last_practiced_at
       FROM mastery_estimate WHERE context_id = $1 AND user_id = $2`,
    [courseId, userId],
  );
  return rows.map((r) => ({
    skill: r.skill_code,
    pKnown: r.p_known,
    evidence: r.evidence_count,
    reviewCount: r.review_count,
    lastPracticedAt: r.last_practiced_at ? new Date(r.last_practiced_at) : null,
  }));
}

export const isMastered = (e: LearnerEstimate | undefined): boolean => !!e && e.pKnown >= MASTERY_THRESHOLD;
const isLearning = (e: LearnerEstimate | undefined): boolean => !!e && e.evidence > 0 && !isMastered(e);

export function statusOf(e: LearnerEstimate | undefined): MasteryStatus {
  if (isMastered(e)) return 'mastered';
  return isLearning(e) ? 'learning' : 'not-started';
}

/** Display facts for a skill; one no longer in the platform's graph still shows, by its code. */
export function describeSkill(graph: SkillGraph, code: string, locale: Locale): InsightSkillView {
  const s = graph.skill(code);
  return s ? { code, name: skillName(s, locale), standard: s.standard, grade: s.grade } : { code, name: code, standard: '', grade: 0 };
}

/** Curriculum (graph) order; codes outside the graph last, alphabetically. */
export function byGraphOrder(graph: SkillGraph): (a: string, b: string) => number {
  const position = new Map(graph.all().map((s, i) => [s.code, i]));
  const pos = (c: string) => position.get(c) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => pos(a) - pos(b) || a.localeCompare(b);
}

/** Higher p(known) first; equal ones in curriculum order so the answer is stable. */
function byPKnown(graph: SkillGraph) {
  const order = byGraphOrder(graph);
  return (a: LearnerEstimate, b: LearnerEstimate) => b.pKnown - a.pKnown || order(a.skill, b.skill);
}

export function strengthsOf(estimates: readonly LearnerEstimate[], graph: SkillGraph, locale: Locale): { code: string; name: string }[] {
  return estimates
    .filter(isMastered)
    .sort(byPKnown(graph))
    .map((e) => ({ code: e.skill, name: describeSkill(graph, e.skill, locale).name }));
}

export function goalsOf(estimates: readonly LearnerEstimate[], graph: SkillGraph, locale: Locale): { code: string; name: string; pKnown: number }[] {
  return estimates
    .filter(isLearning)
    .sort(byPKnown(graph))
    .map((e) => ({ code: e.skill, name: describeSkill(graph, e.skill, locale).name, pKnown: e.pKnown }));
}

/** The skills of the assignment this launch opened (only one of this deployment and course). */
async function assignmentSkills(db: Queryable, launch: LaunchContext, graph: SkillGraph): Promise<string[]> {
  if (!launch.assignmentId) return [];
  const [row] = await db.query<{ settings: AssignmentSettings }>(
    `SELECT settings FROM assignment WHERE id = $1 AND deployment_id = $2 AND (context_id IS NULL OR context_id = $3)`,
    [launch.assignmentId, launch.deploymentId, launch.courseId],
  );
  return row ? graph.expand(row.settings.skills).skills : [];
}

export async function myProgress(db: Queryable, catalog: SkillCatalog, launch: LaunchContext): Promise<MyProgressView> {
  const courseId = launch.courseId!;
  const userId = launch.userId!;
  const graph = await catalog.graphFor(launch.platformId);
  const estimates = await loadEstimates(db, courseId, userId);
  const byCode = new Map(estimates.map((e) => [e.skill, e]));
  const targets = await assignmentSkills(db, launch, graph);
  const codes = [...new Set([...estimates.map((e) => e.skill), ...targets])].sort(byGraphOrder(graph));

  const skills: (InsightSkillView & MasteryCellView)[] = codes.map((code) => {
    const e = byCode.get(code);
    return { ...describeSkill(graph, code, launch.locale), skill: code, pKnown: e?.pKnown ?? null, evidence: e?.evidence ?? 0, status: statusOf(e) };
  });

  // Next goals: what is being learned, then assignment skills not started whose
  // prerequisites are mastered (the selector's rule: prerequisites in the assignment, or
  // ones the student has practised), at the model's prior, which is where practice starts.
  const targetSet = new Set(targets);
  const ready = (code: string) => prerequisitesMastered(graph.prerequisitesOf(code), targetSet, (pre) => byCode.get(pre), MASTERY_THRESHOLD);
  const toStart: MyProgressView['nextGoals'] = [];
  for (const code of targets.filter((c) => statusOf(byCode.get(c)) === 'not-started' && ready(c))) {
    toStart.push({ code, name: describeSkill(graph, code, launch.locale).name, pKnown: (await catalog.model(code)).params.pInit });
  }

  const [counts] = await db.query<{ attempts: number }>(
    `SELECT count(*)::int AS attempts FROM attempt WHERE context_id = $1 AND user_id = $2`,
    [courseId, userId],
  );
  // Growth: where each skill started (p(known) before the first attempt) and where it is now.
  const firsts = await db.query<{ skill_code: string; p_known_before: number }>(
    `SELECT DISTINCT ON (skill_code) skill_code, p_known_before FROM attempt
      WHERE context_id = $1 AND user_id = $2 ORDER BY skill_code, created_at, id`,
    [courseId, userId],
  );
  const startOf = new Map(firsts.map((f) => [f.skill_code, f.p_known_before]));
  const growth = codes
    .filter((code) => startOf.has(code) && byCode.has(code))
    .map((code) => ({ skill: code, name: describeSkill(graph, code, launch.locale).name, from: startOf.get(code)!, to: byCode.get(code)!.pKnown }));

  return {
    skills,
    strengths: strengthsOf(estimates, graph, launch.locale),
    nextGoals: [...goalsOf(estimates, graph, launch.locale), ...toStart],
    growth,
    attempts: counts?.attempts ?? 0,
  };
}
