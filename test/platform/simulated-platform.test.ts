import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import request from 'supertest';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, errors } from 'jose';
import { CLAIM, ROLE, SimulatedPlatform } from './index';

let server: Server;
let base: string;
let platform: SimulatedPlatform;
let app: express.Express;

beforeAll(async () => {
  app = express();
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The issuer needs the real port, so the platform is created after listen and mounted late.
  platform = await SimulatedPlatform.create({
    issuer: `${base}/lms`,
    tool: {
      clientId: 'trellis-client',
      deploymentId: 'dep-1',
      loginUrl: `${base}/lti/login`,
      launchUrl: `${base}/lti/launch`,
      deepLinkUrl: `${base}/lti/deep-link`,
      redirectUris: [`${base}/lti/launch`],
    },
  });
  app.use('/lms', platform.router);
});

afterEach(() => {
  platform.faults = {};
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** What a tool does on login initiation: turn the platform's params into an auth request. */
function authParams(loginUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  const login = new URL(loginUrl).searchParams;
  return {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: login.get('client_id') ?? '',
    redirect_uri: `${base}/lti/launch`,
    login_hint: login.get('login_hint') ?? '',
    lti_message_hint: login.get('lti_message_hint') ?? '',
    state: 'state-<&"123>',
    nonce: 'nonce-abc',
    ...overrides,
  };
}

function formFields(html: string): { action: string; fields: Record<string, string> } {
  const unescape = (s: string) => s.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
  const action = unescape(/<form method="post" action="([^"]*)"/.exec(html)?.[1] ?? '');
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescape(m[1]!)] = unescape(m[2]!);
  }
  return { action, fields };
}

describe('JWKS', () => {
  it('publishes public RSA keys only, cacheable for 5 minutes', async () => {
    const res = await request(app).get('/lms/jwks').expect(200);
    expect(res.headers['cache-control']).toBe('max-age=300');
    expect(res.body.keys).toHaveLength(1);
    const [key] = res.body.keys;
    expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: platform.currentKid });
    expect(Buffer.from(key.n, 'base64url').length).toBe(256); // 2048-bit modulus
  });

  it('records calls and honours injected faults', async () => {
    const before = platform.countCalls('jwks');
    platform.faults = { jwksStatus: 503 };
    await request(app).get('/lms/jwks').expect(503);
    platform.faults = { jwksBody: 'not json' };
    const garbage = await fetch(platform.jwksUrl);
    expect(garbage.status).toBe(200);
    expect(await garbage.text()).toBe('not json');
    expect(platform.countCalls('jwks')).toBe(before + 2);
  });

  it('signs id_tokens that verify against the served JWKS', async () => {
    const claims = platform.buildClaims({ userSub: 'stu-ana', nonce: 'n-1' });
    const token = await platform.signIdToken(claims);
    const jwks = createRemoteJWKSet(new URL(platform.jwksUrl));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: platform.issuer,
      audience: 'trellis-client',
      algorithms: ['RS256'],
    });
    expect(protectedHeader.kid).toBe(platform.currentKid);
    expect(payload.sub).toBe('stu-ana');
  });

  it('rotateKey keeps the old kid published and signs with the new one', async () => {
    const oldKid = platform.currentKid;
    const oldToken = await platform.signIdToken(platform.buildClaims({ userSub: 'tch-kim', nonce: 'n-2' }));
    const newKid = await platform.rotateKey();
    expect(newKid).not.toBe(oldKid);
    const kids = platform.jwks().keys.map((k) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]));

    const newToken = await platform.signIdToken(platform.buildClaims({ userSub: 'tch-kim', nonce: 'n-3' }));
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);
    const jwks = createRemoteJWKSet(new URL(platform.jwksUrl));
    await expect(jwtVerify(oldToken, jwks)).resolves.toBeDefined();
    await expect(jwtVerify(newToken, jwks)).resolves.toBeDefined();
  });

  it('can forge tokens: unpublished key, HS256, alg none, extra headers', async () => {
    const claims = platform.buildClaims({ userSub: 'stu-ana', nonce: 'n-4' });
    const jwks = createRemoteJWKSet(new URL(platform.jwksUrl));

    const rogue = await platform.createUnpublishedKey();
    expect(platform.jwks().keys.map((k) => k.kid)).not.toContain(rogue.kid);
    const forged = await platform.signIdToken(claims, { privateKey: rogue.privateKey, kid: rogue.kid });
    await expect(jwtVerify(forged, jwks)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);

    const hs = await platform.signIdToken(claims, { alg: 'HS256', privateKey: new TextEncoder().encode('x'.repeat(32)) });
    expect(decodeProtectedHeader(hs).alg).toBe('HS256');

    const none = await platform.signIdToken(claims, { unsecured: true });
    expect(decodeProtectedHeader(none)).toEqual({ alg: 'none' });
    expect(none.endsWith('.')).toBe(true);
    const noneWithKid = await platform.signIdToken(claims, { unsecured: true, kid: platform.currentKid });
    expect(decodeProtectedHeader(noneWithKid)).toEqual({ alg: 'none', kid: platform.currentKid });
    expect(decodeJwt(noneWithKid).sub).toBe('stu-ana');

    const jku = await platform.signIdToken(claims, { header: { jku: 'https://evil.example/jwks' } });
    expect(decodeProtectedHeader(jku)).toMatchObject({ jku: 'https://evil.example/jwks', kid: platform.currentKid });
  });
});

