// ltijs database plugin on Trellis's PostgreSQL (server or embedded). ltijs calls these
// nine methods instead of MongoDB; every document lives in ltijs_document as jsonb.
// Differences from ltijs's Mongo store, on purpose:
//  - nonce inserts are unique (a concurrent replay fails instead of racing get-then-insert);
//  - nonces are kept an hour, not 10 seconds;
//  - encrypted documents use AES-256-GCM (authenticated), not unauthenticated AES-CBC.
import type { Database } from '../db/database';
import { deriveKey, open, seal, type Sealed } from '../crypto/secret-box';

type Doc = Record<string, unknown>;

// Lifetimes ltijs expects of its collections (seconds); others never expire.
const LIFETIME_SECONDS: Record<string, number> = {
  nonce: 3600,
  state: 600,
  accesstoken: 3600,
  idtoken: 24 * 3600,
  contexttoken: 24 * 3600,
};

export class LtijsPostgresPlugin {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly db: Database) {}

  async setup(): Promise<true> {
    // Schema comes from Trellis's migrations; nothing to do at ltijs deploy time.
    return true;
  }

  async Close(): Promise<true> {
    // The connection belongs to Trellis, which closes it at shutdown.
    return true;
  }

  async Get(encryptionKey: string | false, collection: string, query?: Doc): Promise<Doc[] | false> {
    const rows = await this.db.query<{ doc: Doc; created_at: Date }>(
      `SELECT doc, created_at FROM ltijs_document
        WHERE collection = $1 AND doc @> $2::jsonb AND (expires_at IS NULL OR expires_at > now())
        ORDER BY id`,
      [collection, JSON.stringify(query ?? {})],
    );
    if (rows.length === 0) return false;
    return rows.map((row) => {
      if (!encryptionKey) return row.doc;
      const plain = JSON.parse(open(row.doc as unknown as Sealed, this.key(encryptionKey))) as Doc;
      // ltijs's access-token cache compares createdAt (ms) with the token's expires_in.
      return { ...plain, createdAt: new Date(row.created_at).getTime() };
    });
  }

  async Insert(encryptionKey: string | false, collection: string, item: Doc, index?: Doc): Promise<true> {
    await this.db.query(
      `INSERT INTO ltijs_document (collection, doc, expires_at) VALUES ($1, $2::jsonb, ${this.expiry(collection)})`,
      [collection, JSON.stringify(this.stored(encryptionKey, item, index))],
    );
    return true;
  }

  async Replace(encryptionKey: string | false, collection: string, query: Doc, item: Doc, index?: Doc): Promise<true> {
    const doc = JSON.stringify(this.stored(encryptionKey, item, index));
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM ltijs_document WHERE collection = $1 AND doc @> $2::jsonb`, [
        collection,
        JSON.stringify(query),
      ]);
      await tx.query(
        `INSERT INTO ltijs_document (collection, doc, expires_at) VALUES ($1, $2::jsonb, ${this.expiry(collection)})`,
        [collection, doc],
      );
    });
    return true;
  }

  async Modify(encryptionKey: string | false, collection: string, query: Doc, modification: Doc): Promise<true> {
    if (!encryptionKey) {
      await this.db.query(
        `UPDATE ltijs_document SET doc = doc || $3::jsonb WHERE collection = $1 AND doc @> $2::jsonb`,
        [collection, JSON.stringify(query), JSON.stringify(modification)],
      );
      return true;
    }
    await this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string; doc: Doc }>(
        `SELECT id, doc FROM ltijs_document WHERE collection = $1 AND doc @> $2::jsonb FOR UPDATE`,
        [collection, JSON.stringify(query)],
      );
      for (const row of rows) {
        const { iv: _iv, data: _data, ...index } = row.doc;
        const plain = JSON.parse(open(row.doc as unknown as Sealed, this.key(encryptionKey))) as Doc;
        const next = this.stored(encryptionKey, { ...plain, ...modification }, index);
        await tx.query(`UPDATE ltijs_document SET doc = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(next)]);
      }
    });
    return true;
  }

  async Delete(collection: string, query: Doc): Promise<true> {
    await this.db.query(`DELETE FROM ltijs_document WHERE collection = $1 AND doc @> $2::jsonb`, [
      collection,
      JSON.stringify(query),
    ]);
    return true;
  }

  async Encrypt(data: string, secret: string): Promise<Sealed> {
    return seal(data, this.key(secret));
  }

  async Decrypt(data: string, iv: string, secret: string): Promise<string> {
    return open({ data, iv }, this.key(secret));
  }

  private stored(encryptionKey: string | false, item: Doc, index?: Doc): Doc {
    if (!encryptionKey) return item;
    return { ...(index ?? {}), ...seal(JSON.stringify(item), this.key(encryptionKey)) };
  }

  private expiry(collection: string): string {
    const seconds = LIFETIME_SECONDS[collection];
    return seconds ? `now() + interval '${seconds} seconds'` : 'NULL';
  }

  private key(secret: string): Buffer {
    let key = this.keys.get(secret);
    if (!key) {
      key = deriveKey(secret, 'ltijs-documents');
      this.keys.set(secret, key);
    }
    return key;
  }
}
