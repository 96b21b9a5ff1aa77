// POST /token: client_credentials with a tool-signed JWT assertion, and the bearer check
// every service endpoint applies to the tokens it issues.
import crypto from 'node:crypto';
import request from 'supertest';
import { generateKeyPair } from 'jose';
import { SCOPE } from './index';
import { accessToken, clientAssertion, signAsTool, startPlatform, tokenRequest, type PlatformFixture } from './fake-tool';

let f: PlatformFixture;
beforeAll(async () => {
  f = await startPlatform();
});
afterAll(() => f.close());

const lineItems = () => request(f.app).get('/lms/api/courses/math-6/line_items');

describe('token endpoint', () => {
  it('issues a bearer token for a correctly signed assertion and records the request', async () => {
    const jti = crypto.randomUUID();
    const res = await tokenRequest(f, await clientAssertion(f, { jti }), [SCOPE.lineItem, SCOPE.score, 'https://example.com/unknown-scope']).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^[\w-]{40,}$/),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: `${SCOPE.lineItem} ${SCOPE.score}`, // unknown scopes are not granted
    });
    expect(f.platform.tokenRequests.at(-1)).toMatchObject({
      jti,
      clientId: 'trellis-client',
      outcome: 'issued',
      scopesRequested: [SCOPE.lineItem, SCOPE.score, 'https://example.com/unknown-scope'],
      scopesGranted: [SCOPE.lineItem, SCOPE.score],
    });
    const recorded = f.platform.requestsTo('token').at(-1)!;
    expect(recorded).toMatchObject({ method: 'POST', path: '/lms/token', status: 200 });
    expect(recorded.body).toMatchObject({ grant_type: 'client_credentials', scope: expect.stringContaining(SCOPE.score) });
  });

  it('accepts the issuer as aud too', async () => {
    await tokenRequest(f, await clientAssertion(f, { aud: f.platform.issuer }), [SCOPE.score]).expect(200);
  });

  it('rejects a bad signature (key not in the tool JWKS) as invalid_client', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const forged = await signAsTool(
      f.tool,
      { iss: 'trellis-client', sub: 'trellis-client', aud: f.platform.tokenUrl, iat: now, exp: now + 60, jti: crypto.randomUUID() },
      { kid: f.tool.current.kid, privateKey },
    );
    const res = await tokenRequest(f, forged, [SCOPE.score]).expect(401);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: expect.stringContaining('signature') });
    expect(f.platform.tokenRequests.at(-1)).toMatchObject({ outcome: 'rejected', error: 'invalid_client' });
  });

  it('rejects a replayed jti', async () => {
    const assertion = await clientAssertion(f);
    await tokenRequest(f, assertion, [SCOPE.score]).expect(200);
    const res = await tokenRequest(f, assertion, [SCOPE.score]).expect(401);
    expect(res.body.error_description).toMatch(/jti .*replay/);
  });

  it.each([
    ['wrong aud', { aud: 'https://elsewhere.example/token' }, /aud/],
    ['iss not the client_id', { iss: 'someone-else', sub: 'someone-else' }, /iss/],
    ['sub differs from iss', { sub: 'someone-else' }, /sub/],
    ['expired', { exp: Math.floor(Date.now() / 1000) - 60 }, /expired/],
    ['exp more than 5 minutes ahead', { exp: Math.floor(Date.now() / 1000) + 3600 }, /ahead/],
    ['no jti', { jti: undefined }, /jti/],
  ])('rejects an assertion with %s', async (_name, overrides, why) => {
    const res = await tokenRequest(f, await clientAssertion(f, overrides), [SCOPE.score]).expect(401);
    expect(res.body.error).toBe('invalid_client');
    expect(res.body.error_description).toMatch(why);
  });

  it('answers RFC 6749 errors for malformed requests', async () => {
    const form = (body: Record<string, string>) => request(f.app).post('/lms/token').type('form').send(body);
    expect((await form({}).expect(400)).body.error).toBe('invalid_request');
    const json = await request(f.app).post('/lms/token').send({ grant_type: 'client_credentials' }).expect(400);
    expect(json.body.error_description).toMatch(/x-www-form-urlencoded/);
    expect((await form({ grant_type: 'password' }).expect(400)).body).toEqual({ error: 'unsupported_grant_type' });
    expect((await form({ grant_type: 'client_credentials' }).expect(400)).body.error).toBe('invalid_request');
    expect((await tokenRequest(f, 'not-a-jwt', [SCOPE.score]).expect(401)).body.error).toBe('invalid_client');
    expect((await tokenRequest(f, await clientAssertion(f), []).expect(400)).body.error).toBe('invalid_scope');
    expect((await tokenRequest(f, await clientAssertion(f), ['https://example.com/x']).expect(400)).body.error).toBe('invalid_scope');
  });

  it('grants only the scopes the tool registration allows', async () => {
    f.platform.tool.scopes = [SCOPE.score];
    try {
      const res = await tokenRequest(f, await clientAssertion(f), [SCOPE.score, SCOPE.lineItem]).expect(200);
      expect(res.body.scope).toBe(SCOPE.score);
    } finally {
      delete f.platform.tool.scopes;
    }
  });

  it('caches the tool JWKS and refetches when a new kid appears', async () => {
    await accessToken(f, [SCOPE.score]);
    const hits = f.tool.jwksHits;
    await accessToken(f, [SCOPE.score]);
    expect(f.tool.jwksHits).toBe(hits); // cached
    await f.tool.rotate();
    await accessToken(f, [SCOPE.score]);
    expect(f.tool.jwksHits).toBe(hits + 1); // unknown kid → one refetch
    expect(f.platform.toolJwksFetches.at(-1)).toMatchObject({ url: f.tool.jwksUrl, ok: true, status: 200 });
  });

  it('uses the configured token lifetime', async () => {
    f.platform.accessTokenTtlSeconds = 120;
    try {
      const res = await tokenRequest(f, await clientAssertion(f), [SCOPE.score]).expect(200);
      expect(res.body.expires_in).toBe(120);
      expect(f.platform.accessTokens.get(res.body.access_token)!.expiresAt - Date.now()).toBeLessThanOrEqual(120_000);
    } finally {
      f.platform.accessTokenTtlSeconds = 3600;
    }
  });
});

describe('bearer check on service endpoints', () => {
  it('needs a bearer token: 401 with WWW-Authenticate', async () => {
    const res = await lineItems().expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    await lineItems().set('Authorization', 'Bearer made-up').expect(401);
  });

  it('401 invalid_token for an expired token, so the tool fetches a new one', async () => {
    const token = await accessToken(f, [SCOPE.lineItemReadonly]);
    await lineItems().set('Authorization', `Bearer ${token}`).expect(200);
    f.platform.accessTokens.get(token)!.expiresAt = Date.now() - 1;
    const res = await lineItems().set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body).toEqual({ error: 'invalid_token', error_description: 'the access token has expired' });
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('403 insufficient_scope when the token lacks the scope', async () => {
    const token = await accessToken(f, [SCOPE.score]);
    const res = await lineItems().set('Authorization', `Bearer ${token}`).expect(403);
    expect(res.body.error).toBe('insufficient_scope');
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
    await request(f.app).get('/lms/api/courses/math-6/memberships').set('Authorization', `Bearer ${token}`).expect(403);
  });
});
