// Wires Trellis together on an open, migrated database. Used by main.ts, the tests and
// the benchmark, so all three run the same application.
import type { Express, Router } from 'express';
import type { Config } from './config';
import type { Database } from './db/database';
import { createApp } from './http/app';
import { SpaRenderer } from './http/spa';
import type { Logger } from './logger';
import { LaunchTokens } from './lti/launch-token';
import { createLtijsProvider, type LtijsProvider } from './lti/ltijs-provider';
import { PlatformJwksCache } from './lti/platform-jwks';
import { PlatformRegistry } from './lti/platform-registry';
import { scoreDelivery } from './grades/deliver-score';
import { OutboxWorker } from './jobs/outbox';
import { AgsClient } from './lti/services/ags';
import { NrpsClient } from './lti/services/nrps';
import { PlatformClient } from './lti/services/platform-client';
import { ServiceTokenClient } from './lti/services/service-token';
import { ToolKeyStore } from './lti/tool-keys';
import { builtinBank } from './practice/content/builtin-bank';
import { ItemSource } from './practice/item-source';
import { PracticeService } from './practice/practice-service';
import { SkillCatalog } from './practice/skill-catalog';

export interface Trellis {
  app: Express;
  registry: PlatformRegistry;
  ltijs: LtijsProvider;
  toolKeys: ToolKeyStore;
  services: LtiServices;
  outboxWorker: OutboxWorker;
  practice: PracticeComponents;
}

export interface PracticeComponents {
  catalog: SkillCatalog;
  items: ItemSource;
  service: PracticeService;
}

export interface LtiServices {
  tokens: ServiceTokenClient;
  ags: AgsClient;
  nrps: NrpsClient;
}

export function composeTrellis(opts: {
  config: Config;
  db: Database;
  logger: Logger;
  extraRouters?: { path: string; router: Router }[];
  homeRedirect?: string;
  /** Benchmark baseline only: recompute mastery from every attempt. */
  masteryMode?: 'incremental' | 'replay';
}): Trellis {
  const { config, db, logger } = opts;
  const ltijs = createLtijsProvider(db, config.encryptionKey);
  const registry = new PlatformRegistry(db, ltijs);
  const toolKeys = new ToolKeyStore(db, config.encryptionKey);
  const userAgent = `Trellis/0.1 (+${config.publicUrl})`;
  const tokens = new ServiceTokenClient(toolKeys, userAgent);
  const platformClient = new PlatformClient(tokens, userAgent, {
    perPlatformConcurrency: config.lmsConcurrency,
    // The outbox schedules long retries itself; in-call retries stay short.
    retry: { attempts: 3, baseDelayMs: 250, maxDelayMs: 5_000 },
  });
  const services: LtiServices = { tokens, ags: new AgsClient(platformClient), nrps: new NrpsClient(platformClient) };
  const outboxWorker = new OutboxWorker({
    db,
    deliver: scoreDelivery({ db, registry, ags: services.ags }),
    onError: (err, row) => logger.warn({ err: (err as Error).message, outboxId: row.id, attempts: row.attempts }, 'LMS delivery failed'),
  });
  const catalog = new SkillCatalog(db, builtinBank);
  const items = new ItemSource(db, builtinBank);
  const practice: PracticeComponents = {
    catalog,
    items,
    service: new PracticeService({ db, catalog, items, onScoreQueued: () => outboxWorker.nudge(), masteryMode: opts.masteryMode }),
  };
  const app = createApp({
    db,
    logger,
    registry,
    toolKeys,
    services,
    practice,
    platformJwks: new PlatformJwksCache(config.platformJwksCacheSeconds * 1000),
    tokens: new LaunchTokens(config.encryptionKey, config.publicUrl),
    spa: new SpaRenderer(),
    publicUrl: config.publicUrl,
    clockSkewSeconds: config.clockSkewSeconds,
    launchTokenTtlSeconds: config.launchTokenTtlSeconds,
    dynamicRegistrationApproval: config.dynamicRegistrationApproval,
    trustProxy: config.trustProxy,
    extraRouters: opts.extraRouters,
    homeRedirect: opts.homeRedirect,
  });
  return { app, registry, ltijs, toolKeys, services, outboxWorker, practice };
}
