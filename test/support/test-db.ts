// A real, migrated PostgreSQL for each test file: its own schema on the local server
// (TEST_DATABASE_URL, default the machine's `test` database), or an in-memory PGlite when
// no server answers. Nothing is mocked.
import crypto from 'node:crypto';
import { Client } from 'pg';
import { connectEmbedded, connectPostgres, type Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  db: Database;
  schema: string | null;
  /** Row counts of the tables that hold people and courses (for "stores nothing" checks). */
  countLaunchData(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

async function serverAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  let db: Database;
  let schema: string | null = null;
  if (await serverAnswers(TEST_DATABASE_URL)) {
    schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    db = await connectPostgres({ url: TEST_DATABASE_URL, poolSize: 5, searchPath: schema });
  } else {
    db = await connectEmbedded(`memory://`);
  }
  await migrate(db);

  return {
    db,
    schema,
    async countLaunchData() {
      const tables = ['app_user', 'course_context', 'enrolment', 'resource_link', 'launch_session'];
      const out: Record<string, number> = {};
      for (const t of tables) {
        const [row] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`);
        out[t] = Number(row!.n);
      }
      return out;
    },
    async close() {
      await db.close();
      if (schema) {
        const admin = new Client({ connectionString: TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      }
    },
  };
}
