// The ltijs database plugin against a real PostgreSQL, through ltijs itself where it can be.
import { LtijsPostgresPlugin } from '../../server/lti/ltijs-postgres-plugin';
import { createLtijsProvider } from '../../server/lti/ltijs-provider';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const KEY = 'plugin-test-key-0123456789abcdefghijklmnop';
let tdb: TestDatabase;
let plugin: LtijsPostgresPlugin;

beforeAll(async () => {
  tdb = await createTestDatabase();
  plugin = new LtijsPostgresPlugin(tdb.db);
});
afterAll(() => tdb.close());

describe('LtijsPostgresPlugin', () => {
  it('inserts, finds by equality on top-level fields, and returns false when nothing matches', async () => {
    await plugin.Insert(false, 'platform', { platformUrl: 'https://a.example', clientId: 'c1', name: 'A' });
    await plugin.Insert(false, 'platform', { platformUrl: 'https://a.example', clientId: 'c2', name: 'A2' });
    expect(await plugin.Get(false, 'platform', { platformUrl: 'https://a.example', clientId: 'c2' })).toEqual([
      { platformUrl: 'https://a.example', clientId: 'c2', name: 'A2' },
    ]);
    expect(await plugin.Get(false, 'platform', { platformUrl: 'https://a.example' })).toHaveLength(2);
    expect(await plugin.Get(false, 'platform', { platformUrl: 'https://nobody.example' })).toBe(false);
  });

  it('replaces (upserts) and modifies documents', async () => {
    await plugin.Replace(false, 'platformStatus', { id: 'k1' }, { id: 'k1', active: false });
    await plugin.Replace(false, 'platformStatus', { id: 'k1' }, { id: 'k1', active: true });
    expect(await plugin.Get(false, 'platformStatus', { id: 'k1' })).toEqual([{ id: 'k1', active: true }]);
    await plugin.Modify(false, 'platformStatus', { id: 'k1' }, { active: false });
    expect(await plugin.Get(false, 'platformStatus', { id: 'k1' })).toEqual([{ id: 'k1', active: false }]);
    await plugin.Delete('platformStatus', { id: 'k1' });
    expect(await plugin.Get(false, 'platformStatus', { id: 'k1' })).toBe(false);
  });

  it('encrypts documents at rest with an authenticated cipher and adds createdAt on read', async () => {
    await plugin.Replace(KEY, 'accesstoken', { platformUrl: 'p', clientId: 'c', scopes: 's' }, { token: { access_token: 'secret-token' } }, {
      platformUrl: 'p',
      clientId: 'c',
      scopes: 's',
    });
    const [raw] = await tdb.db.query<{ doc: Record<string, string> }>(`SELECT doc FROM ltijs_document WHERE collection = 'accesstoken'`);
    expect(JSON.stringify(raw!.doc)).not.toContain('secret-token');
    const [read] = (await plugin.Get(KEY, 'accesstoken', { platformUrl: 'p', clientId: 'c', scopes: 's' })) as Record<string, unknown>[];
    expect(read!.token).toEqual({ access_token: 'secret-token' });
    expect(typeof read!.createdAt).toBe('number');
    // Tampering with the ciphertext is detected, not silently decrypted into garbage.
    await tdb.db.query(`UPDATE ltijs_document SET doc = jsonb_set(doc, '{data}', to_jsonb('00' || substr(doc->>'data', 3))) WHERE collection = 'accesstoken'`);
    await expect(plugin.Get(KEY, 'accesstoken', { platformUrl: 'p' })).rejects.toThrow();
  });

  it('modifies encrypted documents in place', async () => {
    await plugin.Insert(KEY, 'privatekey', { key: 'PEM-A', kid: 'kid-m' }, { kid: 'kid-m' });
    await plugin.Modify(KEY, 'privatekey', { kid: 'kid-m' }, { key: 'PEM-B' });
    expect(await plugin.Get(KEY, 'privatekey', { kid: 'kid-m' })).toEqual([expect.objectContaining({ key: 'PEM-B', kid: 'kid-m' })]);
  });

  it('makes nonce inserts unique, so a concurrent replay cannot pass ltijs get-then-insert', async () => {
    await plugin.Insert(false, 'nonce', { nonce: 'n-1' });
    await expect(plugin.Insert(false, 'nonce', { nonce: 'n-1' })).rejects.toThrow();
  });

  it('hides expired documents', async () => {
    await plugin.Insert(false, 'state', { state: 's-old', query: {} });
    await tdb.db.query(`UPDATE ltijs_document SET expires_at = now() - interval '1 second' WHERE doc->>'state' = 's-old'`);
    expect(await plugin.Get(false, 'state', { state: 's-old' })).toBe(false);
  });

  it('serves ltijs itself: register, look up, activate and delete a platform', async () => {
    const lti = createLtijsProvider(tdb.db, KEY);
    await lti.registerPlatform({
      url: 'https://lms.example',
      name: 'LMS',
      clientId: 'tool-1',
      authenticationEndpoint: 'https://lms.example/auth',
      accesstokenEndpoint: 'https://lms.example/token',
      authConfig: { method: 'JWK_SET', key: 'https://lms.example/jwks' },
    });
    const platform = await lti.getPlatform('https://lms.example', 'tool-1');
    expect(platform).not.toBe(false);
    expect(await (platform as { platformActive(): Promise<boolean> }).platformActive()).toBe(true);
    const [privateKey] = await tdb.db.query<{ doc: unknown }>(`SELECT doc FROM ltijs_document WHERE collection = 'privatekey' AND doc->>'clientId' = 'tool-1'`);
    expect(JSON.stringify(privateKey!.doc)).not.toMatch(/PRIVATE KEY/);
    await lti.deletePlatform('https://lms.example', 'tool-1');
    expect(await lti.getPlatform('https://lms.example', 'tool-1')).toBe(false);
  });
});
