// One small interface over two drivers: node-postgres for a real server, PGlite for the
// embedded single-user default. Callers write plain parameterised SQL and get typed rows.
import { Pool, type PoolClient } from 'pg';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'embedded';
  /** Runs fn in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  poolSize?: number;
  /** Used by tests to isolate each test file in its own schema. */
  searchPath?: string;
}

export async function connectPostgres(opts: PostgresOptions): Promise<Database> {
  const pool = new Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    options: opts.searchPath ? `-c search_path=${opts.searchPath}` : undefined,
  });
  // Idle clients can error when the server restarts; log-worthy but not fatal.
  pool.on('error', () => undefined);
  const client = await pool.connect(); // fail fast at start if unreachable
  client.release();

  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await pool.query(sql, params);
      return result.rows as T[];
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
            return (await c.query(sql, params)).rows as R[];
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

/**
 * PGlite is a single connection: an open transaction would see (and be broken by)
 * unrelated queries. A promise queue runs queries and whole transactions one at a time.
 */
export async function connectEmbedded(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const fs = await import('node:fs');
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const db = new PGlite(dataDir);
  await db.waitReady;

  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  }

  return {
    kind: 'embedded',
    query<T>(sql: string, params: unknown[] = []) {
      return exclusive(async () => (await db.query<T>(sql, params)).rows);
    },
    exec(sql: string) {
      return exclusive(async () => {
        await db.exec(sql);
      });
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return exclusive(() =>
        db.transaction(async (t) => {
          const tx: Queryable = {
            async query<R>(sql: string, params: unknown[] = []) {
              return (await t.query<R>(sql, params)).rows;
            },
            async exec(sql: string) {
              await t.exec(sql);
            },
          };
          return fn(tx);
        }),
      );
    },
    async close() {
      await exclusive(() => db.close());
    },
  };
}
