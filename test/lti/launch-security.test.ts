// Every LTI 1.3 Core / 1EdTech Security Framework check, proven through real HTTP: each bad
// launch gets a clear HTML error page with a stable code, no stack trace, and stores
// nothing. Each test asserts the specific code, so removing a check makes it fail.
import crypto from 'node:crypto';
import request from 'supertest';
import { bootDataOf, CLIENT_ID, launch, login, postLaunch, startHarness, type Harness, type LaunchOverrides } from '../support/harness';

const C = 'https://purl.imsglobal.org/spec/lti/claim/';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // A second registered platform, to show a token cannot claim another platform's issuer.
  await h.trellis.registry.register({
    issuer: 'https://other-lms.example',
    clientId: 'other-client',
    name: 'Other LMS',
    authLoginUrl: 'https://other-lms.example/auth',
    authTokenUrl: 'https://other-lms.example/token',
    jwksUrl: h.platform.jwksUrl,
    deploymentIds: ['other-deployment'],
  });
});
afterAll(() => h.close());

type Res = { status: number; text: string; headers: Record<string, string> };

/** Asserts a rejected launch: status, code on an HTML page, no internals, nothing stored. */
async function expectRejected(send: () => Promise<Res>, status: number, code: string) {
  const before = await h.tdb.countLaunchData();
  const res = await send();
  expect({ status: res.status, code: /<code>([^<]+)<\/code>/.exec(res.text)?.[1] }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/text\/html/);
  expect(res.text).toMatch(/<html lang="(en|es)">/);
  expect(res.text).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|Error:/);
  expect(res.text).not.toContain('trellis-boot');
  expect(await h.tdb.countLaunchData()).toEqual(before);
  return res;
}

const bad = (opts: Partial<LaunchOverrides>, status: number, code: string) =>
  expectRejected(() => launch(h, { userSub: 'stu-ana', ...opts }), status, code);

describe('OIDC login initiation', () => {
  const params = () => h.platform.loginInitiationParams({ userSub: 'stu-ana' });
  const loginWith = (p: Record<string, string>) => request(h.app).get('/lti/login').query(p);

  it('rejects an unknown issuer', () => expectRejected(() => loginWith({ ...params(), iss: 'https://evil.example' }), 400, 'platform_unknown'));
  it('rejects an unknown client id', () => expectRejected(() => loginWith({ ...params(), client_id: 'someone-else' }), 400, 'platform_unknown'));
  it('rejects a login without login_hint', () => {
    const { login_hint: _omit, ...rest } = params();
    return expectRejected(() => loginWith(rest), 400, 'login_missing_params');
  });
  it('rejects a target_link_uri that is not Trellis', () =>
    expectRejected(() => loginWith({ ...params(), target_link_uri: 'https://evil.example/steal' }), 400, 'target_link_uri_foreign'));
  it('rejects an unknown lti_deployment_id', () =>
    expectRejected(() => loginWith({ ...params(), lti_deployment_id: 'not-registered' }), 403, 'deployment_unknown'));
  it('rejects a login for a disabled platform', async () => {
    const [platform] = await h.trellis.registry.findByIssuer(h.platform.issuer, CLIENT_ID);
    await h.trellis.registry.setStatus(platform!.id, 'disabled');
    try {
      await expectRejected(() => loginWith(params()), 403, 'platform_disabled');
    } finally {
      await h.trellis.registry.setStatus(platform!.id, 'active');
    }
  });
});

describe('transport and token shape', () => {
  it('rejects an id_token sent by GET', async () => {
    const l = await login(h, { userSub: 'stu-ana' });
    const token = await h.platform.signIdToken(h.platform.buildClaims({ userSub: 'stu-ana', nonce: l.nonce }));
    await expectRejected(() => request(h.app).get('/lti/launch').query({ id_token: token, state: l.state }), 405, 'launch_method_not_allowed');
  });
  it('rejects a launch without an id_token', () => expectRejected(() => postLaunch(h, { state: 'x' }), 400, 'id_token_missing'));
  it('rejects a malformed JWT', () => expectRejected(() => postLaunch(h, { id_token: 'not-a-jwt', state: 'x' }), 400, 'malformed_token'));
  it('rejects three segments of garbage', () => expectRejected(() => postLaunch(h, { id_token: 'e30.%%%.abc', state: 'x' }), 400, 'malformed_token'));
  it('rejects an oversized body', async () => {
    const l = await login(h, { userSub: 'stu-ana' });
    const huge = 'a'.repeat(200 * 1024);
    await expectRejected(() => postLaunch(h, { id_token: huge, state: l.state, cookie: l.cookie }), 413, 'body_too_large');
  });
});

