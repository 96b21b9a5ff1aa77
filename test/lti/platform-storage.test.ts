// Cookie-free launches through the LMS's platform storage (1EdTech "OIDC login with LTI
// Client Side postMessages"), over real HTTP: the login answers with a page that stores
// state and nonce at the platform, a launch from such a login records the launch but gets
// only an interstitial and a one-time code, and the code (with the state read back from
// platform storage) buys the panel exactly once. Logins without lti_storage_target are
// unchanged. The postMessage half runs in Chromium: test/browser/cookie-free-launch.test.ts.
import crypto from 'node:crypto';
import request from 'supertest';
import type { LaunchOptions } from '../platform';
import { STORAGE_FRAME_NAME } from '../platform';
import { bootDataOf, fullLaunch, login, postLaunch, startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('base64url');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface LoginPageData {
  mode: 'login';
  target: string;
  platformOrigin: string;
  state: string;
  nonce: string;
  redirectUrl: string;
  noStorageUrl: string;
  timeoutMs: number;
}
interface LaunchPageData {
  mode: 'launch';
  target: string;
  platformOrigin: string;
  state: string;
  code: string;
  confirmUrl: string;
  timeoutMs: number;
}

function storageDataOf<T>(html: string): T {
  const m = /<script id="trellis-storage" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error(`no platform-storage data in: ${html.slice(0, 300)}`);
  return JSON.parse(m[1]!) as T;
}

const cookieOf = (res: { headers: Record<string, unknown> }) =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('trellis_login=')) ?? '';

/** Rows of people, courses, sessions, and confirmation codes (for "stores nothing" checks). */
async function counts(): Promise<Record<string, number> & { launch_session: number; launch_confirmation: number }> {
  const launchData = await h.tdb.countLaunchData();
  const [c] = await h.tdb.db.query<{ n: string }>('SELECT count(*)::text AS n FROM launch_confirmation');
  return { ...launchData, launch_session: launchData.launch_session!, launch_confirmation: Number(c!.n) };
}

/** Login initiation with lti_storage_target: Trellis answers with its storage page. */
async function storageLogin(opts: LaunchOptions, headers: Record<string, string> = {}) {
  const params = h.platform.loginInitiationParams({ storage: true, ...opts });
  const res = await request(h.app).get('/lti/login').query(params).set(headers);
  if (res.status !== 200) throw new Error(`storage login returned ${res.status}: ${res.text.slice(0, 300)}`);
  return { res, data: storageDataOf<LoginPageData>(res.text), cookie: cookieOf(res) };
}

/** What the page does after storing: the platform's real /auth, whose form_post we read. */
async function authorize(redirectUrl: string) {
  const auth = await fetch(redirectUrl);
  const html = await auth.text();
  if (auth.status !== 200) throw new Error(`platform /auth returned ${auth.status}: ${html.slice(0, 300)}`);
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  return { id_token: field('id_token')!, state: field('state')!, lti_storage_target: field('lti_storage_target') };
}

/** Storage login → /auth → launch POST without any cookie (a cross-site iframe). */
async function storageLaunch(opts: LaunchOptions = { userSub: 'stu-ana' }) {
  const l = await storageLogin(opts);
  const form = await authorize(l.data.redirectUrl);
  const res = await postLaunch(h, { id_token: form.id_token, state: form.state });
  return { login: l, form, res };
}

function confirm(body: Record<string, string>, headers: Record<string, string> = { 'Sec-Fetch-Site': 'same-origin' }) {
  return request(h.app).post('/lti/launch/confirm').type('form').set(headers).send(body);
}

const codeOf = (html: string) => /<code>([^<]+)<\/code>/.exec(html)?.[1];

