// Versioned SQL migrations, applied in file-name order at start, each in its own
// transaction. A landed migration is never edited: add a new file instead.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');
// Any constant works; it only has to be the same for every Trellis process.
const MIGRATION_LOCK_ID = 7_233_001;

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Applies pending migrations; returns the names applied. Safe to run from many processes. */
export async function migrate(db: Database): Promise<string[]> {
  return db.transaction(async (tx) => {
    // Serialise concurrent starts (several app instances) on a real server.
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migration (
         name text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name));
    const applied: string[] = [];
    for (const m of listMigrations()) {
      if (done.has(m.name)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migration (name) VALUES ($1)', [m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
