// Injected faults per endpoint (outages, throttling, slow answers, expired tokens) and the
// request log tests use to assert on what the platform actually received.
import request from 'supertest';
import { MEDIA_TYPE, SCOPE } from './index';
import { accessToken, clientAssertion, startPlatform, tokenRequest, type PlatformFixture } from './fake-tool';

let f: PlatformFixture;
let auth: string;
let lineItemPath: string;
beforeAll(async () => {
  f = await startPlatform();
  auth = `Bearer ${await accessToken(f, [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadonly, SCOPE.contextMembershipReadonly])}`;
  lineItemPath = new URL(f.platform.lineItemUrl(f.platform.createLineItem('math-6', { label: 'Faulty', scoreMaximum: 10 }))).pathname;
});
afterEach(() => f.platform.clearFaults());
afterAll(() => f.close());

let seconds = 0;
const postScore = () =>
  request(f.app)
    .post(`${lineItemPath}/scores`)
    .set('Authorization', auth)
    .set('User-Agent', 'Trellis/0.1 (+ags)')
    .set('Content-Type', MEDIA_TYPE.score)
    .send(
      JSON.stringify({
        userId: 'stu-ana',
        scoreGiven: 5,
        scoreMaximum: 10,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        timestamp: new Date(Date.UTC(2030, 0, 1, 0, 0, ++seconds)).toISOString(),
      }),
    );

describe('faults', () => {
  it('fails the next N calls with a status, then recovers; the log shows each attempt', async () => {
    f.platform.resetCalls();
    f.platform.injectFault('scores', { status: 503, times: 2 });
    expect((await postScore().expect(503)).body.error).toBe('injected_fault');
    await postScore().expect(503);
    await postScore().expect(204);
    const log = f.platform.requestsTo('scores');
    expect(log.map((r) => r.status)).toEqual([503, 503, 204]);
    expect(log[0]!.fault).toEqual({ endpoint: 'scores', status: 503, delayMs: undefined, retryAfterSeconds: undefined });
    expect(log[2]!.fault).toBeUndefined();
    // What the LMS received: method, path, headers and the parsed JSON body.
    expect(log[2]).toMatchObject({
      method: 'POST',
      path: `${lineItemPath}/scores`,
      headers: { authorization: auth, 'user-agent': 'Trellis/0.1 (+ags)', 'content-type': MEDIA_TYPE.score },
      body: { userId: 'stu-ana', scoreGiven: 5 },
    });
    expect(f.platform.countCalls('scores')).toBe(3);
    expect(f.platform.scores.filter((s) => s.outcome === 'accepted')).toHaveLength(1); // faulted calls never reached the gradebook
  });

  it('throttles with 429 and Retry-After', async () => {
    f.platform.injectFault('token', { status: 429, retryAfterSeconds: 7 });
    const res = await tokenRequest(f, await clientAssertion(f), [SCOPE.score]).expect(429);
    expect(res.headers['retry-after']).toBe('7');
    await tokenRequest(f, await clientAssertion(f), [SCOPE.score]).expect(200);
  });

  it('fails every call for a duration', async () => {
    f.platform.injectFault('memberships', { status: 500, forMs: 150 });
    const get = () => request(f.app).get('/lms/api/courses/math-6/memberships').set('Authorization', auth);
    await get().expect(500);
    await get().expect(500);
    await new Promise((r) => setTimeout(r, 200));
    await get().expect(200);
  });

  it('delays: slow answers still succeed, and a client timeout gives up', async () => {
    f.platform.injectFault('lineitems', { delayMs: 150 });
    const started = Date.now();
    await request(f.app).get('/lms/api/courses/math-6/line_items').set('Authorization', auth).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    f.platform.injectFault('results', { delayMs: 2000, status: 504 });
    const url = `${f.platform.origin}${lineItemPath}/results`;
    await expect(fetch(url, { headers: { Authorization: auth }, signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(f.platform.requestsTo('results').at(-1)!.fault).toMatchObject({ delayMs: 2000, status: 504 });
    await request(f.app).get(`${lineItemPath}/results`).set('Authorization', auth).expect(200);
  });

  it('faults the platform JWKS too', async () => {
    f.platform.injectFault('jwks', { status: 503, retryAfterSeconds: 1 });
    await request(f.app).get('/lms/jwks').expect(503);
    await request(f.app).get('/lms/jwks').expect(200);
  });

  it('expireTokens() makes every issued token answer 401 until the tool fetches a new one', async () => {
    const old = await accessToken(f, [SCOPE.lineItemReadonly]);
    f.platform.expireTokens();
    const res = await request(f.app).get('/lms/api/courses/math-6/line_items').set('Authorization', `Bearer ${old}`).expect(401);
    expect(res.body.error).toBe('invalid_token');
    const fresh = await accessToken(f, [SCOPE.lineItemReadonly]);
    await request(f.app).get('/lms/api/courses/math-6/line_items').set('Authorization', `Bearer ${fresh}`).expect(200);
    auth = `Bearer ${await accessToken(f, [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadonly, SCOPE.contextMembershipReadonly])}`;
  });

  it('keeps only the newest requests in the log', async () => {
    f.platform.requestLogLimit = 3;
    try {
      for (let i = 0; i < 5; i++) await request(f.app).get('/lms/jwks').set('X-Attempt', String(i));
      expect(f.platform.requests.map((r) => r.headers['x-attempt'])).toEqual(['2', '3', '4']);
    } finally {
      f.platform.requestLogLimit = 5000;
    }
  });

  it('clearFaults() drops pending faults', async () => {
    f.platform.injectFault('lineitems', { status: 500, times: Infinity });
    f.platform.clearFaults('lineitems');
    await request(f.app).get('/lms/api/courses/math-6/line_items').set('Authorization', auth).expect(200);
    expect(() => f.platform.injectFault('token', {})).toThrow(/status or a delayMs/);
  });
});
