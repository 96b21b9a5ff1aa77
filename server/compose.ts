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
import { ToolKeyStore } from './lti/tool-keys';

export interface Trellis {
  app: Express;
  registry: PlatformRegistry;
  ltijs: LtijsProvider;
  toolKeys: ToolKeyStore;
}

export function composeTrellis(opts: {
  config: Config;
  db: Database;
  logger: Logger;
  extraRouters?: { path: string; router: Router }[];
  homeRedirect?: string;
}): Trellis {
  const { config, db, logger } = opts;
  const ltijs = createLtijsProvider(db, config.encryptionKey);
  const registry = new PlatformRegistry(db, ltijs);
  const toolKeys = new ToolKeyStore(db, config.encryptionKey);
  const app = createApp({
    db,
    logger,
    registry,
    toolKeys,
    platformJwks: new PlatformJwksCache(config.platformJwksCacheSeconds * 1000),
    tokens: new LaunchTokens(config.encryptionKey, config.publicUrl),
    spa: new SpaRenderer(),
    publicUrl: config.publicUrl,
    clockSkewSeconds: config.clockSkewSeconds,
    launchTokenTtlSeconds: config.launchTokenTtlSeconds,
    trustProxy: config.trustProxy,
    extraRouters: opts.extraRouters,
    homeRedirect: opts.homeRedirect,
  });
  return { app, registry, ltijs, toolKeys };
}
