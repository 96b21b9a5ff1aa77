// The tool's public keyset, built from the public halves of the key pairs ltijs generated
// (stored encrypted in ltijs_document). Only public parameters ever leave this module.
import { createPublicKey } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import type { LtijsPostgresPlugin } from './ltijs-postgres-plugin';

export class ToolJwks {
  private cached: { at: number; keys: JWK[] } | null = null;

  constructor(
    private readonly store: LtijsPostgresPlugin,
    private readonly encryptionKey: string,
    private readonly cacheMs = 60_000,
  ) {}

  async keyset(): Promise<{ keys: JWK[] }> {
    if (this.cached && Date.now() - this.cached.at < this.cacheMs) return { keys: this.cached.keys };
    const docs = (await this.store.Get(this.encryptionKey, 'publickey')) || [];
    const keys: JWK[] = [];
    for (const doc of docs) {
      const jwk = await exportJWK(createPublicKey(String(doc.key)));
      keys.push({ kty: jwk.kty, n: jwk.n, e: jwk.e, kid: String(doc.kid), alg: 'RS256', use: 'sig' });
    }
    this.cached = { at: Date.now(), keys };
    return { keys };
  }

  invalidate(): void {
    this.cached = null;
  }
}
