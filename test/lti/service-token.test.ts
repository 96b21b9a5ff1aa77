// Service access tokens: one token request per scope set under load, refreshed a minute
// before the LMS says it expires, with assertions the LMS verifies against our JWKS.
import { AGS_SCOPE } from '../../server/lti/services/ags';
import { NRPS_SCOPE } from '../../server/lti/services/nrps';
import { ServiceTokenClient } from '../../server/lti/services/service-token';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  // Tokens that live 61 s: with the 60 s margin, Trellis refreshes them after one second.
  h = await startHarness({}, { accessTokenTtlSeconds: 61 });
});
afterAll(() => h.close());

it('makes one token request per scope set for 50 concurrent calls, and refreshes before expiry', async () => {
  const [platform] = await h.trellis.registry.findByIssuer(h.platform.issuer);
  const client = new ServiceTokenClient(h.trellis.toolKeys, 'Trellis-test');
  const scoreScopes = [AGS_SCOPE.score];
  const rosterScopes = [NRPS_SCOPE];

  const tokens = await Promise.all(
    Array.from({ length: 50 }, (_, i) => client.token(platform!, i % 2 ? scoreScopes : rosterScopes)),
  );
  expect(new Set(tokens).size).toBe(2);
  expect(client.requests).toBe(2);
  const issued = h.platform.tokenRequests.filter((t) => t.outcome === 'issued');
  expect(issued.map((t) => t.scopesGranted.join(' ')).sort()).toEqual([AGS_SCOPE.score, NRPS_SCOPE].sort());
  expect(new Set(issued.map((t) => t.jti)).size).toBe(issued.length); // unique jti per assertion

  await new Promise((r) => setTimeout(r, 1_100));
  const refreshed = await client.token(platform!, scoreScopes);
  expect(refreshed).not.toBe(tokens[1]);
  expect(client.requests).toBe(3);
});

it('reports a token endpoint that refuses the tool', async () => {
  const [platform] = await h.trellis.registry.findByIssuer(h.platform.issuer);
  const wrongClient = { ...platform!, clientId: 'not-our-client' };
  const err = await new ServiceTokenClient(h.trellis.toolKeys, 'Trellis-test').token(wrongClient, [NRPS_SCOPE]).catch((e: unknown) => e);
  expect(err).toMatchObject({ status: 401, retryable: false });
});
