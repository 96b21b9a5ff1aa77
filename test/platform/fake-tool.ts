// Test double for the tool side of LTI Advantage: an RS256 key published from a tiny local
// JWKS server, plus helpers that sign client assertions and deep linking responses the way
// a real tool does. Used by the platform's own tests; Trellis tests may reuse it.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import request from 'supertest';
import { CLAIM, LTI_VERSION } from './lti-vocab';
import { JWT_BEARER } from './services/token';
import { SimulatedPlatform, type SimulatedPlatformOptions } from './simulated-platform';

export const TOOL_ORIGIN = 'http://trellis.test';

interface ToolKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export interface FakeTool {
  jwksUrl: string;
  /** The key new JWTs are signed with. */
  current: ToolKey;
  /** GET /jwks hits on the tool's server. */
  jwksHits: number;
  /** Publishes a new key and signs with it from now on (old keys stay published). */
  rotate(): Promise<string>;
  close(): Promise<void>;
}

async function newToolKey(): Promise<ToolKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const kid = crypto.randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export async function startFakeTool(): Promise<FakeTool> {
  const keys = [await newToolKey()];
  const server = http.createServer((req, res) => {
    if (req.url !== '/jwks') return void res.writeHead(404).end();
    tool.jwksHits += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const tool: FakeTool = {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    current: keys[0]!,
    jwksHits: 0,
    async rotate() {
      const k = await newToolKey();
      keys.push(k);
      tool.current = k;
      return k.kid;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return tool;
}

export interface PlatformFixture {
  app: express.Express;
  platform: SimulatedPlatform;
  tool: FakeTool;
  base: string;
  close(): Promise<void>;
}

/** A platform on a real loopback port (so JWT aud/iss URLs are real) with a fake tool registered. */
export async function startPlatform(opts: Partial<Omit<SimulatedPlatformOptions, 'issuer' | 'tool'>> = {}): Promise<PlatformFixture> {
  const tool = await startFakeTool();
  const app = express();
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const platform = await SimulatedPlatform.create({
    ...opts,
    issuer: `${base}/lms`,
    tool: {
      clientId: 'trellis-client',
      deploymentId: 'dep-1',
      loginUrl: `${TOOL_ORIGIN}/lti/login`,
      launchUrl: `${TOOL_ORIGIN}/lti/launch`,
      deepLinkUrl: `${TOOL_ORIGIN}/lti/deep-link`,
      redirectUris: [`${TOOL_ORIGIN}/lti/launch`],
      jwksUrl: tool.jwksUrl,
    },
  });
  app.use('/lms', platform.router);
  return {
    app,
    platform,
    tool,
    base,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await tool.close();
    },
  };
}

type ClaimOverrides = Record<string, unknown>;

/** Applies overrides; an `undefined` value removes the claim. */
function shape(claims: ClaimOverrides, overrides: ClaimOverrides): ClaimOverrides {
  const out = { ...claims, ...overrides };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

export async function signAsTool(tool: FakeTool, claims: ClaimOverrides, key: { kid: string; privateKey: KeyLike } = tool.current): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
}

/** A client assertion as LTI tools send it to the token endpoint. */
export function clientAssertion(f: PlatformFixture, overrides: ClaimOverrides = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const clientId = f.platform.tool.clientId;
  return signAsTool(
    f.tool,
    shape({ iss: clientId, sub: clientId, aud: f.platform.tokenUrl, iat: now, exp: now + 60, jti: crypto.randomUUID() }, overrides),
  );
}

export function tokenRequest(f: PlatformFixture, assertion: string, scopes: string[]) {
  return request(f.app)
    .post('/lms/token')
    .type('form')
    .send({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: assertion, scope: scopes.join(' ') });
}

/** Fetches an access token for these scopes; throws if the platform refuses. */
export async function accessToken(f: PlatformFixture, scopes: string[]): Promise<string> {
  const res = await tokenRequest(f, await clientAssertion(f), scopes);
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${res.text}`);
  return res.body.access_token as string;
}

/** An LtiDeepLinkingResponse JWT answering `settings` (the deep_linking_settings claim). */
export function deepLinkingResponse(
  f: PlatformFixture,
  settings: { data?: string },
  contentItems: unknown[],
  overrides: ClaimOverrides = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signAsTool(
    f.tool,
    shape(
      {
        iss: f.platform.tool.clientId,
        aud: f.platform.issuer,
        iat: now,
        exp: now + 300,
        nonce: crypto.randomUUID(),
        [CLAIM.messageType]: 'LtiDeepLinkingResponse',
        [CLAIM.version]: LTI_VERSION,
        [CLAIM.deploymentId]: f.platform.tool.deploymentId,
        [CLAIM.dlData]: settings.data,
        [CLAIM.dlContentItems]: contentItems,
      },
      overrides,
    ),
  );
}
