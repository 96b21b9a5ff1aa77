// Early-warning flags and teachers' overrides. The model is published (GET
// /api/early-warning/model); a course's flags carry their reasons as data; an override
// (dismiss or flag, with a note) is kept as history, audited, and respected by the list.
import { Router } from 'express';
import { z } from 'zod';
import { audit } from '../insights/audit';
import type { CourseScope } from '../insights/course-data';
import type { InsightsDeps } from '../insights/deps';
import { flagsForCourse, overrideView } from '../insights/early-warning';
import { MODEL_VERSION, modelView, scoreStudent } from '../insights/early-warning-model';
import { loadFlagFeatures } from '../insights/flag-features';
import type { FlagOverrideInput, FlagOverrideView, FlagsResponse } from './contract';
import { AppError } from './errors';
import { courseParam, UUID } from './params';
import { authorize } from './policies';
import { launchOf } from './require-launch';
import { parseBody } from './validate';
import { displayNameSql } from '../db/user-display-name';

const OverrideInput = z.object({
  userId: z.string().regex(UUID, 'must be a UUID'),
  action: z.enum(['dismiss', 'flag']),
  // A note of only spaces says nothing; the stored note is trimmed.
  note: z.string().trim().min(1).max(2000),
}) satisfies z.ZodType<FlagOverrideInput>;

export function flagsRoutes(deps: InsightsDeps): Router {
  const router = Router();

  router.get('/api/early-warning/model', (req, res) => {
    launchOf(req); // any launch may read how the model works
    res.json(modelView());
  });

  router.get('/api/courses/:courseId/flags', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'view-course-insights', { courseId });
    const scope: CourseScope = { platformId: launch.platformId, deploymentId: launch.deploymentId, courseId };
    const body: FlagsResponse = { model: modelView(), flags: await flagsForCourse(deps.db, scope) };
    res.json(body);
  });

  router.post('/api/courses/:courseId/flags/overrides', async (req, res) => {
    const launch = launchOf(req);
    const courseId = courseParam(req.params.courseId);
    authorize(launch, 'view-course-insights', { courseId });
    const input = parseBody(OverrideInput, req.body);
    const scope: CourseScope = { platformId: launch.platformId, deploymentId: launch.deploymentId, courseId };
    const view = await deps.db.transaction(async (tx): Promise<FlagOverrideView> => {
      // The same query the list uses: it also proves the student is an active learner here.
      const [student] = await loadFlagFeatures(tx, scope, { userIds: [input.userId] });
      if (!student) throw new AppError('student_not_found', 404, 'error.notFound');
      const { score, reasons } = scoreStudent(student.features);
      const features = reasons.map((r) => r.feature);
      const [row] = await tx.query<{ id: string; action: 'dismiss' | 'flag'; note: string; author: string | null; created_at: Date }>(
        `WITH o AS (
           INSERT INTO flag_override (context_id, student_id, action, reasons, note, evidence_until, model_version, author_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, action, note, author_id, created_at)
         SELECT o.id, o.action, o.note, o.created_at,
                ${displayNameSql('u')} AS author
           FROM o LEFT JOIN app_user u ON u.id = o.author_id`,
        [courseId, input.userId, input.action, features, input.note, student.evidenceAt, MODEL_VERSION, launch.userId],
      );
      // The note stays in flag_override; the audit trail records who decided what, on which reasons.
      await audit(tx, launch, 'override-flag', {
        subjectUserId: input.userId,
        detail: { overrideId: row!.id, action: input.action, reasons: features, score, modelVersion: MODEL_VERSION },
      });
      return overrideView(row!);
    });
    res.status(201).json(view);
  });

  return router;
}
