// A key rotation while launches and LMS service calls are in flight fails nothing: the
// LMS learns the new key from Trellis's JWKS when it meets an unknown kid, and the old
// key stays published until it retires.
import { NRPS_SCOPE } from '../../server/lti/services/nrps';
import { ServiceTokenClient } from '../../server/lti/services/service-token';
import { fullLaunch, startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('rotates the signing key under concurrent launches and service calls with 0 failures', async () => {
  const [platform] = await h.trellis.registry.findByIssuer(h.platform.issuer);
  const students = ['stu-ana', 'stu-ben', 'stu-anon'];
  const outcomes: Promise<string>[] = [];
  const kidsUsed = new Set<string>();
  for (let i = 0; i < 30; i++) {
    outcomes.push(fullLaunch(h, { userSub: students[i % 3]! }).then((r) => (r.status === 200 ? 'ok' : `launch ${r.status}`)));
    // A fresh client each time, so every call asks the LMS for a token with a new assertion.
    outcomes.push(
      new ServiceTokenClient(h.trellis.toolKeys, 'Trellis-test')
        .token(platform!, [NRPS_SCOPE])
        .then(() => 'ok', (err: Error) => `token ${err.message}`),
    );
    if (i % 10 === 5) outcomes.push(h.trellis.toolKeys.rotate(3600).then(({ newKid }) => (kidsUsed.add(newKid), 'ok')));
  }
  const results = await Promise.all(outcomes);
  expect(results.filter((r) => r !== 'ok')).toEqual([]);
  expect(kidsUsed.size).toBe(3);
  const issued = h.platform.tokenRequests.filter((t) => t.outcome === 'issued');
  expect(issued.length).toBeGreaterThanOrEqual(30);
  // The LMS refetched Trellis's JWKS when it met a new kid.
  expect(h.platform.toolJwksFetches.length).toBeGreaterThan(1);
});
