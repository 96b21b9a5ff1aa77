// bench/practice: one Trellis server as a child process of the driver (run.ts). It is
// server/main.ts minus the demo and the hourly schedulers, with two differences:
//
// - BENCH_MASTERY_MODE picks composeTrellis's masteryMode: 'incremental' (Trellis as
//   shipped: running estimates in mastery_estimate) or 'replay' (the baseline: mastery
//   recomputed from every past attempt on each request);
// - the Database handed to composeTrellis is wrapped to count and time statements, and
//   GET /__bench/stats reports those counters (plus CPU, event-loop utilisation and delay)
//   so the driver can say where server time goes. The wrapper adds two performance.now()
//   calls and a map update per statement; no server code is changed.
//
// Environment: everything server/config.ts reads (DATABASE_URL, TRELLIS_ENCRYPTION_KEY,
// PUBLIC_URL, PORT, HOST, DATABASE_POOL_SIZE, LOG_LEVEL, NODE_ENV) plus BENCH_MASTERY_MODE,
// and BENCH_PREPARED=1 for an experiment: the same Database as server/db/database.ts but
// every statement sent as a named prepared statement (parsed and planned once per
// connection), to measure what that change would buy. Not what Trellis ships.
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Router } from 'express';
import { Pool, type PoolClient } from 'pg';
import { composeTrellis } from '../../server/compose';
import { loadConfig } from '../../server/config';
import { connectDatabase } from '../../server/db/connect';
import type { Database, Queryable } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { createLogger } from '../../server/logger';
import { checkAnswer } from '../../server/practice/answers/check-answer';

export interface StatementTally {
  /** Statements of this kind. */
  n: number;
  /** Sum of their round-trip times (send → rows back in JS), ms. */
  ms: number;
  /** How many of them ran inside a transaction, and their summed round trips. */
  inTx: number;
  msInTx: number;
  /** Longest round trip (for a statement on the pool: including the wait for a connection). */
  maxMs: number;
  /** Statements that failed (e.g. no pooled connection within the pool's wait limit). */
  failed: number;
}

