// The baseline for bench/launch: a minimal ltijs tool, as its documentation sets one up,
// on the same PostgreSQL database as Trellis (through Trellis's LtijsPostgresPlugin, so
// both use the same driver and pool size). A successful launch answers with the same panel
// HTML Trellis serves (client/dist/index.html with boot data inlined).
//
// Env: DATABASE_URL, LTIJS_ENCRYPTION_KEY, PORT, HOST (default 127.0.0.1),
//      DATABASE_POOL_SIZE (default 10, as Trellis), PANEL_HTML (path to index.html).
// The platform is registered by the driver (run.ts) before this process starts.
// Prints one JSON line {"ready":true,"pid":…,"port":…} once it listens.
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Express, Request, Response } from 'express';
import { connectPostgres } from '../../server/db/database';
import { LtijsPostgresPlugin } from '../../server/lti/ltijs-postgres-plugin';

// ltijs ships no types; this is the slice used here.
interface LtijsToken {
  user: string;
  userInfo?: { name?: string; email?: string };
  platformInfo?: { name?: string };
  platformContext?: { context?: { id?: string; title?: string; label?: string }; roles?: string[]; resource?: { title?: string } };
}
interface Ltijs {
  setup(key: string, db: { plugin: unknown }, options: Record<string, unknown>): Ltijs;
  onConnect(cb: (token: LtijsToken, req: Request, res: Response) => unknown): void;
  deploy(options: Record<string, unknown>): Promise<true>;
  app: Express;
}

const BOOT_PLACEHOLDER = '<!--trellis-boot-->';

function need(name: string): string {
  const v = process.env[name];
  if (!v) {
    process.stderr.write(`bare-ltijs-app: ${name} is required\n`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<void> {
  const url = need('DATABASE_URL');
  const key = need('LTIJS_ENCRYPTION_KEY');
  const port = Number(need('PORT'));
  const host = process.env.HOST ?? '127.0.0.1';
  const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const panelFile = process.env.PANEL_HTML ?? path.resolve(__dirname, '../../client/dist/index.html');
  const template = fs.readFileSync(panelFile, 'utf8');

  const db = await connectPostgres({ url, poolSize });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lti = require('ltijs').Provider as Ltijs;
  // Plain-http cookies (the documented local setup); everything else is ltijs's default.
  lti.setup(key, { plugin: new LtijsPostgresPlugin(db) }, { cookies: { secure: false, sameSite: 'Lax' }, devMode: false });

  lti.onConnect((token, _req, res) => {
    // Same template as Trellis, with comparable boot data (ltik instead of Trellis's token).
    const ctx = token.platformContext ?? {};
    const boot = {
      ltik: res.locals.ltik as string,
      session: {
        user: { displayName: token.userInfo?.name ?? null, email: token.userInfo?.email ?? null },
        course: ctx.context ? { id: ctx.context.id, title: ctx.context.title ?? null, label: ctx.context.label ?? null } : null,
        resourceLink: ctx.resource ? { title: ctx.resource.title ?? null } : null,
        roles: ctx.roles ?? [],
        platform: { name: token.platformInfo?.name ?? null },
      },
    };
    const json = JSON.stringify(boot).replace(/</g, '\\u003c');
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(template.replace(BOOT_PLACEHOLDER, `<script id="trellis-boot" type="application/json">${json}</script>`));
  });

  // serverless: ltijs does not listen itself (it would bind every interface); we bind loopback.
  await lti.deploy({ serverless: true, silent: true });
  const server: Server = await new Promise((resolve, reject) => {
    const s = lti.app.listen(port, host, () => resolve(s));
    s.once('error', reject);
  });
  process.stdout.write(JSON.stringify({ ready: true, pid: process.pid, port }) + '\n');

  const shutdown = async () => {
    server.close();
    server.closeAllConnections?.();
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // The driver holds our stdin: if it dies without cleaning up, we go too.
  process.stdin.on('end', shutdown);
  process.stdin.resume();
}

main().catch((err: unknown) => {
  process.stderr.write(`bare-ltijs-app cannot start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
