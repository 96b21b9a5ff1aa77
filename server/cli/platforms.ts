// Lists registered LMS platforms and approves or disables them:
//   npm run platforms -- list
//   npm run platforms -- approve <platform id>     (a Dynamic Registration waiting for approval)
//   npm run platforms -- disable <platform id>
import pino from 'pino';
import { composeTrellis } from '../compose';
import { ConfigError, loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { migrate } from '../db/migrate';

async function main(): Promise<void> {
  const [command, id] = process.argv.slice(2);
  if (!command || !['list', 'approve', 'disable'].includes(command) || (command !== 'list' && !id)) {
    throw new ConfigError(['usage: platforms list | approve <platform id> | disable <platform id>']);
  }
  const config = loadConfig();
  const db = await connectDatabase(config);
  try {
    await migrate(db);
    const { registry } = composeTrellis({ config, db, logger: pino({ level: 'silent' }) });
    if (command === 'list') {
      const rows = await db.query<{ id: string; name: string; issuer: string; client_id: string; status: string; registered_via: string; deployments: number }>(
        `SELECT p.id, p.name, p.issuer, p.client_id, p.status, p.registered_via, count(d.id)::int AS deployments
           FROM platform p LEFT JOIN deployment d ON d.platform_id = p.id GROUP BY p.id ORDER BY p.created_at`,
      );
      for (const r of rows) {
        process.stdout.write(`${r.id}  ${r.status.padEnd(8)}  ${r.registered_via.padEnd(7)}  ${r.name} — ${r.issuer} (client ${r.client_id}, ${r.deployments} deployment(s))\n`);
      }
      return;
    }
    const platform = await registry.findById(id!).catch(() => null);
    if (!platform) throw new ConfigError([`no platform with id ${id}`]);
    await registry.setStatus(platform.id, command === 'approve' ? 'active' : 'disabled');
    process.stdout.write(`${platform.name} (${platform.issuer}) is now ${command === 'approve' ? 'active' : 'disabled'}.\n`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  const problems = err instanceof ConfigError ? err.problems : [(err as Error).message];
  for (const p of problems) process.stderr.write(`platforms: ${p}\n`);
  process.exit(1);
});
