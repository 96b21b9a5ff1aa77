// The registration command an admin runs after creating Trellis's entry in their LMS.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectEmbedded } from '../../server/db/database';

const ROOT = path.resolve(__dirname, '../..');

function register(args: string[], dataDir: string) {
  return spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/register-platform.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const moodle = [
  '--issuer', 'https://moodle.school.example',
  '--client-id', 'AbC123',
  '--auth-login-url', 'https://moodle.school.example/mod/lti/auth.php',
  '--token-url', 'https://moodle.school.example/mod/lti/token.php',
  '--jwks-url', 'https://moodle.school.example/mod/lti/certs.php',
  '--deployment-id', '4',
  '--name', 'School Moodle',
];

describe('npm run register-platform', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-register-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a plain-http LMS endpoint and a missing deployment id, naming each problem', () => {
    const run = register(['--issuer', 'http://moodle.school.example', '--client-id', 'x', '--auth-login-url', 'https://a.example/auth', '--token-url', 'https://a.example/t', '--jwks-url', 'https://a.example/j'], dataDir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('register-platform: --issuer: must be an https URL');
    expect(run.stderr).toContain('--deployment-id: give at least one --deployment-id');
  });

  it('registers a platform and its deployment, idempotently', async () => {
    const first = register(moodle, dataDir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Registered School Moodle (https://moodle.school.example, client AbC123) with deployments 4.');
    expect(register([...moodle, '--deployment-id', '5'], dataDir).status).toBe(0);

    const db = await connectEmbedded(path.join(dataDir, 'pg'));
    const rows = await db.query<{ issuer: string; deployment_id: string }>(
      `SELECT p.issuer, d.deployment_id FROM platform p JOIN deployment d ON d.platform_id = p.id ORDER BY d.deployment_id`,
    );
    await db.close();
    expect(rows).toEqual([
      { issuer: 'https://moodle.school.example', deployment_id: '4' },
      { issuer: 'https://moodle.school.example', deployment_id: '5' },
    ]);
  });
});
