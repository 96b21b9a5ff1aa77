// Teacher insights: class overview, student drill-down, notes, the class mastery export,
// and the district rollup. Every course route: authorize for the course → a handful of
// scoped queries → present; student-level reads and exports are audited.
import { Router } from 'express';
import { z } from 'zod';
import type { Queryable } from '../db/database';
import { audit } from '../insights/audit';
import type { CourseScope, CourseStudent } from '../insights/course-data';
import { toCsv } from '../insights/csv';
import type { InsightsDeps } from '../insights/deps';
import { loadClassOverview, masteryCsvRows } from '../insights/overview';
import { platformRollup } from '../insights/rollup';
import { addNote, findCourseStudent, loadStudentDetail } from '../insights/student-detail';
import type { LaunchContext } from '../lti/launch-context';
import { AppError } from './errors';
import { courseParam, UUID } from './params';
import { authorize } from './policies';
import { launchOf } from './require-launch';
import { parseBody } from './validate';

/** GET /api/platform/rollup: per-course and per-skill totals for the launch's platform. */
export interface PlatformRollupView {
  courses: {
    courseId: string;
    title: string | null;
    /** Students with evidence on any skill of the course. */
    students: number;
    /** meanPKnown is over the students with evidence on the skill. */
    skills: { code: string; mastered: number; students: number; meanPKnown: number | null }[];
  }[];
  /** Estimates up to this instant are counted (the rollup job's watermark); null before its first run. */
  refreshedAt: string | null;
}

export const MAX_NOTE_LENGTH = 2000;
const NoteInput = z.object({ body: z.string().trim().min(1).max(MAX_NOTE_LENGTH) });

const scopeOf = (launch: LaunchContext, courseId: string): CourseScope => ({ platformId: launch.platformId, deploymentId: launch.deploymentId, courseId });

/** The course's student named in the URL; anything else (another course's, a teacher, not a UUID) is not found. */
async function studentParam(db: Queryable, scope: CourseScope, raw: unknown): Promise<CourseStudent> {
  const id = String(raw);
  const student = UUID.test(id) ? await findCourseStudent(db, scope, id) : null;
  if (!student) throw new AppError('student_not_found', 404, 'error.notFound');
  return student;
}

export function insightsRoutes(deps: InsightsDeps): Router {
  const router = Router();
  const read = { db: deps.db, catalog: deps.catalog };

  router.get('/api/courses/:courseId/insights', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'view-course-insights', { courseId });
    res.set('Cache-Control', 'no-store').json(await loadClassOverview(read, scopeOf(launch, courseId), launch.locale));
  });

  router.get('/api/courses/:courseId/insights/students/:userId', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'view-course-insights', { courseId });
    const scope = scopeOf(launch, courseId);
    const student = await studentParam(deps.db, scope, req.params.userId);
    const detail = await loadStudentDetail(read, scope, launch.locale, student);
    await audit(deps.db, launch, 'view-student', { subjectUserId: student.userId });
    res.set('Cache-Control', 'no-store').json(detail);
  });

  router.post('/api/courses/:courseId/insights/students/:userId/notes', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'view-course-insights', { courseId });
    const scope = scopeOf(launch, courseId);
    const student = await studentParam(deps.db, scope, req.params.userId);
    const input = parseBody(NoteInput, req.body);
    const note = await deps.db.transaction(async (tx) => {
      const created = await addNote(tx, scope, student.userId, launch.userId, input.body);
      await audit(tx, launch, 'add-note', { subjectUserId: student.userId, detail: { noteId: created.id } });
      return created;
    });
    res.status(201).json(note);
  });

  router.get('/api/courses/:courseId/insights/export/mastery.csv', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'view-course-insights', { courseId });
    const view = await loadClassOverview(read, scopeOf(launch, courseId), launch.locale);
    await audit(deps.db, launch, 'export-class-mastery', { detail: { students: view.students.length, skills: view.skills.length } });
    const date = view.generatedAt.slice(0, 10);
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="class-mastery-${date}.csv"`,
        'Cache-Control': 'no-store',
      })
      // A BOM so spreadsheet programs read the UTF-8 names (José, Núñez) correctly.
      .send('\uFEFF' + toCsv(masteryCsvRows(view, launch.locale)));
  });

  router.get('/api/platform/rollup', async (req, res) => {
    const launch = launchOf(req);
    authorize(launch, 'view-platform-rollup');
    const graph = await deps.catalog.graphFor(launch.platformId);
    const order = new Map(graph.all().map((s, i) => [s.code, i]));
    const view = await platformRollup(deps.db, launch.platformId, (code) => order.get(code) ?? Number.MAX_SAFE_INTEGER);
    await audit(deps.db, launch, 'view-platform-rollup', { detail: { courses: view.courses.length } });
    res.json(view);
  });

  return router;
}