describe('login initiation with lti_storage_target', () => {
  it('answers with the storage page, not a redirect, carrying state and nonce for the page', async () => {
    const { res, data, cookie } = await storageLogin({ userSub: 'stu-ana' });
    expect(res.status).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toMatch(/<html lang="en">/);

    expect(data).toMatchObject({
      mode: 'login',
      target: '_parent',
      platformOrigin: h.platformBase,
      noStorageUrl: `${h.toolUrl}/lti/login/no-storage`,
    });
    expect(data.state).toMatch(TOKEN);
    expect(data.nonce).toMatch(TOKEN);
    expect(data.timeoutMs).toBeGreaterThan(0);

    // The same authorization request the 302 would make, with lti_storage_target passed through.
    const auth = new URL(data.redirectUrl);
    expect(`${auth.origin}${auth.pathname}`).toBe(h.platform.authUrl);
    const plain = await login(h, { userSub: 'stu-ana' });
    expect([...auth.searchParams.keys()].sort()).toEqual([...plain.authorizeUrl.searchParams.keys(), 'lti_storage_target'].sort());
    expect(auth.searchParams.get('state')).toBe(data.state);
    expect(auth.searchParams.get('nonce')).toBe(data.nonce);
    expect(auth.searchParams.get('lti_storage_target')).toBe('_parent');
    expect(auth.searchParams.get('redirect_uri')).toBe(`${h.toolUrl}/lti/launch`);

    // The cookie is still set: it is the fallback when storage fails.
    expect(cookie).toMatch(/^trellis_login=.{32,}/);
    const [row] = await h.tdb.db.query<{ storage_target: string; nonce: string }>(
      'SELECT storage_target, nonce FROM lti_login_state WHERE state = $1',
      [data.state],
    );
    expect(row).toEqual({ storage_target: '_parent', nonce: data.nonce });
  });

  it('runs only our own script: no inline JavaScript, data in a JSON block, CSP script-src self', async () => {
    const { res } = await storageLogin({ userSub: 'stu-ana' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const scripts = res.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toEqual(['<script id="trellis-storage" type="application/json">', '<script src="/lti/storage.js">']);
    // The JSON cannot close its element.
    expect(/<script id="trellis-storage"[^>]*>([\s\S]*?)<\/script>/.exec(res.text)![1]).not.toMatch(/</);
  });

  it('serves the storage script from its own route', async () => {
    const res = await request(h.app).get('/lti/storage.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/javascript/);
    for (const s of ['lti.put_data', 'lti.get_data', "'state_'", "'nonce_'", 'message_id', 'cfg.platformOrigin', 'host.frames[cfg.target]']) {
      expect(res.text).toContain(s);
    }
  });

  it('names the platform’s storage frame when the LMS uses one', async () => {
    const { data } = await storageLogin({ userSub: 'stu-ana', storage: 'frame' });
    expect(data.target).toBe(STORAGE_FRAME_NAME);
    expect(new URL(data.redirectUrl).searchParams.get('lti_storage_target')).toBe(STORAGE_FRAME_NAME);
  });

  it('speaks the browser’s language', async () => {
    const { res } = await storageLogin({ userSub: 'stu-ana' }, { 'Accept-Language': 'es-MX,es;q=0.9' });
    expect(res.text).toMatch(/<html lang="es">/);
    expect(res.text).toContain('Abriendo Trellis…');
  });

  it('keeps the 302 + cookie when lti_storage_target is absent or unusable', async () => {
    for (const target of [undefined, 'has space', 'x'.repeat(300)]) {
      const params: Record<string, string> = h.platform.loginInitiationParams({ userSub: 'stu-ana' });
      if (target !== undefined) params.lti_storage_target = target;
      const res = await request(h.app).get('/lti/login').query(params);
      expect(res.status).toBe(302);
      expect(new URL(res.headers.location!).searchParams.has('lti_storage_target')).toBe(false);
      expect(cookieOf(res)).toMatch(/^trellis_login=/);
    }
  });

  it('rejects a bad storage login like any other, storing nothing', async () => {
    const before = await h.tdb.db.query<{ n: string }>('SELECT count(*)::text AS n FROM lti_login_state');
    const params = { ...h.platform.loginInitiationParams({ userSub: 'stu-ana', storage: true }), iss: 'https://evil.example' };
    const res = await request(h.app).get('/lti/login').query(params);
    expect(res.status).toBe(400);
    expect(codeOf(res.text)).toBe('platform_unknown');
    expect(res.text).not.toContain('trellis-storage');
    expect(await h.tdb.db.query('SELECT count(*)::text AS n FROM lti_login_state')).toEqual(before);
  });
});

describe('when the platform storage does not answer (POST /lti/login/no-storage)', () => {
  const noStorage = (state: string, headers: Record<string, string> = { 'Sec-Fetch-Site': 'same-origin' }) =>
    request(h.app).post('/lti/login/no-storage').type('form').set(headers).send({ state });
  const storageTargetOf = async (state: string) =>
    (await h.tdb.db.query<{ storage_target: string | null }>('SELECT storage_target FROM lti_login_state WHERE state = $1', [state]))[0]
      ?.storage_target;

  it('turns the login into a cookie login: the launch opens the panel directly, as without storage', async () => {
    const l = await storageLogin({ userSub: 'stu-ana' });
    const res = await noStorage(l.data.state);
    expect(res.status).toBe(204);
    expect(await storageTargetOf(l.data.state)).toBeNull();
    const form = await authorize(l.data.redirectUrl);
    const before = await counts();
    const launched = await postLaunch(h, { id_token: form.id_token, state: form.state });
    expect(launched.status).toBe(200);
    expect(bootDataOf(launched.text).session.panel).toBe('student');
    expect((await counts()).launch_confirmation).toBe(before.launch_confirmation);
  });

  it('is refused from another site, and says nothing about unknown states', async () => {
    const l = await storageLogin({ userSub: 'stu-ana' });
    for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example' }, {}] as Record<string, string>[]) {
      const refused = await noStorage(l.data.state, headers);
      expect({ status: refused.status, code: codeOf(refused.text) }).toEqual({ status: 403, code: 'no_storage_cross_site' });
    }
    expect(await storageTargetOf(l.data.state)).toBe('_parent');
    expect((await noStorage('no-such-state')).status).toBe(204);
    expect((await noStorage('')).status).toBe(204);
    expect(await storageTargetOf(l.data.state)).toBe('_parent');
  });
});

describe('launch after a platform-storage login', () => {
  it('records the launch but answers with the interstitial, without the launch token', async () => {
    const before = await counts();
    const { login: l, form, res } = await storageLaunch();
    expect(form.lti_storage_target).toBe('_parent');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.text).not.toContain('trellis-boot');
    expect(res.text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/); // no JWT of any kind
    expect(res.text).toContain('<script src="/lti/storage.js">');

    const data = storageDataOf<LaunchPageData>(res.text);
    expect(data).toEqual({
      mode: 'launch',
      target: '_parent',
      platformOrigin: h.platformBase,
      state: l.data.state,
      code: expect.stringMatching(TOKEN),
      confirmUrl: `${h.toolUrl}/lti/launch/confirm`,
      timeoutMs: expect.any(Number),
    });

    const after = await counts();
    expect(after.launch_session).toBe(before.launch_session + 1);
    expect(after.launch_confirmation).toBe(before.launch_confirmation + 1);
    // Stored hashed, short-lived, bound to the launch session and its state.
    const [row] = await h.tdb.db.query<{ code_hash: string; state_hash: string; ttl: number }>(
      `SELECT code_hash, state_hash, extract(epoch FROM expires_at - now())::int AS ttl FROM launch_confirmation WHERE code_hash = $1`,
      [sha256(data.code)],
    );
    expect(row).toMatchObject({ code_hash: sha256(data.code), state_hash: sha256(l.data.state) });
    expect(row!.ttl).toBeGreaterThan(60);
    expect(row!.ttl).toBeLessThanOrEqual(120);
    const [raw] = await h.tdb.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM launch_confirmation WHERE code_hash = $1 OR state_hash = $2`,
      [data.code, l.data.state],
    );
    expect(raw!.n).toBe('0');
  });

  it('the right code with the state from platform storage gets the panel with its boot data', async () => {
    const { res } = await storageLaunch({ userSub: 'stu-ana' });
    const data = storageDataOf<LaunchPageData>(res.text);
    const confirmed = await confirm({ code: data.code, state: data.state });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers['cache-control']).toBe('no-store');
    const boot = bootDataOf(confirmed.text);
    expect(boot.session.panel).toBe('student');
    expect(boot.session.user?.displayName).toBe('Ana Lopez');
    expect(boot.session.course?.title).toBe('Grade 6 Math');
    expect(boot.session.platform.name).toBe('Test LMS');

    // The same session view a cookie launch gets, and a working launch token.
    const plain = bootDataOf((await fullLaunch(h, { userSub: 'stu-ana' })).text);
    const { expiresAt: _a, ...view } = boot.session;
    const { expiresAt: _b, ...plainView } = plain.session;
    expect(view).toEqual(plainView);
    const api = await request(h.app).get('/api/session').set('Authorization', `Bearer ${boot.token}`);
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ panel: 'student', courseId: boot.session.course!.id });
  });

  it('works for every role, including deep linking', async () => {
    for (const [userSub, messageType, panel] of [
      ['tch-kim', undefined, 'teacher'],
      ['par-lopez', undefined, 'mentor'],
      ['tch-kim', 'LtiDeepLinkingRequest', 'deep-linking'],
    ] as const) {
      const { res } = await storageLaunch({ userSub, messageType });
      const data = storageDataOf<LaunchPageData>(res.text);
      const confirmed = await confirm({ code: data.code, state: data.state });
      expect(bootDataOf(confirmed.text).session.panel).toBe(panel);
    }
  });

  it('a replayed confirmation code gets the 400 page and nothing else', async () => {
    const { res } = await storageLaunch();
    const data = storageDataOf<LaunchPageData>(res.text);
    expect((await confirm({ code: data.code, state: data.state })).status).toBe(200);
    const before = await counts();
    const replay = await confirm({ code: data.code, state: data.state });
    expect({ status: replay.status, code: codeOf(replay.text) }).toEqual({ status: 400, code: 'confirmation_invalid' });
    expect(replay.text).not.toContain('trellis-boot');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an unknown code', () => crypto.randomBytes(32).toString('base64url')],
    ['no code', () => ''],
    ['an oversized code', () => 'a'.repeat(5000)],
  ])('%s gets the 400 page', async (_name, code) => {
    const before = await counts();
    const res = await confirm({ code: code(), state: 'whatever' });
    expect({ status: res.status, code: codeOf(res.text) }).toEqual({ status: 400, code: 'confirmation_invalid' });
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).not.toContain('trellis-boot');
    expect(await counts()).toEqual(before);
  });

  it('a state platform storage did not return is state_mismatch, and burns the code', async () => {
    for (const state of ['', 'the-state-of-another-login']) {
      const { res } = await storageLaunch();
      const data = storageDataOf<LaunchPageData>(res.text);
      const before = await counts();
      const mismatch = await confirm({ code: data.code, state });
      expect({ status: mismatch.status, code: codeOf(mismatch.text) }).toEqual({ status: 400, code: 'state_mismatch' });
      expect(mismatch.text).toContain('This launch was started in a different browser session.');
      expect(mismatch.text).not.toContain('trellis-boot');
      expect(await counts()).toEqual({ ...before, launch_confirmation: before.launch_confirmation - 1 });
      // Single use whatever the outcome: the right state afterwards is too late.
      const retry = await confirm({ code: data.code, state: data.state });
      expect({ status: retry.status, code: codeOf(retry.text) }).toEqual({ status: 400, code: 'confirmation_invalid' });
    }
  });

  it('shows the mismatch page in the launch’s language', async () => {
    const l = await storageLogin({ userSub: 'stu-ana' });
    const claims = h.platform.buildClaims({ userSub: 'stu-ana', nonce: l.data.nonce });
    claims['https://purl.imsglobal.org/spec/lti/claim/launch_presentation'] = { document_target: 'iframe', locale: 'es-MX' };
    const res = await postLaunch(h, { id_token: await h.platform.signIdToken(claims), state: l.data.state });
    expect(res.text).toMatch(/<html lang="es">/);
    expect(res.text).toContain('Comprobando este inicio de sesión con su LMS…');
    const data = storageDataOf<LaunchPageData>(res.text);
    const mismatch = await confirm({ code: data.code, state: 'nope' });
    expect(codeOf(mismatch.text)).toBe('state_mismatch');
    expect(mismatch.text).toMatch(/<html lang="es">/);
    expect(mismatch.text).toContain('Este inicio comenzó en otra sesión del navegador.');
  });

  it('an expired code gets the 400 page', async () => {
    const { res } = await storageLaunch();
    const data = storageDataOf<LaunchPageData>(res.text);
    await h.tdb.db.query(`UPDATE launch_confirmation SET expires_at = now() - interval '1 second' WHERE code_hash = $1`, [sha256(data.code)]);
    const late = await confirm({ code: data.code, state: data.state });
    expect({ status: late.status, code: codeOf(late.text) }).toEqual({ status: 400, code: 'confirmation_invalid' });
  });

  it('only Trellis’s own page may confirm (no cross-site form can hand over a launch)', async () => {
    const { res } = await storageLaunch();
    const data = storageDataOf<LaunchPageData>(res.text);
    const body = { code: data.code, state: data.state };
    const refusedHeaders: Record<string, string>[] = [
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'none' },
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      {},
    ];
    for (const headers of refusedHeaders) {
      const refused = await confirm(body, headers);
      expect({ status: refused.status, code: codeOf(refused.text) }).toEqual({ status: 403, code: 'confirmation_cross_site' });
    }
    // The refusals did not burn the code; a browser without Sec-Fetch-* sends our Origin.
    const ok = await confirm(body, { Origin: h.toolUrl });
    expect(ok.status).toBe(200);
    expect(bootDataOf(ok.text).session.panel).toBe('student');
  });

  it('answers GET /lti/launch/confirm with 405', async () => {
    const res = await request(h.app).get('/lti/launch/confirm');
    expect({ status: res.status, code: codeOf(res.text) }).toEqual({ status: 405, code: 'launch_method_not_allowed' });
  });

  it('a browser that kept the login cookie needs no confirmation (storage was only the fallback)', async () => {
    const l = await storageLogin({ userSub: 'stu-ana' });
    const form = await authorize(l.data.redirectUrl);
    const before = await counts();
    const res = await postLaunch(h, { id_token: form.id_token, state: form.state, cookie: l.cookie });
    expect(res.status).toBe(200);
    expect(bootDataOf(res.text).session.panel).toBe('student');
    expect((await counts()).launch_confirmation).toBe(before.launch_confirmation);
  });

  it('a wrong login cookie is still state_mismatch', async () => {
    const l = await storageLogin({ userSub: 'stu-ana' });
    const form = await authorize(l.data.redirectUrl);
    const before = await counts();
    const res = await postLaunch(h, { id_token: form.id_token, state: form.state, cookie: `trellis_login=${crypto.randomBytes(32).toString('base64url')}` });
    expect({ status: res.status, code: codeOf(res.text) }).toEqual({ status: 400, code: 'state_mismatch' });
    expect(await counts()).toEqual(before);
  });

  it('keeps every launch check: a bad launch after a storage login stores nothing and gets no interstitial', async () => {
    const cases: [string, (claims: Record<string, unknown>) => void, number, string][] = [
      ['wrong nonce', (c) => (c.nonce = 'not-the-login-nonce'), 401, 'nonce_mismatch'],
      ['wrong audience', (c) => (c.aud = 'someone-else'), 401, 'aud_mismatch'],
      ['expired', (c) => (c.exp = Math.floor(Date.now() / 1000) - 3600), 401, 'token_expired'],
    ];
    for (const [, mutate, status, code] of cases) {
      const l = await storageLogin({ userSub: 'stu-ana' });
      const claims = h.platform.buildClaims({ userSub: 'stu-ana', nonce: l.data.nonce });
      mutate(claims);
      const before = await counts();
      const res = await postLaunch(h, { id_token: await h.platform.signIdToken(claims), state: l.data.state });
      expect({ status: res.status, code: codeOf(res.text) }).toEqual({ status, code });
      expect(res.text).not.toContain('trellis-storage');
      expect(await counts()).toEqual(before);
    }
    // A forged signature, and a replayed state.
    const l = await storageLogin({ userSub: 'stu-ana' });
    const forged = await h.platform.signIdToken(h.platform.buildClaims({ userSub: 'stu-ana', nonce: l.data.nonce }), {
      privateKey: (await h.platform.createUnpublishedKey()).privateKey,
      kid: h.platform.currentKid,
    });
    const before = await counts();
    expect(codeOf((await postLaunch(h, { id_token: forged, state: l.data.state })).text)).toBe('bad_signature');
    expect(codeOf((await postLaunch(h, { id_token: forged, state: l.data.state })).text)).toBe('state_invalid');
    expect(await counts()).toEqual(before);
  });
});

describe('launches without platform storage are unchanged', () => {
  it('login redirects, launch returns the panel at once, nothing to confirm', async () => {
    const before = await counts();
    const l = await login(h, { userSub: 'stu-ana' });
    expect(l.authorizeUrl.searchParams.has('lti_storage_target')).toBe(false);
    const res = await fullLaunch(h, { userSub: 'stu-ana' });
    expect(res.status).toBe(200);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(bootDataOf(res.text).session.panel).toBe('student');
    expect(res.text).not.toContain('trellis-storage');
    expect((await counts()).launch_confirmation).toBe(before.launch_confirmation);
  });

  it('a cookie-less launch of a cookie login still opens the panel directly', async () => {
    const l = await login(h, { userSub: 'stu-ana' });
    const token = await h.platform.signIdToken(h.platform.buildClaims({ userSub: 'stu-ana', nonce: l.nonce }));
    const res = await postLaunch(h, { id_token: token, state: l.state });
    expect(res.status).toBe(200);
    expect(bootDataOf(res.text).session.panel).toBe('student');
  });
});

describe('simulated LMS with platform storage', () => {
  it('adds lti_storage_target to login initiation only when asked', () => {
    expect(h.platform.loginInitiationParams({ userSub: 'stu-ana' }).lti_storage_target).toBeUndefined();
    expect(h.platform.loginInitiationParams({ userSub: 'stu-ana', storage: true }).lti_storage_target).toBe('_parent');
    expect(h.platform.loginInitiationParams({ userSub: 'stu-ana', storage: 'frame' }).lti_storage_target).toBe(STORAGE_FRAME_NAME);
    expect(new URL(h.platform.loginInitiationUrl({ userSub: 'stu-ana', storage: true })).searchParams.get('lti_storage_target')).toBe('_parent');
  });

  it('course page: answers storage messages from the tool origin only, and its launch links carry lti_storage_target', async () => {
    const off = await (await fetch(`${h.platform.issuer}/launch?as=student`)).text();
    expect(off).not.toContain('lti.put_data');
    expect(off).not.toContain('lti_storage_target');

    const page = await (await fetch(`${h.platform.issuer}/launch?as=student&storage=1`)).text();
    expect(page).toContain('lti.capabilities');
    expect(page).toContain('lti.put_data');
    expect(page).toContain('lti.get_data');
    expect(page).toContain(`toolOrigin=${JSON.stringify(h.toolUrl)}`);
    expect(page).toContain('lti_storage_target=_parent');
    expect(page).not.toContain(STORAGE_FRAME_NAME);

    const framed = await (await fetch(`${h.platform.issuer}/launch?as=student&storage=frame`)).text();
    expect(framed).toContain(`<iframe name="${STORAGE_FRAME_NAME}" title="Platform storage" src="/lms/storage-frame" hidden onload=`);
    // The preloaded launch waits until the storage frame listens.
    expect(framed).toMatch(/<iframe name="tool-frame" title="Trellis" data-src="[^"]*lti_storage_target=lti_storage_frame/);
    expect(framed).toContain(`lti_storage_target=${STORAGE_FRAME_NAME}`);
    const frameDoc = await (await fetch(`${h.platform.issuer}/storage-frame`)).text();
    expect(frameDoc).toContain('lti.put_data');
    expect(frameDoc).toContain(`toolOrigin=${JSON.stringify(h.toolUrl)}`);
  });

  it('echoes lti_storage_target in the form_post', async () => {
    const { data } = await storageLogin({ userSub: 'stu-ana' });
    expect((await authorize(data.redirectUrl)).lti_storage_target).toBe('_parent');
    const plain = await login(h, { userSub: 'stu-ana' });
    expect((await authorize(plain.authorizeUrl.toString())).lti_storage_target).toBeUndefined();
  });
});