/** What GET /__bench/stats returns: counters since the previous reset. */
export interface ServerStats {
  mode: string;
  pid: number;
  /** ms since the previous reset. */
  elapsedMs: number;
  transactions: {
    n: number;
    failed: number;
    /** transaction() called → callback running: waiting for a pooled connection + BEGIN. */
    openMs: number;
    maxOpenMs: number;
    /** The callback: statements inside plus the JS between them. */
    bodyMs: number;
    /** Callback done → transaction() resolved: COMMIT + release. */
    commitMs: number;
    /** Statements inside transactions (BEGIN/COMMIT not counted) and their summed round trips. */
    statements: number;
    statementMs: number;
  };
  /** Statements outside transactions (outbox worker, caches refilling, healthz, …). */
  plain: { n: number; ms: number };
  byKind: Record<string, StatementTally>;
  /** process.cpuUsage() delta, ms. */
  cpuMs: number;
  /** Event-loop utilisation over the interval (1 = the loop never idled). */
  elu: number;
  /** Event-loop delay percentiles over the interval beyond the 10 ms sampling timer, ms. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssMB: number;
}

const kinds = new Map<string, string>();

/** A short, stable name for a statement (memoised by SQL text: the hot path repeats a handful). */
export function statementKind(sql: string): string {
  let kind = kinds.get(sql);
  if (kind === undefined) {
    kind = classify(sql);
    if (kinds.size > 1_000) kinds.clear();
    kinds.set(sql, kind);
  }
  return kind;
}

function classify(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (s.includes('FOR UPDATE OF s')) return 'lock served item (+ attempt/key lookups)';
  if (s.includes('FROM served_item s WHERE s.id = $1')) return 'read served item (answer checked before the transaction)';
  if (s.includes('FROM served_item s WHERE') && s.includes('answered_at IS NULL')) return 'open item';
  if (s.includes('FROM mastery_estimate WHERE context_id')) return 'snapshot: estimates + recent items + progress';
  if (s.startsWith('WITH a AS ( INSERT INTO attempt')) return 'write attempt + estimate + counters + next item (one statement)';
  if (s.startsWith('SELECT skill_code, correct, created_at FROM attempt')) return 'replay: every past attempt';
  if (s.startsWith('UPDATE assignment_progress SET score_given')) return 'record score';
  if (s.startsWith('SELECT u.sub FROM app_user u')) return 'enqueue score: scope check';
  if (s.startsWith('SELECT pg_advisory_xact_lock(hashtext($1))')) return 'enqueue score: advisory lock';
  if (s.includes('FROM outbox WHERE subject_key')) return 'enqueue score: last timestamp';
  if (s.startsWith('INSERT INTO outbox')) return 'enqueue score: insert';
  if (s.startsWith('UPDATE outbox SET locked_until = now()')) return 'outbox worker: claim';
  if (s.startsWith("UPDATE outbox SET status = 'delivered'")) return 'outbox worker: mark delivered';
  if (s.startsWith('UPDATE outbox SET locked_until = NULL, last_error')) return 'outbox worker: reschedule a failed delivery';
  if (s.startsWith('SELECT rl.link_id') || s.includes('ags_lineitem')) return 'outbox worker: link / line item';
  if (s.startsWith('SELECT a.settings, rl.ags_lineitem_url')) return 'resolve launch target (cached 60 s per session)';
  if (s.includes('array_agg(id ORDER BY created_at, external_id) AS ids FROM authored_item')) return 'ItemSource authored-item index (60 s cache refill, on the pool)';
  if (s.startsWith('SELECT DISTINCT ON (skill_code) skill_code, version, p_init')) return 'SkillCatalog models (60 s cache refill, on the pool)';
  if (s.startsWith('SELECT s.code, s.standard, s.grade, s.domain, s.name, s.prerequisites')) return 'SkillCatalog graph (60 s cache refill, on the pool)';
  if (s.includes('INSERT INTO practice_session')) return 'touch practice session (with target resolution)';
  if (s.includes('FROM platform')) return 'platform lookup';
  return s.slice(0, 70);
}

class DbProbe {
  private stats!: Omit<ServerStats, 'mode' | 'pid' | 'elapsedMs' | 'cpuMs' | 'elu' | 'loopDelayP50Ms' | 'loopDelayP99Ms' | 'loopDelayMaxMs' | 'rssMB'>;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.stats = {
      transactions: { n: 0, failed: 0, openMs: 0, maxOpenMs: 0, bodyMs: 0, commitMs: 0, statements: 0, statementMs: 0 },
      plain: { n: 0, ms: 0 },
      byKind: {},
    };
  }

  snapshot() {
    return this.stats;
  }

  private note(sql: string, ms: number, inTx: boolean, failed: boolean): void {
    const kind = statementKind(sql);
    const t = (this.stats.byKind[kind] ??= { n: 0, ms: 0, inTx: 0, msInTx: 0, maxMs: 0, failed: 0 });
    t.n++;
    t.ms += ms;
    if (ms > t.maxMs) t.maxMs = ms;
    if (failed) t.failed++;
    if (inTx) {
      t.inTx++;
      t.msInTx += ms;
    }
    if (inTx) {
      this.stats.transactions.statements++;
      this.stats.transactions.statementMs += ms;
    } else {
      this.stats.plain.n++;
      this.stats.plain.ms += ms;
    }
  }

  wrap(db: Database): Database {
    const timed = (q: Queryable, inTx: boolean): Queryable => ({
      query: async <T>(sql: string, params?: unknown[]) => {
        const t0 = performance.now();
        let failed = true;
        try {
          const rows = await q.query<T>(sql, params);
          failed = false;
          return rows;
        } finally {
          this.note(sql, performance.now() - t0, inTx, failed);
        }
      },
      exec: (sql: string) => q.exec(sql),
    });
    const plain = timed(db, false);
    return {
      kind: db.kind,
      query: plain.query,
      exec: plain.exec,
      transaction: async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
        const t0 = performance.now();
        let t1 = NaN;
        let t2 = NaN;
        try {
          const out = await db.transaction(async (tx) => {
            t1 = performance.now();
            try {
              return await fn(timed(tx, true));
            } finally {
              t2 = performance.now();
            }
          });
          const t3 = performance.now();
          const s = this.stats.transactions;
          s.n++;
          s.openMs += t1 - t0;
          s.maxOpenMs = Math.max(s.maxOpenMs, t1 - t0);
          s.bodyMs += t2 - t1;
          s.commitMs += t3 - t2;
          return out;
        } catch (err) {
          this.stats.transactions.failed++;
          throw err;
        }
      },
      close: () => db.close(),
    };
  }
}

