// `npm start` as a newcomer runs it: the real entry point in a child process. Bad
// configuration stops it with one clear line; the embedded default serves the demo and
// keeps its data across restarts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runToExit(env: Record<string, string>, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['server/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function startServer(env: Record<string, string>) {
  const child = spawn(TSX, ['server/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${out}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /Open the demo course page: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { ready, stop, output: () => out };
}

describe('bad configuration stops the app with one clear line', () => {
  it('DATABASE_URL without an encryption key', async () => {
    const run = await runToExit({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Trellis cannot start: TRELLIS_ENCRYPTION_KEY is required/);
  });

  it('an encryption key that is too short', async () => {
    const run = await runToExit({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', TRELLIS_ENCRYPTION_KEY: 'short' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^Trellis cannot start: TRELLIS_ENCRYPTION_KEY: .*at least 32 characters/);
  });

  it('an unreachable DATABASE_URL (password not echoed)', async () => {
    const port = await freePort(); // nothing listens there
    const run = await runToExit({
      DATABASE_URL: `postgres://trellis:s3cret@127.0.0.1:${port}/trellis`,
      TRELLIS_ENCRYPTION_KEY: 'k'.repeat(40),
    });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Trellis cannot start: cannot connect to PostgreSQL at .*127\.0\.0\.1.*; start the server or fix DATABASE_URL$/);
    expect(lines[0]).not.toContain('s3cret');
  });

  it('a malformed PORT and DATABASE_URL, all reported at once', async () => {
    const run = await runToExit({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/PORT/);
    expect(run.stderr).toMatch(/DATABASE_URL must start with postgres/);
    for (const line of run.stderr.trim().split('\n')) expect(line).toMatch(/^Trellis cannot start: /);
  });
});

describe('embedded default (no DATABASE_URL)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  /** Clicks the demo's student link the way a browser would: login → /auth → form_post. */
  async function demoStudentLaunch(demoUrl: string): Promise<string> {
    const page = await (await fetch(demoUrl)).text();
    const href = /<a href="([^"]+)" target="tool-frame">Launch as student \(Ana Lopez\)/.exec(page)![1]!.replace(/&#38;/g, '&');
    const login = await fetch(href, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const authPage = await (await fetch(login.headers.get('location')!)).text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(authPage)![1]!;
    const action = /<form method="post" action="([^"]+)"/.exec(authPage)![1]!;
    const launch = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ id_token: field('id_token'), state: field('state') }),
    });
    expect(launch.status).toBe(200);
    return launch.text();
  }

  // Several Trellis processes start one after another on embedded PostgreSQL: a longer timeout for a busy machine.
  it('serves the demo, launches a student, and keeps data across a restart', async () => {
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' };

    const first = startServer(env);
    const demoUrl = await first.ready;
    expect(demoUrl).toBe(`http://localhost:${port}/demo-lms/`);
    const panel = await demoStudentLaunch(demoUrl);
    expect(panel).toContain('"panel":"student"');
    expect(panel).toContain('Ana Lopez');
    expect(first.output()).toMatch(/database migrated/);
    const kidsBefore = (await (await fetch(`http://localhost:${port}/lti/jwks`)).json()).keys.map((k: { kid: string }) => k.kid);
    await first.stop();
    expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'encryption-key'))).toBe(true);

    const second = startServer(env);
    await second.ready;
    // Same tool key after restart: the JWKS is stable, so LMS registrations stay valid.
    const jwks = await (await fetch(`http://localhost:${port}/lti/jwks`)).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual(kidsBefore);
    expect(second.output()).not.toMatch(/database migrated/);
    await demoStudentLaunch(`http://localhost:${port}/demo-lms/`);
    await second.stop();
  }, 120_000);
});
