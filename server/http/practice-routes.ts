// The student practice API: current item, hints, attempts. The service does the work;
// these routes validate input and name the served item.
import { Router } from 'express';
import { z } from 'zod';
import type { PracticeService } from '../practice/practice-service';
import type { AttemptInput } from './contract';
import { AppError } from './errors';
import { UUID } from './params';
import { launchOf } from './require-launch';
import { parseBody } from './validate';

export const MAX_ANSWER_LENGTH = 200;

const Attempt = z.object({
  answer: z.union([
    z.string().min(1).max(MAX_ANSWER_LENGTH),
    z.array(z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/)).min(1).max(20),
  ]),
  idempotencyKey: z.string().regex(UUID, 'must be a UUID'),
  timeOnTaskMs: z.number().int().min(0).max(86_400_000),
}) satisfies z.ZodType<AttemptInput>;

/** A served item id from the URL; anything but a UUID was never served. */
function servedItemParam(raw: unknown): string {
  const id = String(raw);
  if (!UUID.test(id)) throw new AppError('item_not_served', 409, 'practice.itemNotServed');
  return id;
}

export function practiceRoutes(deps: { practice: PracticeService }): Router {
  const router = Router();

  router.get('/api/practice', async (req, res) => {
    res.json(await deps.practice.state(launchOf(req)));
  });

  router.post('/api/practice/items/:itemId/hints', async (req, res) => {
    res.json(await deps.practice.hint(launchOf(req), servedItemParam(req.params.itemId)));
  });

  router.post('/api/practice/items/:itemId/attempts', async (req, res) => {
    const launch = launchOf(req);
    const itemId = servedItemParam(req.params.itemId);
    const input = parseBody(Attempt, req.body);
    res.json(await deps.practice.attempt(launch, itemId, input));
  });

  return router;
}
