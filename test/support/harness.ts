// Starts Trellis (in-process, driven over HTTP with supertest) beside a simulated LMS that
// listens on a real loopback port, so Trellis fetches the platform's JWKS over HTTP.
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { loadConfig, type Config } from '../../server/config';
import { composeTrellis, type Trellis } from '../../server/compose';
import { SimulatedPlatform, type LaunchOptions, type SignOptions, type SimulatedPlatformOptions } from '../platform';
import { createTestDatabase, type TestDatabase } from './test-db';

export const CLIENT_ID = 'trellis-test-client';
export const DEPLOYMENT_ID = 'deployment-1';
export const ENCRYPTION_KEY = 'test-encryption-key-0123456789-abcdefghij';

export interface Harness {
  trellis: Trellis;
  app: Trellis['app'];
  tdb: TestDatabase;
  platform: SimulatedPlatform;
  platformBase: string;
  /** Trellis's PUBLIC_URL: it listens there too, so the LMS can fetch its JWKS. */
  toolUrl: string;
  config: Config;
  close(): Promise<void>;
}

const listen = (handler: http.RequestListener): Promise<Server> =>
  new Promise((resolve) => {
    const s = http.createServer(handler).listen(0, '127.0.0.1', () => resolve(s));
  });
const baseOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

export async function startHarness(
  env: Record<string, string> = {},
  platformOptions: Partial<Omit<SimulatedPlatformOptions, 'issuer' | 'tool'>> = {},
): Promise<Harness> {
  const tdb = await createTestDatabase();
  const lms = express();
  const server = await listen(lms);
  const platformBase = baseOf(server);
  // Trellis listens on loopback as well: the LMS fetches its JWKS to verify what it signs.
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const toolServer = await listen((req, res) => handle(req, res));
  const toolUrl = baseOf(toolServer);

  const platform = await SimulatedPlatform.create({
    issuer: `${platformBase}/lms`,
    name: 'Test LMS',
    ...platformOptions,
    tool: {
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT_ID,
      loginUrl: `${toolUrl}/lti/login`,
      launchUrl: `${toolUrl}/lti/launch`,
      redirectUris: [`${toolUrl}/lti/launch`],
      jwksUrl: `${toolUrl}/lti/jwks`,
    },
  });
  lms.use('/lms', platform.router);

  const config = loadConfig({
    DATABASE_URL: 'postgres://in-test-harness',
    TRELLIS_ENCRYPTION_KEY: ENCRYPTION_KEY,
    PUBLIC_URL: toolUrl,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const trellis = composeTrellis({ config, db: tdb.db, logger: pino({ level: 'silent' }) });
  handle = trellis.app;
  await trellis.toolKeys.ensureActiveKey(); // as main.ts does at start
  await trellis.registry.register({
    issuer: platform.issuer,
    clientId: CLIENT_ID,
    name: 'Test LMS',
    authLoginUrl: platform.authUrl,
    authTokenUrl: platform.tokenUrl,
    jwksUrl: platform.jwksUrl,
    deploymentIds: [DEPLOYMENT_ID],
  });

  return {
    trellis,
    app: trellis.app,
    tdb,
    platform,
    platformBase,
    toolUrl,
    config,
    async close() {
      await trellis.outboxWorker.stop();
      await new Promise((r) => server.close(r));
      await new Promise((r) => toolServer.close(r));
      await tdb.close();
    },
  };
}

export interface LoginResult {
  state: string;
  nonce: string;
  /** `trellis_login=…` as the browser would send it back. */
  cookie: string;
  authorizeUrl: URL;
}

/** Step 1: the platform starts the OIDC login; Trellis answers with a redirect. */
export async function login(h: Harness, opts: LaunchOptions): Promise<LoginResult> {
  const res = await request(h.app).get('/lti/login').query(h.platform.loginInitiationParams(opts));
  if (res.status !== 302) throw new Error(`login returned ${res.status}: ${res.text.slice(0, 300)}`);
  const authorizeUrl = new URL(res.headers.location!);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).find((c) => c!.startsWith('trellis_login=')) ?? '';
  return {
    state: authorizeUrl.searchParams.get('state')!,
    nonce: authorizeUrl.searchParams.get('nonce')!,
    cookie,
    authorizeUrl,
  };
}

export interface LaunchOverrides extends LaunchOptions {
  /** Change the id_token claims before signing. */
  mutate?: (claims: Record<string, unknown>) => void;
  sign?: SignOptions;
  /** Replace the state sent back (undefined = the login's state; null = omit). */
  state?: string | null;
  /** Replace the cookie sent back (undefined = the login's cookie). */
  cookie?: string;
}

/** Steps 1–2 with a token the test shapes: login, sign claims as the platform, POST the launch. */
export async function launch(h: Harness, opts: LaunchOverrides) {
  const l = await login(h, opts);
  const claims = h.platform.buildClaims({ ...opts, nonce: l.nonce });
  opts.mutate?.(claims);
  const idToken = await h.platform.signIdToken(claims, opts.sign);
  return postLaunch(h, { id_token: idToken, state: opts.state === undefined ? l.state : opts.state, cookie: opts.cookie ?? l.cookie });
}

export function postLaunch(h: Harness, body: { id_token?: string; state?: string | null; cookie?: string }) {
  const form: Record<string, string> = {};
  if (body.id_token !== undefined) form.id_token = body.id_token;
  if (body.state) form.state = body.state;
  const req = request(h.app).post('/lti/launch').type('form');
  if (body.cookie) req.set('Cookie', body.cookie);
  return req.send(form);
}

/**
 * The whole browser flow with nothing shaped by the test: login at Trellis, the real
 * authorization request to the platform over HTTP, and its form_post back to Trellis.
 */
export async function fullLaunch(h: Harness, opts: LaunchOptions) {
  const l = await login(h, opts);
  const auth = await fetch(l.authorizeUrl);
  const html = await auth.text();
  if (auth.status !== 200) throw new Error(`platform /auth returned ${auth.status}: ${html.slice(0, 300)}`);
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  return postLaunch(h, { id_token: field('id_token'), state: field('state'), cookie: l.cookie });
}

/** The BootData JSON a launch response embeds for the client. */
export function bootDataOf(html: string): { token: string; session: import('../../server/http/contract').SessionView } {
  const m = /<script id="trellis-boot" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('launch response has no boot data');
  return JSON.parse(m[1]!);
}
