// The happy path end to end: login → platform /auth → form_post → panel, per role, and
// the launch token's binding to its course for API calls.
import request from 'supertest';
import { SignJWT } from 'jose';
import { bootDataOf, fullLaunch, login, startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('full launch through the platform', () => {
  it.each([
    ['stu-ana', 'student', 'Ana Lopez'],
    ['tch-kim', 'teacher', 'Grace Kim'],
    ['ta-diaz', 'teacher', 'Luis Diaz'],
    ['par-lopez', 'mentor', 'Maria Lopez'],
    ['adm-rivera', 'admin', 'Sam Rivera'],
  ])('%s lands on the %s panel', async (userSub, panel, name) => {
    const res = await fullLaunch(h, { userSub });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    const boot = bootDataOf(res.text);
    expect(boot.session.panel).toBe(panel);
    expect(boot.session.user?.displayName).toBe(name);
    expect(boot.session.course?.title).toBe('Grade 6 Math');
    expect(boot.session.platform.name).toBe('Test LMS');
  });

  it('gives a mentor the count of mentees named in role_scope_mentor', async () => {
    const boot = bootDataOf((await fullLaunch(h, { userSub: 'par-lopez' })).text);
    expect(boot.session.menteeCount).toBe(1);
  });

  it('opens the deep-linking panel for an instructor', async () => {
    const res = await fullLaunch(h, { userSub: 'tch-kim', messageType: 'LtiDeepLinkingRequest' });
    expect(res.status).toBe(200);
    expect(bootDataOf(res.text).session.panel).toBe('deep-linking');
  });

  it('refuses deep linking to a learner with a clear page', async () => {
    const res = await fullLaunch(h, { userSub: 'stu-ana', messageType: 'LtiDeepLinkingRequest' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('deep_linking_forbidden');
  });

  it('launches when the browser withheld the login cookie (third-party cookies blocked)', async () => {
    const l = await login(h, { userSub: 'stu-ana' });
    const token = await h.platform.signIdToken(h.platform.buildClaims({ userSub: 'stu-ana', nonce: l.nonce }));
    const res = await request(h.app).post('/lti/launch').type('form').send({ id_token: token, state: l.state });
    expect(res.status).toBe(200);
    expect(bootDataOf(res.text).session.panel).toBe('student');
  });

  it('accepts a POST login initiation', async () => {
    const params = h.platform.loginInitiationParams({ userSub: 'stu-ana' });
    const res = await request(h.app).post('/lti/login').type('form').send(params);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.location!);
    expect(location.origin + location.pathname).toBe(h.platform.authUrl);
    expect(location.searchParams.get('redirect_uri')).toBe(`${h.toolUrl}/lti/launch`);
    expect(location.searchParams.get('response_mode')).toBe('form_post');
  });

  it('records the course, user, enrolment and resource link once per launch', async () => {
    await fullLaunch(h, { userSub: 'stu-ben' });
    const [user] = await h.tdb.db.query<{ name: string; email: string | null }>(`SELECT name, email FROM app_user WHERE sub = 'stu-ben'`);
    expect(user).toEqual({ name: 'Ben Okafor', email: null });
    const enrolments = await h.tdb.db.query<{ roles: string[] }>(
      `SELECT e.roles FROM enrolment e JOIN app_user u ON u.id = e.user_id WHERE u.sub = 'stu-ben'`,
    );
    expect(enrolments).toEqual([{ roles: ['learner'] }]);
  });
});

describe('a class launching at once', () => {
  it('records one course and one resource link for many concurrent first launches', async () => {
    h.platform.courses.set('hist-8', { id: 'hist-8', title: 'Grade 8 History', label: 'HIST8' });
    const students = ['stu-ana', 'stu-ben', 'stu-anon'];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => fullLaunch(h, { userSub: students[i % students.length]!, courseId: 'hist-8' })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    const courseIds = new Set(results.map((r) => bootDataOf(r.text).session.course!.id));
    expect(courseIds.size).toBe(1);
    const [{ n }] = await h.tdb.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM course_context WHERE context_id = 'hist-8'`) as [{ n: string }];
    expect(n).toBe('1');
    const enrolled = await h.tdb.db.query(`SELECT 1 FROM enrolment WHERE context_id = $1`, [[...courseIds][0]]);
    expect(enrolled).toHaveLength(3);
  });

  it('updates a renamed course title without creating a new course', async () => {
    const first = bootDataOf((await fullLaunch(h, { userSub: 'tch-kim' })).text).session.course!;
    h.platform.courses.set('math-6', { id: 'math-6', title: 'Grade 6 Math (Period 2)', label: 'MATH6' });
    const renamed = bootDataOf((await fullLaunch(h, { userSub: 'tch-kim' })).text).session.course!;
    expect(renamed.id).toBe(first.id);
    const [row] = await h.tdb.db.query<{ title: string }>(`SELECT title FROM course_context WHERE id = $1`, [first.id]);
    expect(row!.title).toBe('Grade 6 Math (Period 2)');
    h.platform.courses.set('math-6', { id: 'math-6', title: 'Grade 6 Math', label: 'MATH6' });
  });
});

describe('OIDC login parameters', () => {
  it('uses CSPRNG-sized, unique state and nonce values', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const l = await login(h, { userSub: 'stu-ana' });
      expect(l.state).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
      expect(l.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(l.state).add(l.nonce);
    }
    expect(seen.size).toBe(40);
  });
});

describe('launch token for the API', () => {
  async function tokenFor(userSub: string, courseId?: string) {
    return bootDataOf((await fullLaunch(h, { userSub, courseId })).text);
  }

  it('lets a teacher list their own course members', async () => {
    await fullLaunch(h, { userSub: 'stu-ana' });
    const boot = await tokenFor('tch-kim');
    const res = await request(h.app).get(`/api/courses/${boot.session.course!.id}/members`).set('Authorization', `Bearer ${boot.token}`);
    expect(res.status).toBe(200);
    const names = res.body.members.map((m: { displayName: string }) => m.displayName);
    expect(names).toEqual(expect.arrayContaining(['Ana Lopez', 'Grace Kim']));
  });

  it('rejects a missing token with 401 JSON', async () => {
    const res = await request(h.app).get('/api/session');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.body.error.message).toBeTruthy();
  });

  it('rejects a forged token (signed with another key) with 401', async () => {
    const boot = await tokenFor('tch-kim');
    const [, payload] = boot.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('not-the-key-not-the-key-not-the-key'));
    const res = await request(h.app).get('/api/session').set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token_invalid');
  });

  it('rejects a tampered token (roles raised) with 401', async () => {
    const boot = await tokenFor('stu-ana');
    const [head, payload, sig] = boot.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.roles = ['instructor'];
    const tampered = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    const res = await request(h.app).get('/api/session').set('Authorization', `Bearer ${tampered}`);
    expect(res.status).toBe(401);
  });

  it('rejects an expired token with 401 token_expired', async () => {
    const { LaunchTokens } = await import('../../server/lti/launch-token');
    const tokens = new LaunchTokens(h.config.encryptionKey, h.config.publicUrl);
    const boot = await tokenFor('tch-kim');
    const live = await tokens.verify(boot.token);
    const expired = await tokens.sign({ ...live, expiresAt: new Date(Date.now() - 1000) });
    const res = await request(h.app).get('/api/session').set('Authorization', `Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token_expired');
  });

  it("refuses another course's data with 403 course_mismatch", async () => {
    h.platform.courses.set('sci-7', { id: 'sci-7', title: 'Grade 7 Science', label: 'SCI7' });
    const other = await tokenFor('tch-kim', 'sci-7');
    const mine = await tokenFor('tch-kim');
    expect(other.session.course!.id).not.toBe(mine.session.course!.id);
    const res = await request(h.app).get(`/api/courses/${other.session.course!.id}/members`).set('Authorization', `Bearer ${mine.token}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('course_mismatch');
  });

  it('refuses the member list to a student with 403', async () => {
    const boot = await tokenFor('stu-ana');
    const res = await request(h.app).get(`/api/courses/${boot.session.course!.id}/members`).set('Authorization', `Bearer ${boot.token}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});

describe('tool JWKS', () => {
  it('publishes only public RSA parameters', async () => {
    const res = await request(h.app).get('/lti/jwks');
    expect(res.status).toBe(200);
    expect(res.body.keys.length).toBeGreaterThan(0);
    for (const key of res.body.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    }
  });

  it('keeps the private key encrypted at rest', async () => {
    const rows = await h.tdb.db.query<{ doc: unknown }>(`SELECT doc FROM ltijs_document WHERE collection = 'privatekey'`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(JSON.stringify(row.doc)).not.toMatch(/PRIVATE KEY/);
  });
});

describe('other requests', () => {
  it('serves the built client assets and a clean 404 for a missing one', async () => {
    const html = (await fullLaunch(h, { userSub: 'stu-ana' })).text;
    const asset = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const ok = await request(h.app).get(asset);
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toMatch(/immutable/);
    const missing = await request(h.app).get('/app/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('not_found');
  });

  it('answers unknown API routes with JSON 404 after authentication', async () => {
    const boot = bootDataOf((await fullLaunch(h, { userSub: 'tch-kim' })).text);
    const res = await request(h.app).get('/api/nothing-here').set('Authorization', `Bearer ${boot.token}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('reports health once the database answers', async () => {
    const res = await request(h.app).get('/healthz');
    expect(res.body).toEqual({ status: 'ok' });
  });
});