const LOOP_RESOLUTION_MS = 10;

/**
 * server/db/database.ts connectPostgres with one change: statements go out as named
 * prepared statements (name = hash of the SQL), so PostgreSQL parses and plans each one
 * once per connection instead of on every execution. Experiment only (BENCH_PREPARED=1).
 */
async function connectPrepared(url: string, poolSize: number): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();
  const names = new Map<string, string>();
  const named = (sql: string, params: unknown[]) => {
    let name = names.get(sql);
    if (name === undefined) {
      name = `b${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
      names.set(sql, name);
    }
    return { name, text: sql, values: params };
  };
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(named(sql, params))).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const c: PoolClient = await pool.connect();
      try {
        await c.query('BEGIN');
        const tx: Queryable = {
          async query<R>(sql: string, params: unknown[] = []) {
            return (await c.query(named(sql, params))).rows as R[];
          },
          async exec(sql: string) {
            await c.query(sql);
          },
        };
        const out = await fn(tx);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function main(): Promise<void> {
  const mode = process.env.BENCH_MASTERY_MODE;
  if (mode !== 'incremental' && mode !== 'replay') throw new Error(`BENCH_MASTERY_MODE must be incremental or replay, got "${mode}"`);
  const config = loadConfig();
  const logger = createLogger(config.logLevel, false);
  const probe = new DbProbe();
  const prepared = process.env.BENCH_PREPARED === '1';
  if (prepared && config.database.kind !== 'postgres') throw new Error('BENCH_PREPARED=1 needs PostgreSQL');
  const raw = prepared && config.database.kind === 'postgres' ? await connectPrepared(config.database.url, config.database.poolSize) : await connectDatabase(config);
  const db = probe.wrap(raw);
  await migrate(db); // already applied by the driver: a no-op, as at every start of main.ts

  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  let since = performance.now();
  let cpuSince = process.cpuUsage();
  let eluSince: EventLoopUtilization = performance.eventLoopUtilization();
  const stats = Router();
  stats.get('/stats', (req, res) => {
    const cpu = process.cpuUsage(cpuSince);
    const elu = performance.eventLoopUtilization(eluSince);
    const body: ServerStats = {
      mode,
      pid: process.pid,
      elapsedMs: performance.now() - since,
      ...probe.snapshot(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      elu: elu.utilization,
      // The histogram records the whole interval between two ticks of its 10 ms timer.
      loopDelayP50Ms: Math.max(0, loopDelay.percentile(50) / 1e6 - LOOP_RESOLUTION_MS),
      loopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      loopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS),
      rssMB: process.memoryUsage().rss / 1e6,
    };
    if (req.query.reset === '1') {
      probe.reset();
      loopDelay.reset();
      since = performance.now();
      cpuSince = process.cpuUsage();
      eluSince = performance.eventLoopUtilization();
    }
    res.json(body);
  });

  const trellis = composeTrellis({ config, db, logger, masteryMode: mode, extraRouters: [{ path: '/__bench', router: stats }] });
  await trellis.toolKeys.ensureActiveKey();
  await trellis.practice.catalog.ready();
  checkAnswer({ kind: 'number', value: '1/2' }, '0.5', 'en'); // as main.ts: loads mathjs now, not on a student's first answer
  const server = trellis.app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  trellis.outboxWorker.start(); // as main.ts: scores that change go to the LMS
  process.stdout.write(`bench practice server (${mode}${prepared ? ', named prepared statements' : ''}) listening on ${config.host}:${config.port}, pid ${process.pid}\n`);

  const shutdown = async () => {
    await trellis.outboxWorker.stop();
    server.closeAllConnections();
    server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench practice server cannot start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
