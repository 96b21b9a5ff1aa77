// Migrations and both drivers: the real server and the embedded PGlite default.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectEmbedded } from '../../server/db/database';
import { listMigrations, migrate } from '../../server/db/migrate';
import { createTestDatabase } from '../support/test-db';

describe('migrations', () => {
  it('apply once, in order, and are idempotent on PostgreSQL', async () => {
    const tdb = await createTestDatabase(); // already migrated once
    try {
      expect(await migrate(tdb.db)).toEqual([]);
      const rows = await tdb.db.query<{ name: string }>(`SELECT name FROM schema_migration ORDER BY name`);
      expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
    } finally {
      await tdb.close();
    }
  });

  it('are named by date and say what they do', () => {
    for (const m of listMigrations()) expect(m.name).toMatch(/^\d{8}_\d{4}_[a-z0-9_]+__[a-z]+\.sql$/);
  });

  it('rolls back a transaction that throws', async () => {
    const tdb = await createTestDatabase();
    try {
      await expect(
        tdb.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO ltijs_document (collection, doc) VALUES ('t', '{}')`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await tdb.db.query(`SELECT 1 FROM ltijs_document WHERE collection = 't'`)).toEqual([]);
    } finally {
      await tdb.close();
    }
  });
});

describe('embedded PGlite', () => {
  it('creates its data folder on first start and keeps data across restarts', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-pglite-')), 'pg');
    const first = await connectEmbedded(dir);
    expect(await migrate(first)).toHaveLength(listMigrations().length);
    await first.query(`INSERT INTO ltijs_document (collection, doc) VALUES ('kept', '{"a":1}')`);
    await first.close();
    expect(fs.existsSync(dir)).toBe(true);

    const second = await connectEmbedded(dir);
    expect(await migrate(second)).toEqual([]);
    expect(await second.query(`SELECT doc FROM ltijs_document WHERE collection = 'kept'`)).toEqual([{ doc: { a: 1 } }]);
    await second.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('serialises concurrent queries and transactions on its single connection', async () => {
    const db = await connectEmbedded('memory://');
    await migrate(db);
    await Promise.all([
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ltijs_document (collection, doc) VALUES ('c', '{"n":1}')`);
        await new Promise((r) => setTimeout(r, 20));
        await tx.query(`INSERT INTO ltijs_document (collection, doc) VALUES ('c', '{"n":2}')`);
      }),
      db.query(`INSERT INTO ltijs_document (collection, doc) VALUES ('c', '{"n":3}')`),
      db.transaction(async () => {
        throw new Error('rolled back');
      }).catch(() => undefined),
    ]);
    const rows = await db.query<{ n: number }>(`SELECT (doc->>'n')::int AS n FROM ltijs_document WHERE collection = 'c' ORDER BY 1`);
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3]);
    await db.close();
  });
});

describe('sweeper', () => {
  it('deletes expired login state, nonces and ltijs documents, and keeps live ones', async () => {
    const { sweepExpired } = await import('../../server/jobs/sweeper');
    const tdb = await createTestDatabase();
    try {
      const [p] = await tdb.db.query<{ id: string }>(
        `INSERT INTO platform (issuer, client_id, name, auth_login_url, auth_token_url, jwks_url)
         VALUES ('https://s.example', 'c', 'S', 'https://s.example/a', 'https://s.example/t', 'https://s.example/j') RETURNING id`,
      );
      for (const [state, offset] of [['old', '-1 minute'], ['live', '+5 minutes']] as const) {
        await tdb.db.query(
          `INSERT INTO lti_login_state (state, platform_id, nonce, target_link_uri, expires_at) VALUES ($1, $2, 'n', 'x', now() + $3::interval)`,
          [state, p!.id, offset],
        );
        await tdb.db.query(`INSERT INTO lti_nonce (platform_id, nonce, expires_at) VALUES ($1, $2, now() + $3::interval)`, [p!.id, state, offset]);
      }
      await tdb.db.query(`INSERT INTO ltijs_document (collection, doc, expires_at) VALUES ('state', '{}', now() - interval '1 minute')`);
      await sweepExpired(tdb.db);
      expect(await tdb.db.query(`SELECT state FROM lti_login_state`)).toEqual([{ state: 'live' }]);
      expect(await tdb.db.query(`SELECT nonce FROM lti_nonce`)).toEqual([{ nonce: 'live' }]);
      expect(await tdb.db.query(`SELECT 1 FROM ltijs_document WHERE collection = 'state'`)).toEqual([]);
    } finally {
      await tdb.close();
    }
  });
});
