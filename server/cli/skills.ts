// Skill graphs from files:
//   npm run skills -- export > graph.json                  (the built-in K-8 graph, as a template)
//   npm run skills -- import graph.json --platform <id>    (a district's own graph for one platform)
import fs from 'node:fs';
import pino from 'pino';
import { composeTrellis } from '../compose';
import { ConfigError, loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { builtinBank } from '../practice/content/builtin-bank';
import { exportBuiltinGraph, importSkillGraph } from '../practice/skill-graph-file';

const USAGE = 'usage: skills export | skills import <file.json> --platform <platform id>';

async function main(): Promise<void> {
  const [command, file, flag, platformId] = process.argv.slice(2);
  if (command === 'export') {
    process.stdout.write(`${JSON.stringify(exportBuiltinGraph(builtinBank), null, 2)}\n`);
    return;
  }
  if (command !== 'import' || !file || flag !== '--platform' || !platformId) throw new ConfigError([USAGE]);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`${file}: ${(err as Error).message}`]);
  }
  const config = loadConfig();
  const db = await connectDatabase(config);
  try {
    await migrate(db);
    const trellis = composeTrellis({ config, db, logger: pino({ level: 'silent' }) });
    const platform = await trellis.registry.findById(platformId).catch(() => null);
    if (!platform) throw new ConfigError([`no platform with id ${platformId} (see npm run platforms -- list)`]);
    const result = await importSkillGraph({ db, catalog: trellis.practice.catalog }, raw, platform.id);
    if (!result.ok) throw new ConfigError(result.errors.map((e) => `${file}: ${e}`));
    process.stdout.write(
      result.created
        ? `Imported ${result.skills} skills as version ${result.version} for ${platform.name}.\n`
        : `Unchanged: version ${result.version} already has this content.\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  const problems = err instanceof ConfigError ? err.problems : [(err as Error).message];
  for (const p of problems) process.stderr.write(`skills: ${p}\n`);
  process.exit(1);
});
