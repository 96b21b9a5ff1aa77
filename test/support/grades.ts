// Helpers for grade-passback tests: a fast-retrying outbox worker over Trellis's real
// delivery code, and ids of launched students and links.
import { scoreDelivery } from '../../server/grades/deliver-score';
import { enqueueScore, type ScoreInput } from '../../server/grades/enqueue-score';
import { OutboxWorker } from '../../server/jobs/outbox';
import { LaunchTokens } from '../../server/lti/launch-token';
import { bootDataOf, fullLaunch, type Harness } from './harness';

export function fastWorker(h: Harness, overrides: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) {
  return new OutboxWorker({
    db: h.tdb.db,
    deliver: scoreDelivery({ db: h.tdb.db, registry: h.trellis.registry, ags: h.trellis.services.ags }),
    retryBaseMs: 200,
    retryMaxMs: 1_000,
    pollMs: 50,
    leaseMs: 2_000,
    // Fast retries need more of them to outlast a 30-second outage.
    maxAttempts: 200,
    ...overrides,
  });
}

/** Launches a student on a link and returns Trellis's ids for them. */
export async function launchedStudent(h: Harness, userSub: string, resourceLinkId?: string) {
  const res = await fullLaunch(h, { userSub, resourceLinkId });
  if (res.status !== 200) throw new Error(`launch failed: ${res.status} ${res.text.slice(0, 200)}`);
  const boot = bootDataOf(res.text);
  const ctx = await new LaunchTokens(h.config.encryptionKey, h.config.publicUrl).verify(boot.token);
  const [link] = await h.tdb.db.query<{ resource_link_id: string }>(`SELECT resource_link_id FROM launch_session WHERE id = $1`, [ctx.sessionId]);
  return { platformId: ctx.platformId, userId: ctx.userId!, courseId: ctx.courseId!, resourceLinkId: link!.resource_link_id, boot };
}

export function enqueue(h: Harness, who: { platformId: string; userId: string; resourceLinkId: string }, score: ScoreInput) {
  return h.tdb.db.transaction((tx) => enqueueScore(tx, { ...who, score }));
}

/** Runs the worker until the outbox has nothing pending (bounded). */
export async function drain(worker: OutboxWorker, h: Harness, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await worker.runOnce();
    const [row] = await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`);
    if (row!.n === 0) return;
    if (Date.now() > until) throw new Error(`outbox still has ${row!.n} pending rows`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