describe('signature and algorithm', () => {
  it('rejects a token whose payload was changed after signing', async () => {
    const l = await login(h, { userSub: 'stu-ana' });
    const token = await h.platform.signIdToken(h.platform.buildClaims({ userSub: 'stu-ana', nonce: l.nonce }));
    const [head, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.sub = 'tch-kim';
    const tampered = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    await expectRejected(() => postLaunch(h, { id_token: tampered, state: l.state, cookie: l.cookie }), 401, 'bad_signature');
  });

  it('rejects an unknown kid after refetching the JWKS exactly once', async () => {
    await launch(h, { userSub: 'stu-ana' }); // warm the JWKS cache
    const rogue = await h.platform.createUnpublishedKey();
    h.platform.resetCalls();
    await bad({ sign: { privateKey: rogue.privateKey, kid: rogue.kid } }, 401, 'unknown_kid');
    expect(h.platform.countCalls('jwks')).toBe(1);
  });

  it('accepts a rotated platform key by refetching the JWKS', async () => {
    await launch(h, { userSub: 'stu-ana' });
    await h.platform.rotateKey();
    await new Promise((r) => setTimeout(r, 1100)); // unknown-kid refetches are spaced 1 s apart
    const res = await launch(h, { userSub: 'stu-ana' });
    expect(res.status).toBe(200);
  });

  it('rejects a token signed with an unpublished key under a published kid', async () => {
    const rogue = await h.platform.createUnpublishedKey();
    await bad({ sign: { privateKey: rogue.privateKey, kid: h.platform.currentKid } }, 401, 'bad_signature');
  });

  it('rejects alg none', () => bad({ sign: { unsecured: true, kid: h.platform.currentKid } }, 401, 'unsupported_alg'));

  it('rejects HS256 signed with the platform public key (algorithm confusion)', async () => {
    const pem = await h.platform.currentPublicKeyPem();
    await bad({ sign: { alg: 'HS256', privateKey: new TextEncoder().encode(pem), kid: h.platform.currentKid } }, 401, 'unsupported_alg');
  });

  it('ignores an embedded jwk header: the attacker key is not trusted', async () => {
    const rogue = await h.platform.createUnpublishedKey();
    await bad({ sign: { privateKey: rogue.privateKey, kid: rogue.kid, header: { jwk: rogue.publicJwk } } }, 401, 'unknown_kid');
  });

  it('ignores a jku header: keys come only from the registered JWKS', async () => {
    const rogue = await h.platform.createUnpublishedKey();
    await bad({ sign: { privateKey: rogue.privateKey, kid: rogue.kid, header: { jku: 'http://127.0.0.1:9/attacker-jwks.json' } } }, 401, 'unknown_kid');
  });

  it('ignores an x5u header', async () => {
    const rogue = await h.platform.createUnpublishedKey();
    await bad({ sign: { privateKey: rogue.privateKey, kid: h.platform.currentKid, header: { x5u: 'http://127.0.0.1:9/cert.pem' } } }, 401, 'bad_signature');
  });
});

describe('issuer and audience', () => {
  it('rejects an issuer that is not the one the login was for', () => bad({ mutate: (c) => (c.iss = 'https://evil.example') }, 401, 'iss_mismatch'));
  it("rejects another registered platform's issuer", () => bad({ mutate: (c) => (c.iss = 'https://other-lms.example') }, 401, 'iss_mismatch'));
  it('rejects a wrong aud', () => bad({ mutate: (c) => (c.aud = 'someone-else') }, 401, 'aud_mismatch'));
  it('rejects several audiences without azp', () =>
    bad({ mutate: (c) => ((c.aud = [CLIENT_ID, 'another-tool']), delete c.azp) }, 401, 'azp_missing'));
  it('rejects several audiences with a different azp', () =>
    bad({ mutate: (c) => ((c.aud = [CLIENT_ID, 'another-tool']), (c.azp = 'another-tool')) }, 401, 'azp_mismatch'));
  it('rejects a single audience with a different azp', () => bad({ mutate: (c) => (c.azp = 'another-tool') }, 401, 'azp_mismatch'));
});

describe('time', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it('rejects an expired token', () => bad({ mutate: (c) => ((c.iat = now() - 600), (c.exp = now() - 300)) }, 401, 'token_expired'));
  it('rejects iat in the future beyond the clock skew', () => bad({ mutate: (c) => ((c.iat = now() + 600), (c.exp = now() + 900)) }, 401, 'iat_in_future'));
  it('rejects a token without exp', () => bad({ mutate: (c) => delete c.exp }, 400, 'invalid_claim'));
});

