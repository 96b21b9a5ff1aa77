// Suggested small groups and peer-tutor pairs; saved plans and their export. A suggestion
// is computed from the course's estimates (server/insights/grouping.ts) and not stored;
// the teacher edits it and saves it as given, checked only for who may be in it.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Queryable } from '../db/database';
import { audit } from '../insights/audit';
import { loadCourseData, type CourseScope } from '../insights/course-data';
import { toCsv } from '../insights/csv';
import type { InsightsDeps } from '../insights/deps';
import { suggestGrouping } from '../insights/grouping';
import type { LaunchContext } from '../lti/launch-context';
import { skillName, type SkillGraph } from '../practice/skill-catalog';
import type { GroupPlanView, GroupView, Locale, PeerPairView } from './contract';
import { AppError } from './errors';
import { courseParam, UUID } from './params';
import { authorize } from './policies';
import { launchOf } from './require-launch';
import { parseBody } from './validate';

const Skills = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(20)
  .refine((s) => new Set(s).size === s.length, 'a skill is listed twice');
const Mode = z.enum(['similar', 'mixed']);
const MaxSize = z.number().int().min(2).max(10);
const UserId = z.string().regex(UUID).transform((id) => id.toLowerCase());
const PKnown = z.number().min(0).max(1);

const SuggestBody = z.object({ skills: Skills, mode: Mode, maxSize: MaxSize });

const PlanBody = z.object({
  title: z.string().trim().min(1).max(200),
  skills: Skills,
  mode: Mode,
  maxSize: MaxSize,
  groups: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        // The limit is the schema's 10, not the plan's maxSize: a teacher may go over it.
        userIds: z.array(UserId).max(10),
        rationale: z.object({ kind: z.enum(['shared-need', 'mixed-levels', 'ready-to-extend']), skill: z.string().max(100).nullable(), meanPKnown: PKnown.nullable() }),
      }),
    )
    .max(100),
  pairs: z
    .array(z.object({ tutor: UserId, learner: UserId, skill: z.string().max(100), tutorPKnown: PKnown, learnerPKnown: PKnown }))
    .max(200),
});
type PlanBody = z.infer<typeof PlanBody>;

interface PlanRow {
  id: string;
  title: string;
  skills: string[];
  mode: 'similar' | 'mixed';
  max_size: number;
  groups: GroupView[];
  pairs: PeerPairView[];
  created_at: Date;
}

const invalid = (detail: string) => new AppError('invalid_input', 400, 'api.invalidInput', detail);
const notFound = () => new AppError('not_found', 404, 'error.notFound');
const private_ = (res: Response) => res.set('Cache-Control', 'no-store');

