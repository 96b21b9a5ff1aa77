// Teacher insights: class overview, student drill-down, notes, exports, district rollup.
import { Router } from 'express';
import type { InsightsDeps } from '../insights/deps';

export function insightsRoutes(_deps: InsightsDeps): Router {
  const router = Router();
  return router;
}
