// The mentor (parent) view of mentees and the student's own progress and data download.
import { Router } from 'express';
import type { InsightsDeps } from '../insights/deps';

export function learnerViewsRoutes(_deps: InsightsDeps): Router {
  const router = Router();
  return router;
}
