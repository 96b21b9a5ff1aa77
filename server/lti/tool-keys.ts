// The tool's signing keys. One active key signs; keys rotated out stay in the public JWKS
// ('retiring') for a grace period so LMSs that cached our JWKS, and tokens signed just
// before a rotation, keep verifying. Private keys are sealed with TRELLIS_ENCRYPTION_KEY.
import crypto from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type JWK, type KeyLike } from 'jose';
import type { Database } from '../db/database';
import { deriveKey, open, seal, type Sealed } from '../crypto/secret-box';

export const DEFAULT_RETIRE_GRACE_SECONDS = 24 * 3600;
const ROTATION_LOCK_ID = 7_233_002;

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
}

export class ToolKeyStore {
  private readonly sealKey: Buffer;
  private signing: { at: number; key: SigningKey } | null = null;
  private published: { at: number; keys: JWK[] } | null = null;

  constructor(
    private readonly db: Database,
    encryptionKey: string,
    /** Other instances see a rotation within this time; the old key stays valid meanwhile. */
    private readonly cacheMs = 30_000,
  ) {
    this.sealKey = deriveKey(encryptionKey, 'tool-keys');
  }

  /** Creates the first key if there is none. Safe to call from several processes at once. */
  async ensureActiveKey(): Promise<void> {
    const [row] = await this.db.query(`SELECT 1 FROM tool_key WHERE status = 'active'`);
    if (row) return;
    const key = await this.generate();
    // The partial unique index lets exactly one concurrent starter win.
    await this.db.query(
      `INSERT INTO tool_key (kid, public_jwk, private_key_sealed, status) VALUES ($1, $2, $3, 'active') ON CONFLICT DO NOTHING`,
      [key.kid, key.publicJwk, key.sealed],
    );
  }

  /** Adds a new active key and keeps the previous one published until retire_at. */
  async rotate(graceSeconds = DEFAULT_RETIRE_GRACE_SECONDS): Promise<{ newKid: string; retiringKid: string | null }> {
    const key = await this.generate();
    const retiring = await this.db.transaction(async (tx) => {
      // One rotation at a time, across instances.
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ROTATION_LOCK_ID]);
      let retired: string | null = null;
      // A first key created concurrently by ensureActiveKey() can appear between our two
      // statements; retire it too and try again (each statement sees the latest commits).
      for (let attempt = 0; attempt < 3; attempt++) {
        const [old] = await tx.query<{ kid: string }>(
          `UPDATE tool_key SET status = 'retiring', retire_at = now() + make_interval(secs => $1)
            WHERE status = 'active' RETURNING kid`,
          [graceSeconds],
        );
        retired = old?.kid ?? retired;
        const inserted = await tx.query(
          `INSERT INTO tool_key (kid, public_jwk, private_key_sealed, status) VALUES ($1, $2, $3, 'active')
           ON CONFLICT DO NOTHING RETURNING kid`,
          [key.kid, key.publicJwk, key.sealed],
        );
        if (inserted.length === 1) return retired;
      }
      throw new Error('could not rotate the tool key: another key keeps becoming active');
    });
    this.invalidate();
    return { newKid: key.kid, retiringKid: retiring };
  }

  /** Stops publishing keys whose grace period is over. Returns the kids retired. */
  async retireExpired(): Promise<string[]> {
    const rows = await this.db.query<{ kid: string }>(
      `UPDATE tool_key SET status = 'retired' WHERE status = 'retiring' AND retire_at <= now() RETURNING kid`,
    );
    if (rows.length) this.invalidate();
    return rows.map((r) => r.kid);
  }

  async signingKey(): Promise<SigningKey> {
    if (this.signing && Date.now() - this.signing.at < this.cacheMs) return this.signing.key;
    const select = () =>
      this.db.query<{ kid: string; private_key_sealed: Sealed }>(`SELECT kid, private_key_sealed FROM tool_key WHERE status = 'active'`);
    let [row] = await select();
    if (!row) {
      await this.ensureActiveKey();
      [row] = await select();
    }
    if (!row) throw new Error('no active tool key');
    const privateKey = await importPKCS8(open(row.private_key_sealed, this.sealKey), 'RS256');
    const key = { kid: row.kid, privateKey };
    this.signing = { at: Date.now(), key };
    return key;
  }

  /** The public JWKS: the active key and any still retiring. */
  async jwks(): Promise<{ keys: JWK[] }> {
    if (this.published && Date.now() - this.published.at < this.cacheMs) return { keys: this.published.keys };
    const select = () =>
      this.db.query<{ public_jwk: JWK }>(
        `SELECT public_jwk FROM tool_key
          WHERE status = 'active' OR (status = 'retiring' AND retire_at > now())
          ORDER BY status = 'active' DESC, created_at DESC`,
      );
    let rows = await select();
    if (rows.length === 0) {
      await this.ensureActiveKey();
      rows = await select();
    }
    const keys = rows.map((r) => r.public_jwk);
    this.published = { at: Date.now(), keys };
    return { keys };
  }

  invalidate(): void {
    this.signing = null;
    this.published = null;
  }

  private async generate(): Promise<{ kid: string; publicJwk: JWK; sealed: Sealed }> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const kid = crypto.randomUUID();
    const jwk = await exportJWK(publicKey);
    const publicJwk: JWK = { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' };
    return { kid, publicJwk, sealed: seal(await exportPKCS8(privateKey), this.sealKey) };
  }
}
