// The durable outbox: every side effect toward an LMS is a row written in the same
// transaction as the change that caused it, then delivered at least once by workers.
// Workers lease rows with FOR UPDATE SKIP LOCKED, so any number of processes can drain
// it; a worker that dies mid-delivery only delays its rows until the lease lapses.
import type { Database, Queryable } from '../db/database';

export interface OutboxRow {
  id: string;
  platform_id: string;
  kind: 'score';
  payload: Record<string, unknown>;
  subject_key: string;
  attempts: number;
}

/** Thrown by a delivery to say "do not retry" (the LMS refused the content itself). */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

export async function enqueue(
  tx: Queryable,
  item: { platformId: string; kind: OutboxRow['kind']; payload: Record<string, unknown>; subjectKey: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO outbox (platform_id, kind, payload, subject_key) VALUES ($1, $2, $3, $4) RETURNING id`,
    [item.platformId, item.kind, item.payload, item.subjectKey],
  );
  return row!.id;
}

export interface OutboxWorkerOptions {
  db: Database;
  deliver: (row: OutboxRow) => Promise<void>;
  onError?: (err: unknown, row: OutboxRow) => void;
  batchSize?: number;
  /** Parallel deliveries per batch (rate limits per platform apply below this). */
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Retry schedule: base × 2^(attempt-1), capped, with jitter; then the row fails. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxAttempts?: number;
}

export class OutboxWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly o: OutboxWorkerOptions) {}

  /** Leases due rows and delivers them; returns how many it handled. */
  async runOnce(): Promise<number> {
    const rows = await this.claim();
    const queue = [...rows];
    const lanes = Array.from({ length: Math.min(this.o.concurrency ?? 8, queue.length) }, async () => {
      for (let row = queue.shift(); row; row = queue.shift()) await this.handle(row);
    });
    await Promise.all(lanes);
    return rows.length;
  }

  /** Leases due rows without delivering them (what a worker does just before it dies). */
  async claim(): Promise<OutboxRow[]> {
    return this.o.db.query<OutboxRow>(
      `UPDATE outbox SET locked_until = now() + make_interval(secs => $2::double precision / 1000), attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox
           WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
             -- One row per subject at a time, oldest first: a student's scores reach the LMS in order.
             AND NOT EXISTS (SELECT 1 FROM outbox earlier
                              WHERE earlier.subject_key = outbox.subject_key AND earlier.status = 'pending' AND earlier.id < outbox.id)
           ORDER BY id LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, platform_id, kind, payload, subject_key, attempts`,
      [this.o.batchSize ?? 50, this.o.leaseMs ?? 60_000],
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const handled = await this.runOnce().catch(() => 0);
        if (handled === 0 && this.running) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            setTimeout(resolve, this.o.pollMs ?? 1000).unref();
          });
        }
      }
    })();
  }

  /** Lets the worker look for work now instead of at its next poll. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async handle(row: OutboxRow): Promise<void> {
    try {
      await this.o.deliver(row);
      await this.o.db.query(
        `UPDATE outbox SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1`,
        [row.id],
      );
    } catch (err) {
      this.o.onError?.(err, row);
      const message = (err as Error).message.slice(0, 1000);
      const permanent = err instanceof PermanentDeliveryError || row.attempts >= (this.o.maxAttempts ?? 20);
      if (permanent) {
        await this.o.db.query(`UPDATE outbox SET status = 'failed', locked_until = NULL, last_error = $2 WHERE id = $1`, [row.id, message]);
        return;
      }
      const base = this.o.retryBaseMs ?? 5_000;
      const delay = Math.min(this.o.retryMaxMs ?? 15 * 60_000, base * 2 ** (row.attempts - 1));
      const jittered = delay / 2 + Math.random() * (delay / 2);
      await this.o.db.query(
        `UPDATE outbox SET locked_until = NULL, last_error = $2,
                next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1`,
        [row.id, message, jittered],
      );
    }
  }
}

/** Puts a failed row back in the queue (the teacher's or admin's "retry" button). */
export async function retryOutboxItem(db: Database, platformId: string, id: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL
      WHERE id = $1 AND platform_id = $2 AND status = 'failed' RETURNING id`,
    [id, platformId],
  );
  return rows.length === 1;
}
