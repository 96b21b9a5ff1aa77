// Suggested small groups and peer-tutor pairs; saved plans and their export.
import { Router } from 'express';
import type { InsightsDeps } from '../insights/deps';

export function groupRoutes(_deps: InsightsDeps): Router {
  const router = Router();
  return router;
}
