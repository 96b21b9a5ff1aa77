// The tool's signing keys: sealed at rest, published as public JWKs, rotated without
// breaking anything signed just before the rotation.
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import request from 'supertest';
import { ToolKeyStore } from '../../server/lti/tool-keys';
import { ENCRYPTION_KEY, startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const sign = async (keys: ToolKeyStore) => {
  const { kid, privateKey } = await keys.signingKey();
  return new SignJWT({ purpose: 'test' }).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime('5m').sign(privateKey);
};
const publishedKids = async () => (await request(h.app).get('/lti/jwks')).body.keys.map((k: { kid: string }) => k.kid) as string[];

describe('tool keys', () => {
  it('creates exactly one active key even when several instances start at once', async () => {
    await h.tdb.db.query(`DELETE FROM tool_key`); // as on a brand-new database
    h.trellis.toolKeys.invalidate();
    const stores = Array.from({ length: 4 }, () => new ToolKeyStore(h.tdb.db, ENCRYPTION_KEY));
    await Promise.all(stores.map((s) => s.ensureActiveKey()));
    const rows = await h.tdb.db.query(`SELECT kid FROM tool_key WHERE status = 'active'`);
    expect(rows).toHaveLength(1);
  });

  it('keeps private keys sealed at rest and publishes only public parameters', async () => {
    const rows = await h.tdb.db.query<{ private_key_sealed: unknown }>(`SELECT private_key_sealed FROM tool_key`);
    for (const r of rows) expect(JSON.stringify(r.private_key_sealed)).not.toMatch(/PRIVATE KEY|MII/);
    const jwks = (await request(h.app).get('/lti/jwks')).body;
    for (const key of jwks.keys) expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('rotates: the new key signs, the old one stays published, and earlier tokens still verify', async () => {
    const keys = h.trellis.toolKeys;
    const before = await sign(keys);
    const { newKid, retiringKid } = await keys.rotate(3600);
    expect((await keys.signingKey()).kid).toBe(newKid);
    const kids = await publishedKids();
    expect(kids).toEqual([newKid, retiringKid]);

    const jwks = createLocalJWKSet((await request(h.app).get('/lti/jwks')).body);
    await expect(jwtVerify(before, jwks)).resolves.toBeTruthy();
    await expect(jwtVerify(await sign(keys), jwks)).resolves.toBeTruthy();
  });

  it('stops publishing a rotated-out key once its grace period is over', async () => {
    const keys = h.trellis.toolKeys;
    const { retiringKid } = await keys.rotate(3600);
    await h.tdb.db.query(`UPDATE tool_key SET retire_at = now() - interval '1 second' WHERE kid = $1`, [retiringKid]);
    keys.invalidate();
    expect(await publishedKids()).not.toContain(retiringKid);
    expect(await keys.retireExpired()).toContain(retiringKid);
  });

  it('another instance picks up a rotation within its cache time, and signs with a still-published key meanwhile', async () => {
    const other = new ToolKeyStore(h.tdb.db, ENCRYPTION_KEY, 0);
    const { newKid } = await h.trellis.toolKeys.rotate(3600);
    expect((await other.signingKey()).kid).toBe(newKid);
  });
});
