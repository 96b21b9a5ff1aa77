// Rotates the tool's signing key:  npm run rotate-keys -- [--grace-hours 24]
// The new key signs from now on; the old one stays in the JWKS for the grace period so
// anything an LMS cached or received just before keeps verifying.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { ToolKeyStore } from '../lti/tool-keys';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'grace-hours': { type: 'string', default: '24' } }, strict: true });
  const graceHours = Number(values['grace-hours']);
  if (!Number.isFinite(graceHours) || graceHours < 0 || graceHours > 24 * 30) {
    throw new ConfigError(['--grace-hours must be a number of hours between 0 and 720']);
  }
  const config = loadConfig();
  const db = await connectDatabase(config);
  try {
    await migrate(db);
    const keys = new ToolKeyStore(db, config.encryptionKey);
    await keys.ensureActiveKey();
    const { newKid, retiringKid } = await keys.rotate(Math.round(graceHours * 3600));
    process.stdout.write(
      `New signing key ${newKid} is active.` +
        (retiringKid ? ` Key ${retiringKid} stays published for ${graceHours} h, then retires.` : '') +
        '\n',
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  const problems = err instanceof ConfigError ? err.problems : [(err as Error).message];
  for (const p of problems) process.stderr.write(`rotate-keys: ${p}\n`);
  process.exit(1);
});
