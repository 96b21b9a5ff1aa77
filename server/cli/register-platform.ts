// Registers an LMS (platform) and its deployment ids with Trellis from the command line:
//   npm run register-platform -- --issuer https://canvas.instructure.com --client-id 1000… \
//     --auth-login-url … --token-url … --jwks-url … --deployment-id … [--name "District Canvas"]
//     [--auth-server <aud for service tokens>] [--update]
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
  'auth-server': z.string().min(1).max(500).optional(),
  update: z.boolean().default(false),
});

/** The LMS's JWKS must answer with at least one RSA key before we accept the registration. */
async function checkJwks(url: string): Promise<string | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/json' } });
    if (!res.ok) return `--jwks-url: ${url} answered HTTP ${res.status}`;
    const body = (await res.json().catch(() => null)) as { keys?: { kty?: string }[] } | null;
    if (!body?.keys?.some((k) => k.kty === 'RSA')) return `--jwks-url: ${url} is not a JWKS with an RSA key`;
    return null;
  } catch (err) {
    return `--jwks-url: ${url} is unreachable (${(err as Error).message})`;
  }
}

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
      'auth-server': { type: 'string' },
      update: { type: 'boolean' },
    },
    strict: true,
  });
  const parsed = Args.safeParse({ ...values, 'deployment-id': values['deployment-id'] ?? [] });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`));
  }
  const a = parsed.data;
  const jwksProblem = await checkJwks(a['jwks-url']);
  if (jwksProblem) throw new ConfigError([jwksProblem]);
  const config = loadConfig();
  const db = await connectDatabase(config);
  try {
    await migrate(db);
    const { registry } = composeTrellis({ config, db, logger: pino({ level: 'silent' }) });
    if (!a.update && (await registry.findByIssuer(a.issuer, a['client-id'])).length > 0) {
      throw new ConfigError([`${a.issuer} with client id ${a['client-id']} is already registered (add --update to change it)`]);
    }
    const platform = await registry.register({
      issuer: a.issuer,
      clientId: a['client-id'],
      name: a.name ?? new URL(a.issuer).hostname,
      authLoginUrl: a['auth-login-url'],
      authTokenUrl: a['token-url'],
      jwksUrl: a['jwks-url'],
      authServer: a['auth-server'] ?? null,
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
