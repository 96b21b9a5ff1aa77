// Instrumentation for bench/passback, all in the driver process and without touching
// server code: a Database wrapper that notes when the outbox worker records a row as
// delivered (and how long each kind of statement takes), and a wrapper around the global
// fetch that times the calls made to the LMS (token, score, line item).
import { performance } from 'node:perf_hooks';
import type { Database } from '../../server/db/database';

export interface Tally {
  n: number;
  ms: number;
  max: number;
}

const add = (m: Map<string, Tally>, key: string, ms: number) => {
  const t = m.get(key) ?? { n: 0, ms: 0, max: 0 };
  t.n++;
  t.ms += ms;
  if (ms > t.max) t.max = ms;
  m.set(key, t);
};

/** What one round saw. Times are performance.now() milliseconds. */
export class RoundProbe {
  readonly deliveredAt = new Map<string, number>();
  readonly failed = new Set<string>();
  readonly rescheduled = new Map<string, number>();
  readonly sql = new Map<string, Tally>();
  readonly http = new Map<string, Tally>();
  /** Timed steps of Trellis's delivery (e.g. AgsClient.postScore). */
  readonly steps = new Map<string, Tally>();
  private inFlight = new Map<string, number>();
  readonly maxInFlight = new Map<string, number>();
  private waiters: { n: number; resolve: () => void }[] = [];

  onSql(kind: string, ms: number, params: unknown[] | undefined): void {
    add(this.sql, kind, ms);
    const id = params?.[0] === undefined ? null : String(params[0]);
    if (id === null) return;
    if (kind === 'outbox: mark delivered') this.deliveredAt.set(id, performance.now());
    else if (kind === 'outbox: mark failed') this.failed.add(id);
    else if (kind === 'outbox: reschedule') this.rescheduled.set(id, (this.rescheduled.get(id) ?? 0) + 1);
    else return;
    this.check();
  }

  step(kind: string, ms: number): void {
    add(this.steps, kind, ms);
  }

  httpStart(kind: string): void {
    const n = (this.inFlight.get(kind) ?? 0) + 1;
    this.inFlight.set(kind, n);
    if (n > (this.maxInFlight.get(kind) ?? 0)) this.maxInFlight.set(kind, n);
  }

  httpEnd(kind: string, ms: number): void {
    this.inFlight.set(kind, (this.inFlight.get(kind) ?? 1) - 1);
    add(this.http, kind, ms);
  }

  /** Resolves once `n` rows are settled (delivered or failed for good). */
  settled(n: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ n, resolve });
      this.check();
    });
  }

  private check(): void {
    const done = this.deliveredAt.size + this.failed.size;
    this.waiters = this.waiters.filter((w) => {
      if (done < w.n) return true;
      w.resolve();
      return false;
    });
  }
}

/** The round being measured, if any (the wrappers report to it). */
export const probe: { current: RoundProbe | null } = { current: null };

export function sqlKind(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (s.startsWith("UPDATE outbox SET status = 'delivered'")) return 'outbox: mark delivered';
  if (s.startsWith("UPDATE outbox SET status = 'failed'")) return 'outbox: mark failed';
  if (s.startsWith('UPDATE outbox SET locked_until = NULL, last_error')) return 'outbox: reschedule';
  if (s.startsWith('UPDATE outbox SET locked_until = now()')) return 'outbox: claim batch';
  if (s.startsWith('SELECT rl.link_id')) return 'delivery: resource link lookup';
  if (s.includes('ags_lineitem_lease_until')) return 'delivery: line item lease/store';
  if (s.includes('FROM platform')) return 'platform lookup';
  return 'other';
}

/** The same database, with every non-transaction query timed and classified. */
export function instrumentDb(db: Database): Database {
  return {
    kind: db.kind,
    async query<T>(sql: string, params?: unknown[]) {
      const t0 = performance.now();
      const rows = await db.query<T>(sql, params);
      probe.current?.onSql(sqlKind(sql), performance.now() - t0, params);
      return rows;
    },
    exec: (sql: string) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
}

export function httpKind(url: string): string | null {
  if (url.includes('/bench/')) return null; // the driver's admin calls
  if (/\/token(\?|$)/.test(url)) return 'token';
  if (/\/scores(\?|$)/.test(url)) return 'score POST';
  if (url.includes('/line_items')) return 'line items';
  if (url.includes('/jwks')) return 'jwks';
  return null;
}

let fetchWrapped = false;
/** Times every fetch to the LMS's service endpoints (for Trellis and the naive client alike). */
export function wrapFetch(): void {
  if (fetchWrapped) return;
  fetchWrapped = true;
  const original = globalThis.fetch;
  globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const kind = httpKind(url);
    const round = kind ? probe.current : null;
    if (!round || !kind) return original(input, init);
    round.httpStart(kind);
    const t0 = performance.now();
    try {
      return await original(input, init);
    } finally {
      round.httpEnd(kind, performance.now() - t0);
    }
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