describe('state and nonce', () => {
  it('rejects a missing state', () => bad({ state: null }, 400, 'state_missing'));
  it('rejects an unknown state', () => bad({ state: crypto.randomBytes(32).toString('base64url') }, 400, 'state_invalid'));
  it('rejects a state started in another browser', () => bad({ cookie: `trellis_login=${crypto.randomBytes(32).toString('base64url')}` }, 400, 'state_mismatch'));

  it('rejects a replayed launch (state already used)', async () => {
    const l = await login(h, { userSub: 'stu-ana' });
    const token = await h.platform.signIdToken(h.platform.buildClaims({ userSub: 'stu-ana', nonce: l.nonce }));
    expect((await postLaunch(h, { id_token: token, state: l.state, cookie: l.cookie })).status).toBe(200);
    await expectRejected(() => postLaunch(h, { id_token: token, state: l.state, cookie: l.cookie }), 400, 'state_invalid');
  });

  it('rejects a reused nonce even with a fresh state', async () => {
    const first = await login(h, { userSub: 'stu-ana' });
    const token = await h.platform.signIdToken(h.platform.buildClaims({ userSub: 'stu-ana', nonce: first.nonce }));
    expect((await postLaunch(h, { id_token: token, state: first.state, cookie: first.cookie })).status).toBe(200);
    await bad({ mutate: (c) => (c.nonce = first.nonce) }, 401, 'nonce_reused');
  });

  it('rejects a nonce that does not answer this login', () => bad({ mutate: (c) => (c.nonce = crypto.randomBytes(32).toString('base64url')) }, 401, 'nonce_mismatch'));
});