export function groupRoutes(deps: InsightsDeps): Router {
  const router = Router();

  /** The teacher's course, as a scope for course-data queries. */
  const courseOf = (req: Request): { launch: LaunchContext; scope: CourseScope } => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'view-course-insights', { courseId });
    return { launch, scope: { platformId: launch.platformId, deploymentId: launch.deploymentId, courseId } };
  };

  const knownSkills = async (platformId: string, skills: string[]): Promise<SkillGraph> => {
    const graph = await deps.catalog.graphFor(platformId);
    const unknown = skills.find((s) => !graph.skill(s));
    if (unknown !== undefined) throw invalid(`skills: unknown skill "${unknown}"`);
    return graph;
  };

  router.post('/api/courses/:courseId/groups/suggest', async (req, res) => {
    const { launch, scope } = courseOf(req);
    const input = parseBody(SuggestBody, req.body);
    const graph = await knownSkills(launch.platformId, input.skills);
    const data = await loadCourseData(deps.db, deps.catalog, scope, launch.locale);
    const { groups, pairs } = suggestGrouping({
      students: data.students.map((s) => ({ userId: s.userId, estimates: data.byStudent.get(s.userId) })),
      ...input,
    });
    // A working title the teacher can change: the picked skills' names.
    const title = input.skills.map((code) => skillName(graph.skill(code)!, launch.locale)).join(', ').slice(0, 200);
    const body: GroupPlanView = { id: null, title, ...input, groups, pairs, createdAt: null };
    private_(res).json(body);
  });

  router.get('/api/courses/:courseId/groups', async (req, res) => {
    const { scope } = courseOf(req);
    const rows = await deps.db.query<PlanRow>(`SELECT * FROM group_plan WHERE context_id = $1 ORDER BY created_at DESC, id`, [scope.courseId]);
    private_(res).json({ plans: rows.map(planView) });
  });

  router.post('/api/courses/:courseId/groups', async (req, res) => {
    const { launch, scope } = courseOf(req);
    const plan = await checkedPlan(deps.db, scope, parseBody(PlanBody, req.body), (skills) => knownSkills(launch.platformId, skills));
    const [row] = await deps.db.query<PlanRow>(
      `INSERT INTO group_plan (context_id, title, skills, mode, max_size, groups, pairs, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8) RETURNING *`,
      [scope.courseId, plan.title, plan.skills, plan.mode, plan.maxSize, JSON.stringify(plan.groups), JSON.stringify(plan.pairs), launch.userId],
    );
    private_(res).status(201).json(planView(row!));
  });

  router.put('/api/courses/:courseId/groups/:planId', async (req, res) => {
    const { launch, scope } = courseOf(req);
    const planId = planParam(req.params.planId);
    const plan = await checkedPlan(deps.db, scope, parseBody(PlanBody, req.body), (skills) => knownSkills(launch.platformId, skills));
    const [row] = await deps.db.query<PlanRow>(
      `UPDATE group_plan SET title = $3, skills = $4, mode = $5, max_size = $6, groups = $7::jsonb, pairs = $8::jsonb, updated_at = now()
        WHERE id = $1 AND context_id = $2 RETURNING *`,
      [planId, scope.courseId, plan.title, plan.skills, plan.mode, plan.maxSize, JSON.stringify(plan.groups), JSON.stringify(plan.pairs)],
    );
    if (!row) throw notFound();
    private_(res).json(planView(row));
  });

  router.get('/api/courses/:courseId/groups/:planId/export.csv', async (req, res) => {
    const { launch, scope } = courseOf(req);
    const planId = planParam(req.params.planId);
    const [row] = await deps.db.query<PlanRow>(`SELECT * FROM group_plan WHERE id = $1 AND context_id = $2`, [planId, scope.courseId]);
    if (!row) throw notFound();
    const data = await loadCourseData(deps.db, deps.catalog, scope, launch.locale);
    const graph = await deps.catalog.graphFor(launch.platformId);
    const csv = groupPlanCsv(planView(row), {
      locale: launch.locale,
      studentName: studentNames(data.students, launch.locale),
      skillName: (code) => {
        const skill = graph.skill(code);
        return skill ? skillName(skill, launch.locale) : code;
      },
    });
    await audit(deps.db, launch, 'export-groups', { detail: { planId, groups: row.groups.length, pairs: row.pairs.length } });
    private_(res).attachment(`${fileSlug(row.title)}.csv`).type('text/csv; charset=utf-8').send(csv);
  });

  return router;
}

function planParam(raw: unknown): string {
  const id = String(raw).toLowerCase();
  if (!UUID.test(id)) throw notFound();
  return id;
}

function planView(r: PlanRow): GroupPlanView {
  return { id: r.id, title: r.title, skills: r.skills, mode: r.mode, maxSize: r.max_size, groups: r.groups, pairs: r.pairs, createdAt: new Date(r.created_at).toISOString() };
}

/**
 * A teacher's plan is saved as given, but only with this course's active learners, each
 * in at most one group, and skills the plan names (so the rationale and the export mean
 * what they say).
 */
async function checkedPlan(db: Queryable, scope: CourseScope, plan: PlanBody, known: (skills: string[]) => Promise<unknown>): Promise<PlanBody> {
  await known(plan.skills);
  const planSkills = new Set(plan.skills);
  const seen = new Set<string>();
  for (const [i, g] of plan.groups.entries()) {
    if (g.rationale.skill !== null && !planSkills.has(g.rationale.skill)) throw invalid(`groups.${i}.rationale.skill: not one of the plan's skills`);
    for (const id of g.userIds) {
      if (seen.has(id)) throw invalid(`groups.${i}.userIds: a student is in more than one group`);
      seen.add(id);
    }
  }
  for (const [i, p] of plan.pairs.entries()) {
    if (p.tutor === p.learner) throw invalid(`pairs.${i}: tutor and learner are the same student`);
    if (!planSkills.has(p.skill)) throw invalid(`pairs.${i}.skill: not one of the plan's skills`);
  }
  const everyone = [...new Set([...seen, ...plan.pairs.flatMap((p) => [p.tutor, p.learner])])];
  // The same test as the course's student list: an active learner enrolment in this
  // course, deployment and platform.
  const enrolled = await db.query<{ user_id: string }>(
    `SELECT e.user_id FROM enrolment e
       JOIN course_context c ON c.id = e.context_id
       JOIN deployment d ON d.id = c.deployment_id
      WHERE e.context_id = $1 AND c.deployment_id = $2 AND d.platform_id = $3
        AND e.status = 'Active' AND 'learner' = ANY (e.roles) AND e.user_id = ANY ($4::uuid[])`,
    [scope.courseId, scope.deploymentId, scope.platformId, everyone],
  );
  const ok = new Set(enrolled.map((e) => e.user_id));
  const stranger = everyone.find((id) => !ok.has(id));
  if (stranger !== undefined) throw invalid(`userIds: ${stranger} is not a student in this course`);
  return plan;
}

