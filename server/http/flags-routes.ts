// Early-warning flags and teachers' overrides.
import { Router } from 'express';
import type { InsightsDeps } from '../insights/deps';

export function flagsRoutes(_deps: InsightsDeps): Router {
  const router = Router();
  return router;
}
