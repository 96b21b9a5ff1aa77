// Driver side of the bench LMS: starts it in this process or as a child process and talks
// to its /bench admin API over loopback HTTP (the same way in both modes).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { GradebookView, LmsMark, LmsWindow } from './lms-app';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

export type LmsMode = 'child' | 'inline';

export interface LmsInfo {
  issuer: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  clientId: string;
  deploymentId: string;
  lineItemsUrl: string;
  pid: number;
}

export class LmsHandle {
  private constructor(
    readonly mode: LmsMode,
    readonly base: string,
    readonly info: LmsInfo,
    private readonly stopFn: () => Promise<void>,
    readonly child: ChildProcess | null,
  ) {}

  static async start(mode: LmsMode, toolUrl: string, log: (m: string) => void): Promise<LmsHandle> {
    if (mode === 'inline') {
      const { startLms } = await import('./lms-app');
      const { base, server } = await startLms({ toolUrl });
      const info = await adminGet<LmsInfo>(base, '/info');
      return new LmsHandle(mode, base, info, async () => {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }, null);
    }
    // detached: its own process group, so cleanup can end the tsx wrapper and its node child.
    const proc = spawn(TSX, [path.join(__dirname, 'lms-server.ts')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', BENCH_TOOL_URL: toolUrl },
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const killGroup = () => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', killGroup);
    const output: string[] = [];
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench LMS did not start within 60 s:\n${output.join('\n')}`)), 60_000);
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          const m = /^LMS_READY (\S+)/.exec(line);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          } else {
            output.push(line);
            log(`[lms] ${line}`);
          }
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`bench LMS exited during start (${code ?? signal}):\n${output.join('\n')}`));
      });
    });
    const info = await adminGet<LmsInfo>(base, '/info');
    const stop = async () => {
      const exited = new Promise<void>((r) => (proc.exitCode !== null ? r() : proc.once('exit', () => r())));
      proc.stdin!.end();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      killGroup();
    };
    return new LmsHandle(mode, base, info, stop, proc);
  }

  stop(): Promise<void> {
    return this.stopFn();
  }

  setup(students: string[], links: { id: string; title: string }[]) {
    return adminPost<{ students: number; links: number }>(this.base, '/setup', { students, links });
  }
  loginParams(userSub: string, resourceLinkId: string) {
    return adminPost<Record<string, string>>(this.base, '/login-params', { userSub, resourceLinkId });
  }
  setLatency(ms: number) {
    return adminPost<{ ms: number }>(this.base, '/latency', { ms });
  }
  mark() {
    return adminGet<LmsMark>(this.base, '/mark');
  }
  window(from: LmsMark) {
    return adminPost<LmsWindow>(this.base, '/window', from);
  }
  gradebook(resourceLinkId: string) {
    return adminPost<GradebookView>(this.base, '/gradebook', { resourceLinkId });
  }
}

async function adminGet<T>(base: string, p: string): Promise<T> {
  const res = await fetch(`${base}/bench${p}`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`LMS admin GET ${p} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

async function adminPost<T>(base: string, p: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}/bench${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`LMS admin POST ${p} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}
