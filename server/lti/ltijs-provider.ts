// ltijs is the base of the LTI layer: its platform registry and per-platform tool key pairs
// (and, in later work, its AGS/NRPS/Deep Linking service clients) run on our PostgreSQL
// through LtijsPostgresPlugin. We never mount lti.app or call deploy(): Trellis's own
// login/launch pipeline (see README, "Where Trellis replaces ltijs") handles the browser.
import type { Database } from '../db/database';
import { LtijsPostgresPlugin } from './ltijs-postgres-plugin';

// ltijs ships no types for 5.x; this is the slice Trellis uses.
export interface LtijsPlatform {
  platformKid(): Promise<string>;
  platformActive(active?: boolean): Promise<boolean>;
}
export interface LtijsProvider {
  setup(encryptionKey: string, database: { plugin: unknown }, options?: Record<string, unknown>): LtijsProvider;
  registerPlatform(platform: {
    url: string;
    name: string;
    clientId: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authConfig: { method: 'JWK_SET'; key: string };
  }): Promise<LtijsPlatform>;
  getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
  deletePlatform(url: string, clientId: string): Promise<boolean>;
  Database: LtijsPostgresPlugin;
}

/**
 * ltijs exports a ready-made singleton; we build our own instance from its class so a
 * process (or a test file) can hold more than one, each on its own database.
 */
export function createLtijsProvider(db: Database, encryptionKey: string): LtijsProvider {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const singleton = require('ltijs').Provider as object;
  const ProviderClass = singleton.constructor as new () => LtijsProvider;
  const provider = new ProviderClass();
  provider.setup(encryptionKey, { plugin: new LtijsPostgresPlugin(db) }, { cors: false, devMode: false });
  return provider;
}
