// The service-call policy against a real loopback HTTP server: per-platform concurrency
// limit, which answers are retried (429, 5xx, Canvas's "403 Rate Limit Exceeded", network
// errors) and which are reported at once (other 4xx).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlatformClient, ServiceCallError } from '../../server/lti/services/platform-client';
import type { ServiceTokenClient } from '../../server/lti/services/service-token';

let server: http.Server;
let base = '';
let inFlight = 0;
let maxInFlight = 0;
let script: { status: number; body?: string; headers?: Record<string, string> }[] = [];
let hits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const next = script.shift() ?? { status: 200, body: '{"ok":true}' };
    setTimeout(() => {
      inFlight--;
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.body ?? '{}');
    }, 30);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => {
  script = [];
  hits = 0;
  maxInFlight = 0;
});

// The token client is a dependency here, not the subject: a fixed token is enough.
const tokens = { token: async () => 'tkn', invalidate: () => undefined } as unknown as ServiceTokenClient;
const platform = { id: 'p1', clientId: 'c', authTokenUrl: 'http://unused.invalid/token' };
const client = () => new PlatformClient(tokens, 'Trellis-test', { perPlatformConcurrency: 3, retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 20 } });
const get = (c: PlatformClient) => c.call(platform, { method: 'GET', url: `${base}/x`, scopes: ['s'], accept: 'application/json' });

describe('PlatformClient', () => {
  it('never runs more than the per-platform limit of calls at once', async () => {
    const c = client();
    await Promise.all(Array.from({ length: 12 }, () => get(c)));
    expect(hits).toBe(12);
    expect(maxInFlight).toBe(3);
  });

  it.each([
    ['429', { status: 429 }],
    ['503', { status: 503 }],
    ["Canvas's 403 Rate Limit Exceeded", { status: 403, body: '403 Forbidden (Rate Limit Exceeded)' }],
  ])('retries %s and then succeeds', async (_name, failure) => {
    script = [failure, failure];
    const res = await get(client());
    expect(res.status).toBe(200);
    expect(hits).toBe(3);
  });

  it('reports other 4xx answers without retrying', async () => {
    script = [{ status: 404, body: '{"error":"no such line item"}' }];
    await expect(get(client())).rejects.toMatchObject({ status: 404, retryable: false });
    expect(hits).toBe(1);
  });

  it('gives up after the configured attempts and says why', async () => {
    script = Array(10).fill({ status: 500 });
    const err = await get(client()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceCallError);
    expect((err as ServiceCallError).message).toContain('answered 500');
    expect(hits).toBe(4);
  });

  it('treats a refused connection as retryable', async () => {
    const c = client();
    const err = await c
      .call(platform, { method: 'GET', url: 'http://127.0.0.1:9/none', scopes: ['s'], accept: 'application/json' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, retryable: true });
  });
});