describe('login initiation and /auth', () => {
  it('builds a login initiation URL for the tool', () => {
    const url = new URL(platform.loginInitiationUrl({ userSub: 'stu-ana' }));
    expect(url.origin + url.pathname).toBe(`${base}/lti/login`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      iss: platform.issuer,
      login_hint: 'stu-ana',
      target_link_uri: `${base}/lti/launch`,
      client_id: 'trellis-client',
      lti_deployment_id: 'dep-1',
    });
    expect(url.searchParams.get('lti_message_hint')).toMatch(/\S{20,}/);
  });

  it('rejects an unregistered redirect_uri without redirecting', async () => {
    const params = authParams(platform.loginInitiationUrl({ userSub: 'stu-ana' }), {
      redirect_uri: 'https://evil.example/steal',
    });
    const res = await request(app).get('/lms/auth').query(params).expect(400);
    expect(res.text).toContain('redirect_uri');
    expect(res.text).not.toContain('id_token');
    expect(res.text).not.toContain('evil.example');
  });

  it.each([
    ['scope', 'openid profile'],
    ['response_type', 'code'],
    ['response_mode', 'query'],
    ['prompt', 'login'],
    ['client_id', 'someone-else'],
    ['login_hint', 'nobody'],
    ['nonce', ''],
    ['lti_message_hint', 'tampered.value'],
  ])('rejects a bad %s', async (name, value) => {
    const params = authParams(platform.loginInitiationUrl({ userSub: 'stu-ana' }), { [name]: value });
    await request(app).get('/lms/auth').query(params).expect(400);
  });

  it('rejects a message hint issued for another user', async () => {
    const params = authParams(platform.loginInitiationUrl({ userSub: 'stu-ana' }), { login_hint: 'tch-kim' });
    await request(app).get('/lms/auth').query(params).expect(400);
  });

  it('answers a valid request with an auto-submitting form_post carrying id_token and state', async () => {
    const before = platform.countCalls('auth');
    const params = authParams(platform.loginInitiationUrl({ userSub: 'stu-ana' }));
    const res = await request(app).get('/lms/auth').query(params).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<script>document.forms[0].submit()</script>');
    expect(res.text).toContain('<noscript>');
    const { action, fields } = formFields(res.text);
    expect(action).toBe(`${base}/lti/launch`);
    expect(fields.state).toBe('state-<&"123>');
    expect(platform.countCalls('auth')).toBe(before + 1);

    const jwks = createRemoteJWKSet(new URL(platform.jwksUrl));
    const { payload } = await jwtVerify(fields.id_token!, jwks, { issuer: platform.issuer, audience: 'trellis-client' });
    expect(payload).toMatchObject({
      nonce: 'nonce-abc',
      aud: 'trellis-client',
      azp: 'trellis-client',
      sub: 'stu-ana',
      name: 'Ana Lopez',
      given_name: 'Ana',
      family_name: 'Lopez',
      email: 'ana.lopez@students.example.edu',
      [CLAIM.messageType]: 'LtiResourceLinkRequest',
      [CLAIM.version]: '1.3.0',
      [CLAIM.deploymentId]: 'dep-1',
      [CLAIM.targetLinkUri]: `${base}/lti/launch`,
      [CLAIM.resourceLink]: { id: 'rl-math6-fractions', title: 'Fractions practice' },
      [CLAIM.context]: { id: 'math-6', label: 'MATH6', title: 'Grade 6 Math' },
      [CLAIM.launchPresentation]: { document_target: 'iframe', locale: 'en' },
      [CLAIM.custom]: {},
    });
    expect(payload[CLAIM.roles]).toContain(ROLE.learner);
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(payload[CLAIM.toolPlatform]).toMatchObject({ guid: platform.guid, name: 'Simulated LMS' });
    expect(payload[CLAIM.deepLinkingSettings]).toBeUndefined();
    expect(payload[CLAIM.roleScopeMentor]).toBeUndefined();
  });

  it('accepts POST and builds deep linking requests without a resource link', async () => {
    const login = platform.loginInitiationUrl({ userSub: 'tch-kim', messageType: 'LtiDeepLinkingRequest' });
    expect(new URL(login).searchParams.get('target_link_uri')).toBe(`${base}/lti/deep-link`);
    const res = await request(app).post('/lms/auth').type('form').send(authParams(login)).expect(200);
    const claims = decodeJwt(formFields(res.text).fields.id_token!);
    expect(claims[CLAIM.messageType]).toBe('LtiDeepLinkingRequest');
    expect(claims[CLAIM.resourceLink]).toBeUndefined();
    expect(claims[CLAIM.roles]).toContain(ROLE.instructor);
    expect(claims[CLAIM.deepLinkingSettings]).toMatchObject({
      deep_link_return_url: `${base}/lms/deep-link-return`,
      accept_types: ['ltiResourceLink'],
      accept_presentation_document_targets: ['iframe', 'window'],
      accept_multiple: true,
      auto_create: true,
    });
  });

  it('sends role_scope_mentor for mentors and omits PII the user lacks', () => {
    const mentor = platform.buildClaims({ userSub: 'par-lopez', nonce: 'n' });
    expect(mentor[CLAIM.roles]).toEqual([ROLE.mentor]);
    expect(mentor[CLAIM.roleScopeMentor]).toEqual(['stu-ana']);
    const anon = platform.buildClaims({ userSub: 'stu-anon', nonce: 'n' });
    expect(anon).not.toHaveProperty('name');
    expect(anon).not.toHaveProperty('email');
    expect(platform.buildClaims({ userSub: 'stu-ben', nonce: 'n' })).not.toHaveProperty('email');
    expect(platform.buildClaims({ userSub: 'adm-rivera', nonce: 'n' })[CLAIM.roles]).toEqual([ROLE.institutionAdministrator]);
  });
});