// ---- CSV export ---------------------------------------------------------------------

const WORDS = {
  en: {
    header: ['Group', 'Student', 'Rationale'],
    pair: 'Pair {n}',
    student: 'Student {n}',
    former: 'Former student',
    sharedNeed: 'Shared need: {skill}',
    notStarted: 'not started',
    readyToExtend: 'Ready to extend',
    mixedLevels: 'Mixed levels',
    mean: 'average mastery estimate {p}',
    tutor: 'Peer tutor: {skill}',
    learner: 'Learning with a peer tutor: {skill}',
    estimate: 'mastery estimate {p}',
  },
  es: {
    header: ['Grupo', 'Estudiante', 'Motivo'],
    pair: 'Pareja {n}',
    student: 'Estudiante {n}',
    former: 'Ya no está en el curso',
    sharedNeed: 'Necesidad común: {skill}',
    notStarted: 'sin empezar',
    readyToExtend: 'Listos para ampliar',
    mixedLevels: 'Niveles mezclados',
    mean: 'estimación media de dominio {p}',
    tutor: 'Tutor entre pares: {skill}',
    learner: 'Aprende con un tutor entre pares: {skill}',
    estimate: 'estimación de dominio {p}',
  },
} satisfies Record<Locale, Record<string, string | string[]>>;

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const percent = (p: number, locale: Locale) => (locale === 'es' ? `${Math.round(p * 100)} %` : `${Math.round(p * 100)}%`);

/** Display names by user id; anonymous launches get "Student n" by roster position, as in the overview. */
function studentNames(students: { userId: string; name: string | null }[], locale: Locale): (userId: string) => string {
  const names = new Map(students.map((s, i) => [s.userId, s.name ?? fill(WORDS[locale].student, { n: i + 1 })]));
  return (userId) => names.get(userId) ?? WORDS[locale].former;
}

/**
 * One row per student per group (group, student, rationale), then the peer pairs as
 * "Pair n" rows; the rationale in words in the launch's language. UTF-8 with a BOM and
 * CRLF, as spreadsheet programs expect.
 */
export function groupPlanCsv(
  plan: GroupPlanView,
  opts: { locale: Locale; studentName: (userId: string) => string; skillName: (code: string) => string },
): string {
  const w = WORDS[opts.locale];
  const pct = (p: number) => percent(p, opts.locale);
  const rationale = ({ kind, skill, meanPKnown }: GroupView['rationale']): string => {
    const mean = meanPKnown === null ? null : fill(w.mean, { p: pct(meanPKnown) });
    const base =
      kind === 'shared-need' ? fill(w.sharedNeed, { skill: skill === null ? '' : opts.skillName(skill) }) : kind === 'ready-to-extend' ? w.readyToExtend : w.mixedLevels;
    if (mean) return `${base} (${mean})`;
    return kind === 'shared-need' ? `${base} (${w.notStarted})` : base;
  };
  const rows: string[][] = [w.header];
  for (const g of plan.groups) for (const id of g.userIds) rows.push([g.name, opts.studentName(id), rationale(g.rationale)]);
  plan.pairs.forEach((p, i) => {
    const pair = fill(w.pair, { n: i + 1 });
    const skill = opts.skillName(p.skill);
    rows.push([pair, opts.studentName(p.tutor), `${fill(w.tutor, { skill })} (${fill(w.estimate, { p: pct(p.tutorPKnown) })})`]);
    rows.push([pair, opts.studentName(p.learner), `${fill(w.learner, { skill })} (${fill(w.estimate, { p: pct(p.learnerPKnown) })})`]);
  });
  return `\uFEFF${toCsv(rows)}`;
}

/** An ASCII file name from the plan's title (accents dropped), "groups" when nothing is left. */
function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug ? `groups-${slug}` : 'groups';
}
