// The key rotation command an admin runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectEmbedded } from '../../server/db/database';

const ROOT = path.resolve(__dirname, '../..');
const rotate = (args: string[], dataDir: string) =>
  spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/rotate-keys.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('npm run rotate-keys', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-rotate-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a nonsense grace period', () => {
    const run = rotate(['--grace-hours', 'soon'], dataDir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('rotate-keys: --grace-hours must be a number of hours between 0 and 720');
  });

  // Several Trellis processes start one after another on embedded PostgreSQL: a longer timeout for a busy machine.
  it('activates a new key and keeps the previous one published for the grace period', async () => {
    expect(rotate([], dataDir).status).toBe(0);
    const second = rotate(['--grace-hours', '2'], dataDir);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^New signing key \S+ is active\. Key \S+ stays published for 2 h, then retires\.$/m);
    const db = await connectEmbedded(path.join(dataDir, 'pg'));
    const rows = await db.query<{ status: string; hours: number | null }>(
      `SELECT status, round(extract(epoch FROM retire_at - now()) / 3600)::int AS hours FROM tool_key ORDER BY created_at`,
    );
    await db.close();
    expect(rows.map((r) => r.status)).toEqual(['retiring', 'retiring', 'active']);
    expect(rows[1]!.hours).toBe(2);
  }, 120_000);
});