describe('token endpoint (see token.test.ts for signed assertions)', () => {
  it('rejects other grant types, and assertions it cannot verify', async () => {
    const before = platform.countCalls('token');
    const bad = await request(app).post('/lms/token').type('form').send({ grant_type: 'password' }).expect(400);
    expect(bad.body).toEqual({ error: 'unsupported_grant_type' });
    const unsigned = await request(app)
      .post('/lms/token')
      .type('form')
      .send({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: 'header.payload.signature',
        scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      })
      .expect(401);
    expect(unsigned.body.error).toBe('invalid_client');
    expect(platform.accessTokens.size).toBe(0);
    expect(platform.countCalls('token')).toBe(before + 2);
  });
});

describe('demo course page', () => {
  it('renders an accessible course page with launch links targeting the tool frame', async () => {
    const res = await request(app).get('/lms/').expect(200);
    const html = res.text;
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<h1>Grade 6 Math<\/h1>/);
    expect(html).toContain('<iframe name="tool-frame" title="Trellis"');
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<nav aria-label="Course">');
    expect(html).toContain('lti.frameResize');
    for (const label of [
      'Launch as student (Ana Lopez)',
      'Launch as teacher (Grace Kim)',
      'Launch as parent/mentor (Maria Lopez)',
      'Launch as admin (Sam Rivera)',
      'Add content (deep linking) as teacher',
    ]) {
      expect(html).toMatch(new RegExp(`<a href="${base}/lti/login\\?[^"]+" target="tool-frame"[^>]*>${label.replace(/[()/]/g, '\\$&')}</a>`));
    }
  });

  it('GET /launch?as=mentor preloads the login initiation URL into the iframe', async () => {
    const res = await request(app).get('/lms/launch').query({ as: 'mentor' }).expect(200);
    const src = /<iframe name="tool-frame" title="Trellis" src="([^"]+)"/.exec(res.text)?.[1]?.replace(/&#38;/g, '&');
    expect(new URL(src!).searchParams.get('login_hint')).toBe('par-lopez');
    await request(app).get('/lms/launch').query({ as: 'nobody' }).expect(404);
  });

  it('shows what arrives at /deep-link-return, and why it was refused', async () => {
    const jwt = await platform.signIdToken({ hello: 'world' });
    const res = await request(app).post('/lms/deep-link-return').type('form').send({ JWT: jwt }).expect(400);
    expect(res.text).toContain('&#34;hello&#34;: &#34;world&#34;');
    expect(res.text).toContain('no jwksUrl');
    expect(platform.deepLinkReturns.at(-1)).toMatchObject({ jwt, ok: false });
  });

  it('answers malformed bodies with a 4xx instead of the default error page', async () => {
    const res = await request(app)
      .post('/lms/auth')
      .type('form')
      .send('x='.padEnd(200_000, 'a'))
      .expect(413);
    expect(res.body.error).toBe('invalid_request');
  });
});