describe('LTI claims', () => {
  it('rejects an unknown deployment_id', () => bad({ mutate: (c) => (c[`${C}deployment_id`] = 'unregistered') }, 403, 'deployment_unknown'));
  it("rejects another platform's deployment_id", () => bad({ mutate: (c) => (c[`${C}deployment_id`] = 'other-deployment') }, 403, 'deployment_unknown'));
  it('rejects a missing deployment_id', () => bad({ mutate: (c) => delete c[`${C}deployment_id`] }, 400, 'invalid_claim'));
  it('rejects a deployment_id over 255 characters', () => bad({ mutate: (c) => (c[`${C}deployment_id`] = 'd'.repeat(256)) }, 400, 'invalid_claim'));
  it('rejects a missing message_type', () => bad({ mutate: (c) => delete c[`${C}message_type`] }, 400, 'message_type_invalid'));
  it('rejects an unknown message_type', () => bad({ mutate: (c) => (c[`${C}message_type`] = 'LtiSubmissionReviewRequestX') }, 400, 'message_type_invalid'));
  it('rejects a wrong version', () => bad({ mutate: (c) => (c[`${C}version`] = '1.1') }, 400, 'version_invalid'));
  it('rejects a resource-link launch without sub', () => bad({ mutate: (c) => delete c.sub }, 400, 'invalid_claim'));
  it('rejects a sub over 255 characters', () => bad({ mutate: (c) => (c.sub = 's'.repeat(256)) }, 400, 'invalid_claim'));
  it('rejects missing roles', () => bad({ mutate: (c) => delete c[`${C}roles`] }, 400, 'invalid_claim'));
  it('rejects roles that are not an array', () =>
    bad({ mutate: (c) => (c[`${C}roles`] = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner') }, 400, 'invalid_claim'));
  it('rejects a missing resource_link.id', () => bad({ mutate: (c) => (c[`${C}resource_link`] = { title: 'x' }) }, 400, 'invalid_claim'));
  it('rejects a missing target_link_uri', () => bad({ mutate: (c) => delete c[`${C}target_link_uri`] }, 400, 'invalid_claim'));
  it('rejects a target_link_uri that is not Trellis', () =>
    bad({ mutate: (c) => (c[`${C}target_link_uri`] = 'https://evil.example/lti/launch') }, 400, 'target_link_uri_foreign'));
  it("rejects a target_link_uri different from the login's", () =>
    bad({ mutate: (c) => (c[`${C}target_link_uri`] = `${h.toolUrl}/lti/launch?other=1`) }, 400, 'target_link_uri_mismatch'));
  it('rejects a deep-linking launch without deep_linking_settings', () =>
    bad(
      { messageType: 'LtiDeepLinkingRequest', userSub: 'tch-kim', mutate: (c) => delete c['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] },
      400,
      'invalid_claim',
    ));
  it('names the offending claim on the page', async () => {
    const res = await bad({ mutate: (c) => delete c[`${C}roles`] }, 400, 'invalid_claim');
    expect(res.text).toContain('roles');
  });
});

describe('valid variants are accepted', () => {
  const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
  const ok = async (opts: Partial<LaunchOverrides>) => {
    const res = await launch(h, { userSub: 'stu-ana', ...opts });
    expect(res.status).toBe(200);
    return bootDataOf(res.text).session;
  };

  it('a launch with no personal information', async () => {
    const session = await ok({ userSub: 'stu-anon' });
    expect(session.user).toEqual({ displayName: null, email: null });
    const [row] = await h.tdb.db.query(`SELECT name, given_name, family_name, email FROM app_user WHERE sub = 'stu-anon'`);
    expect(row).toEqual({ name: null, given_name: null, family_name: null, email: null });
  });
  it('email only', async () => {
    const session = await ok({ mutate: (c) => (delete c.name, delete c.given_name, delete c.family_name) });
    expect(session.user).toEqual({ displayName: null, email: 'ana.lopez@students.example.edu' });
  });
  it('names only', async () => {
    const session = await ok({ mutate: (c) => delete c.email });
    expect(session.user).toEqual({ displayName: 'Ana Lopez', email: null });
  });
  it('empty roles (no Trellis view, but a clear page)', async () => {
    expect((await ok({ mutate: (c) => (c[`${C}roles`] = []) })).panel).toBe('no-role');
  });
  it('unknown roles only', async () => {
    expect((await ok({ mutate: (c) => (c[`${C}roles`] = ['http://example.edu/roles#Custodian']) })).panel).toBe('no-role');
  });
  it('several roles: the teaching role wins', async () => {
    const session = await ok({ mutate: (c) => (c[`${C}roles`] = [`${MEMBERSHIP}Learner`, `${MEMBERSHIP}Instructor`, 'urn:unknown']) });
    expect(session.panel).toBe('teacher');
    expect(session.roles).toEqual(['instructor', 'learner']);
  });
  it('deprecated short role names', async () => {
    expect((await ok({ mutate: (c) => (c[`${C}roles`] = ['Learner']) })).panel).toBe('student');
  });
  it('a deep-linking launch', async () => {
    expect((await ok({ userSub: 'tch-kim', messageType: 'LtiDeepLinkingRequest' })).panel).toBe('deep-linking');
  });
  it('a launch outside any course', async () => {
    expect((await ok({ courseId: null })).course).toBeNull();
  });
  it('several audiences with a matching azp', async () => {
    await ok({ mutate: (c) => ((c.aud = [CLIENT_ID, 'another-tool']), (c.azp = CLIENT_ID)) });
  });
  it('a jku header on a properly signed token is ignored, not fetched', async () => {
    await ok({ sign: { header: { jku: 'http://127.0.0.1:9/attacker-jwks.json' } } });
  });
  it('a Spanish launch renders in Spanish', async () => {
    const res = await launch(h, {
      userSub: 'stu-ana',
      mutate: (c) => (c[`${C}launch_presentation`] = { locale: 'es-MX', document_target: 'iframe' }),
    });
    expect(res.text).toContain('<html lang="es">');
  });
  it('a Spanish error page for a Spanish browser', async () => {
    const res = await request(h.app).get('/lti/login').set('Accept-Language', 'es-419,es;q=0.9').query({ iss: 'https://evil.example', login_hint: 'x', target_link_uri: `${h.toolUrl}/lti/launch` });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<html lang="es">');
    expect(res.text).toContain('no está registrado');
  });
});
