// The registration command an admin runs after creating Trellis's entry in their LMS.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connectEmbedded } from '../../server/db/database';

const ROOT = path.resolve(__dirname, '../..');

// Async spawn: the CLI fetches the JWKS this test process serves.
function register(args: string[], dataDir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/cli/register-platform.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

// The LMS's public keys, served locally (http is accepted for this machine only).
let jwksServer: http.Server;
let jwksUrl = '';
beforeAll(async () => {
  jwksServer = http.createServer((req, res) => {
    if (req.url !== '/certs') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'k1' }] }));
  });
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/certs`;
});
afterAll(() => new Promise((r) => jwksServer.close(r)));

const moodle = () => [
  '--issuer', 'https://moodle.school.example',
  '--client-id', 'AbC123',
  '--auth-login-url', 'https://moodle.school.example/mod/lti/auth.php',
  '--token-url', 'https://moodle.school.example/mod/lti/token.php',
  '--jwks-url', jwksUrl,
  '--deployment-id', '4',
  '--name', 'School Moodle',
];

describe('npm run register-platform', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-register-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a plain-http LMS endpoint and a missing deployment id, naming each problem', async () => {
    const run = await register(['--issuer', 'http://moodle.school.example', '--client-id', 'x', '--auth-login-url', 'https://a.example/auth', '--token-url', 'https://a.example/t', '--jwks-url', 'https://a.example/j'], dataDir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('register-platform: --issuer: must be an https URL');
    expect(run.stderr).toContain('--deployment-id: give at least one --deployment-id');
  });

  it('refuses an unreachable JWKS', async () => {
    const args = moodle();
    args[args.indexOf(jwksUrl)] = jwksUrl.replace('/certs', '/missing');
    const run = await register(args, dataDir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^register-platform: --jwks-url: .* answered HTTP 404$/);
  });

  // Several Trellis processes start one after another on embedded PostgreSQL: a longer timeout for a busy machine.
  it('registers a platform and its deployment; a second registration needs --update', async () => {
    const first = await register(moodle(), dataDir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Registered School Moodle (https://moodle.school.example, client AbC123) with deployments 4.');
    const duplicate = await register(moodle(), dataDir);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr.trim()).toBe('register-platform: https://moodle.school.example with client id AbC123 is already registered (add --update to change it)');
    expect((await register([...moodle(), '--deployment-id', '5', '--update'], dataDir)).status).toBe(0);

    const db = await connectEmbedded(path.join(dataDir, 'pg'));
    const rows = await db.query<{ issuer: string; deployment_id: string }>(
      `SELECT p.issuer, d.deployment_id FROM platform p JOIN deployment d ON d.platform_id = p.id ORDER BY d.deployment_id`,
    );
    await db.close();
    expect(rows).toEqual([
      { issuer: 'https://moodle.school.example', deployment_id: '4' },
      { issuer: 'https://moodle.school.example', deployment_id: '5' },
    ]);
  }, 120_000);
});
