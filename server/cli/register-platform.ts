// Registers an LMS (platform) and its deployment ids with Trellis from the command line:
//   npm run register-platform -- --issuer https://canvas.instructure.com --client-id 1000… \
//     --auth-login-url … --token-url … --jwks-url … --deployment-id … [--name "District Canvas"]
// Uses the same configuration (DATABASE_URL or the embedded data folder) as `npm start`.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { composeTrellis } from '../compose';
import { ConfigError, loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { migrate } from '../db/migrate';

// LMS endpoints must be https; plain http is accepted only for a platform on this machine.
const endpoint = z.url().refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}, 'must be an https URL');

const Args = z.object({
  issuer: endpoint,
  'client-id': z.string().min(1).max(255),
  'auth-login-url': endpoint,
  'token-url': endpoint,
  'jwks-url': endpoint,
  'deployment-id': z.array(z.string().min(1).max(255)).min(1, 'give at least one --deployment-id'),
  name: z.string().min(1).max(200).optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'auth-login-url': { type: 'string' },
      'token-url': { type: 'string' },
      'jwks-url': { type: 'string' },
      'deployment-id': { type: 'string', multiple: true },
      name: { type: 'string' },
    },
    strict: true,
  });
  const parsed = Args.safeParse({ ...values, 'deployment-id': values['deployment-id'] ?? [] });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`));
  }
  const a = parsed.data;
  const config = loadConfig();
  const db = await connectDatabase(config);
  try {
    await migrate(db);
    const { registry } = composeTrellis({ config, db, logger: pino({ level: 'silent' }) });
    const platform = await registry.register({
      issuer: a.issuer,
      clientId: a['client-id'],
      name: a.name ?? new URL(a.issuer).hostname,
      authLoginUrl: a['auth-login-url'],
      authTokenUrl: a['token-url'],
      jwksUrl: a['jwks-url'],
      deploymentIds: a['deployment-id'],
    });
    process.stdout.write(
      `Registered ${platform.name} (${platform.issuer}, client ${platform.clientId}) with deployments ${a['deployment-id'].join(', ')}.\n` +
        `In the LMS use: login ${config.publicUrl}/lti/login, redirect/launch ${config.publicUrl}/lti/launch, JWKS ${config.publicUrl}/lti/jwks\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  const problems = err instanceof ConfigError ? err.problems : [(err as Error).message];
  for (const p of problems) process.stderr.write(`register-platform: ${p}\n`);
  process.exit(1);
});
