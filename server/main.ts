// Composition root: config → database → migrations → app → (demo) → listen → sweeper.
import { ConfigError, loadConfig } from './config';
import { composeTrellis } from './compose';
import { connectDatabase } from './db/connect';
import { migrate } from './db/migrate';
import { createDemoPlatform, DEMO_PATH, registerDemoPlatform } from './demo/demo-platform';
import { startRollupScheduler } from './insights/rollup';
import { checkAnswer } from './practice/answers/check-answer';
import { startModelRefitScheduler } from './jobs/refit-models';
import { startRosterScheduler } from './jobs/roster-scheduler';
import { startSweeper } from './jobs/sweeper';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, config.env !== 'production');
  const db = await connectDatabase(config);
  const applied = await migrate(db);
  if (applied.length) logger.info({ applied }, 'database migrated');

  const demo = config.demo ? await createDemoPlatform(config.publicUrl) : null;
  const trellis = composeTrellis({
    config,
    db,
    logger,
    extraRouters: demo ? [{ path: DEMO_PATH, router: demo.router }] : [],
    homeRedirect: demo ? `${DEMO_PATH}/` : undefined,
  });
  await trellis.toolKeys.ensureActiveKey();
  await trellis.practice.catalog.ready(); // the built-in skill graph, checked and stored
  checkAnswer({ kind: 'number', value: '1/2' }, '0.5', 'en'); // loads mathjs now, not on a student's first answer
  if (demo) await registerDemoPlatform(trellis.registry, demo.platform);

  const server = trellis.app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const stopSweeper = startSweeper(db, (err) => logger.warn({ err }, 'sweeper failed'));
  trellis.outboxWorker.start();
  const stopRosterSync = startRosterScheduler(
    { db, registry: trellis.registry, nrps: trellis.services.nrps },
    {
      everyMs: 15 * 60_000,
      olderThanHours: config.rosterSyncHours,
      onError: (err, courseId) => logger.warn({ err: (err as Error).message, courseId }, 'roster sync failed'),
    },
  );
  const stopModelRefit = startModelRefitScheduler(
    { db, catalog: trellis.practice.catalog },
    {
      everyMs: config.modelRefitHours * 3_600_000,
      onError: (err) => logger.warn({ err: (err as Error).message }, 'model refit failed'),
      onRefit: (outcomes) => logger.info({ skills: outcomes.map((o) => `${o.skill} v${o.version}`) }, 'skill models refit'),
    },
  );
  const stopRollups = startRollupScheduler(db, {
    everyMs: 5 * 60_000,
    onError: (err) => logger.warn({ err: (err as Error).message }, 'rollup refresh failed'),
  });
  logger.info({ database: db.kind, publicUrl: config.publicUrl }, 'Trellis is running');
  process.stdout.write(
    demo
      ? `\nTrellis is running. Open the demo course page: ${config.publicUrl}${DEMO_PATH}/\n\n`
      : `\nTrellis is running at ${config.publicUrl} (login ${config.publicUrl}/lti/login, launch ${config.publicUrl}/lti/launch, JWKS ${config.publicUrl}/lti/jwks)\n\n`,
  );

  const shutdown = async () => {
    stopSweeper();
    stopRosterSync();
    stopModelRefit();
    stopRollups();
    await trellis.outboxWorker.stop();
    server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    for (const problem of err.problems) process.stderr.write(`Trellis cannot start: ${problem}\n`);
  } else {
    process.stderr.write(`Trellis cannot start: ${(err as Error).message}\n`);
  }
  process.exit(1);
});
