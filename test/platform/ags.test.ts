// Assignment and Grade Services: line item CRUD and paging, score validation and ordering,
// results with a teacher override, the launch claim, and Canvas quirk mode.
import request from 'supertest';
import { CANVAS_SUBMISSION_EXT, CLAIM, MEDIA_TYPE, SCOPE } from './index';
import { accessToken, startPlatform, type PlatformFixture } from './fake-tool';

let f: PlatformFixture;
let token: string;
const container = '/lms/api/courses/math-6/line_items';
const path = (url: string) => new URL(url).pathname + new URL(url).search;

beforeAll(async () => {
  f = await startPlatform();
  token = await accessToken(f, [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadonly]);
});
afterAll(() => f.close());

const auth = { Authorization: '' };
beforeEach(() => {
  auth.Authorization = `Bearer ${token}`;
});

function createLineItem(body: Record<string, unknown>) {
  return request(f.app).post(container).set(auth).set('Content-Type', MEDIA_TYPE.lineItem).send(JSON.stringify(body));
}

function postScore(lineItemUrl: string, body: Record<string, unknown>) {
  const u = new URL(lineItemUrl);
  return request(f.app)
    .post(`${u.pathname}/scores${u.search}`)
    .set(auth)
    .set('Content-Type', MEDIA_TYPE.score)
    .send(JSON.stringify(body));
}

const score = (over: Record<string, unknown> = {}) => ({
  userId: 'stu-ana',
  scoreGiven: 8,
  scoreMaximum: 10,
  activityProgress: 'Completed',
  gradingProgress: 'FullyGraded',
  timestamp: new Date().toISOString(),
  ...over,
});

describe('line items', () => {
  it('creates, reads, updates and deletes a line item with the AGS media types', async () => {
    const created = await createLineItem({ label: 'Unit 1 quiz', scoreMaximum: 20, resourceId: 'quiz-1', tag: 'quiz', resourceLinkId: 'rl-math6-fractions' }).expect(201);
    expect(created.headers['content-type']).toContain(MEDIA_TYPE.lineItem);
    expect(created.body).toEqual({
      id: expect.stringMatching(new RegExp(`^${f.platform.issuer}/api/courses/math-6/line_items/\\d+$`)),
      label: 'Unit 1 quiz',
      scoreMaximum: 20,
      resourceId: 'quiz-1',
      tag: 'quiz',
      resourceLinkId: 'rl-math6-fractions',
    });
    expect(created.headers.location).toBe(created.body.id);
    const url = path(created.body.id);

    const got = await request(f.app).get(url).set(auth).set('Accept', MEDIA_TYPE.lineItem).expect(200);
    expect(got.body).toEqual(created.body);

    const put = await request(f.app)
      .put(url)
      .set(auth)
      .set('Content-Type', MEDIA_TYPE.lineItem)
      .send(JSON.stringify({ ...created.body, label: 'Unit 1 quiz (revised)', scoreMaximum: 25 }))
      .expect(200);
    expect(put.body).toMatchObject({ id: created.body.id, label: 'Unit 1 quiz (revised)', scoreMaximum: 25 });

    await request(f.app).delete(url).set(auth).expect(204);
    await request(f.app).get(url).set(auth).expect(404);
  });

  it('validates line items and their media type', async () => {
    expect((await createLineItem({ label: 'x', scoreMaximum: 0 }).expect(400)).body.error_description).toMatch(/scoreMaximum/);
    expect((await createLineItem({ scoreMaximum: 10 }).expect(400)).body.error_description).toMatch(/label/);
    await createLineItem({ label: 'x', scoreMaximum: 5, resourceLinkId: 'no-such-link' }).expect(400);
    await request(f.app).post(container).set(auth).set('Content-Type', 'application/json').send({ label: 'x', scoreMaximum: 5 }).expect(415);
    await request(f.app).get(container).set(auth).set('Accept', 'text/html').expect(406);
    await request(f.app).get('/lms/api/courses/nope/line_items').set(auth).expect(404);
  });

  it('needs the lineitem scope to write; lineitem.readonly can only read', async () => {
    const readonly = await accessToken(f, [SCOPE.lineItemReadonly]);
    await request(f.app).get(container).set('Authorization', `Bearer ${readonly}`).expect(200);
    await request(f.app).post(container).set('Authorization', `Bearer ${readonly}`).set('Content-Type', MEDIA_TYPE.lineItem).send('{}').expect(403);
  });

  it('pages the container with limit and Link rel="next", and filters', async () => {
    for (let i = 1; i <= 5; i++) await createLineItem({ label: `Paged ${i}`, scoreMaximum: 10, tag: 'paged', resourceId: `paged-${i}` }).expect(201);
    const labels: string[] = [];
    let next: string | null = `${container}?tag=paged&limit=2`;
    let pages = 0;
    while (next) {
      const res: request.Response = await request(f.app).get(next).set(auth).set('Accept', MEDIA_TYPE.lineItemContainer).expect(200);
      expect(res.headers['content-type']).toContain(MEDIA_TYPE.lineItemContainer);
      labels.push(...res.body.map((li: { label: string }) => li.label));
      const link: string | undefined = /<([^>]+)>;\s*rel="next"/.exec(res.headers.link ?? '')?.[1];
      next = link ? path(link) : null;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(labels).toEqual(['Paged 1', 'Paged 2', 'Paged 3', 'Paged 4', 'Paged 5']);

    const one = await request(f.app).get(`${container}?resource_id=paged-4`).set(auth).expect(200);
    expect(one.body.map((li: { label: string }) => li.label)).toEqual(['Paged 4']);
    const byLink = await request(f.app).get(`${container}?resource_link_id=rl-math6-ratios`).set(auth).expect(200);
    expect(byLink.body).toEqual([]);
    await request(f.app).get(`${container}?limit=0`).set(auth).expect(400);
  });
});

describe('scores and results', () => {
  let lineItemUrl: string;
  beforeAll(async () => {
    lineItemUrl = (await createLineItem({ label: 'Fractions mastery', scoreMaximum: 100 }).expect(201)).body.id;
  });

  it('accepts a valid score (sub-second timestamp) and shows it, scaled, in results', async () => {
    await postScore(lineItemUrl, score({ timestamp: '2030-01-01T10:00:00.123456Z', comment: 'Nice work' })).expect(204);
    expect(f.platform.scores.at(-1)).toMatchObject({ outcome: 'accepted', userId: 'stu-ana', status: 200 });
    const u = new URL(lineItemUrl);
    const res = await request(f.app).get(`${u.pathname}/results`).set(auth).set('Accept', MEDIA_TYPE.resultContainer).expect(200);
    expect(res.headers['content-type']).toContain(MEDIA_TYPE.resultContainer);
    expect(res.body).toEqual([
      { id: `${lineItemUrl}/results/stu-ana`, scoreOf: lineItemUrl, userId: 'stu-ana', resultScore: 80, resultMaximum: 100, comment: 'Nice work' },
    ]);
  });

  it('409s a score that is not strictly newer than the last accepted one, and records it', async () => {
    await postScore(lineItemUrl, score({ timestamp: '2030-01-01T10:00:00.123456Z', scoreGiven: 1 })).expect(409);
    await postScore(lineItemUrl, score({ timestamp: '2030-01-01T09:00:00Z', scoreGiven: 1 })).expect(409);
    expect(f.platform.scores.at(-1)).toMatchObject({ outcome: 'rejected', status: 409, reason: expect.stringMatching(/timestamp/) });
    // A microsecond later is newer (full-precision comparison).
    await postScore(lineItemUrl, score({ timestamp: '2030-01-01T10:00:00.123457Z', scoreGiven: 9 })).expect(204);
    expect(f.platform.resultsFor(lineItemUrl)[0]).toMatchObject({ resultScore: 90 });
  });

  it.each([
    ['missing userId', { userId: undefined }, /userId/],
    ['scoreGiven above scoreMaximum', { scoreGiven: 11 }, /exceeds/],
    ['scoreMaximum of 0', { scoreMaximum: 0 }, /scoreMaximum/],
    ['scoreGiven without scoreMaximum', { scoreMaximum: undefined }, /scoreMaximum is required/],
    ['negative scoreGiven', { scoreGiven: -1 }, /scoreGiven/],
    ['unknown activityProgress', { activityProgress: 'Done' }, /activityProgress/],
    ['unknown gradingProgress', { gradingProgress: 'Graded' }, /gradingProgress/],
    ['timestamp without a zone', { timestamp: '2031-01-01T10:00:00' }, /timestamp/],
    ['missing timestamp', { timestamp: undefined }, /timestamp/],
  ])('rejects a score with %s', async (_name, over, why) => {
    const body = score(over);
    for (const [k, v] of Object.entries(over)) if (v === undefined) delete (body as Record<string, unknown>)[k];
    const res = await postScore(lineItemUrl, body).expect(400);
    expect(res.body.error).toBe('invalid_score');
    expect(res.body.error_description).toMatch(why);
    expect(f.platform.scores.at(-1)).toMatchObject({ outcome: 'rejected', status: 400 });
  });

  it('422s users who are not gradable members of the course', async () => {
    await postScore(lineItemUrl, score({ userId: 'adm-rivera', timestamp: '2031-01-01T00:00:00Z' })).expect(422);
    await postScore(lineItemUrl, score({ userId: 'nobody', timestamp: '2031-01-01T00:00:00Z' })).expect(422);
  });

  it('accepts extra credit only when allowed', async () => {
    f.platform.allowScoreAboveMaximum = true;
    try {
      await postScore(lineItemUrl, score({ userId: 'stu-ben', scoreGiven: 12, timestamp: '2031-01-01T00:00:00Z' })).expect(204);
    } finally {
      f.platform.allowScoreAboveMaximum = false;
    }
  });

  it('records the Canvas submission extension and clears the result when scoreGiven is absent', async () => {
    await postScore(lineItemUrl, {
      ...score({ userId: 'stu-anon', timestamp: '2031-02-01T00:00:00Z', scoreGiven: undefined, scoreMaximum: undefined, gradingProgress: 'PendingManual', activityProgress: 'Submitted' }),
      [CANVAS_SUBMISSION_EXT]: { new_submission: true, submittedAt: '2031-01-31T23:59:00Z' },
    }).expect(204);
    expect(f.platform.scores.at(-1)).toMatchObject({
      outcome: 'accepted',
      submittedAt: '2031-01-31T23:59:00Z',
      canvasSubmission: { new_submission: true },
    });
    const result = f.platform.resultsFor(lineItemUrl).find((r) => r.userId === 'stu-anon')!;
    expect(result.resultScore).toBeUndefined();
    expect(result.gradingProgress).toBe('PendingManual');
  });

  it('shows a teacher override in results, with user_id filter and paging', async () => {
    f.platform.overrideResult(lineItemUrl, 'stu-ana', 95, { comment: 'Regraded by teacher' });
    const u = new URL(lineItemUrl);
    const mine = await request(f.app).get(`${u.pathname}/results?user_id=stu-ana`).set(auth).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ userId: 'stu-ana', resultScore: 95, resultMaximum: 100, comment: 'Regraded by teacher' })]);
    const page1 = await request(f.app).get(`${u.pathname}/results?limit=1`).set(auth).expect(200);
    expect(page1.body).toHaveLength(1);
    expect(page1.headers.link).toMatch(/rel="next"/);
  });

  it('needs the score scope to post and result.readonly to read', async () => {
    const readOnly = await accessToken(f, [SCOPE.lineItemReadonly]);
    const u = new URL(lineItemUrl);
    await request(f.app).post(`${u.pathname}/scores`).set('Authorization', `Bearer ${readOnly}`).set('Content-Type', MEDIA_TYPE.score).send('{}').expect(403);
    await request(f.app).get(`${u.pathname}/results`).set('Authorization', `Bearer ${readOnly}`).expect(403);
    await request(f.app).post(`${u.pathname}/scores`).set(auth).set('Content-Type', 'application/json').send(score()).expect(415);
  });
});

describe('launch claims', () => {
  it('carry the AGS endpoint (lineitem when the link has exactly one) and NRPS claims', async () => {
    const li = f.platform.createLineItem('math-6', { label: 'Ratios', scoreMaximum: 10, resourceLinkId: 'rl-math6-ratios' });
    const claims = f.platform.buildClaims({ userSub: 'stu-ana', nonce: 'n', resourceLinkId: 'rl-math6-ratios' });
    expect(claims[CLAIM.agsEndpoint]).toEqual({
      scope: [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score],
      lineitems: `${f.platform.issuer}/api/courses/math-6/line_items`,
      lineitem: f.platform.lineItemUrl(li),
    });
    expect(claims[CLAIM.nrps]).toEqual({
      context_memberships_url: `${f.platform.issuer}/api/courses/math-6/memberships`,
      service_versions: ['2.0'],
    });
    const outside = f.platform.buildClaims({ userSub: 'stu-ana', nonce: 'n', courseId: null });
    expect(outside[CLAIM.agsEndpoint]).toBeUndefined();
    expect(outside[CLAIM.nrps]).toBeUndefined();
  });
});

describe('Canvas quirk mode', () => {
  let q: PlatformFixture;
  let qAuth: string;
  beforeAll(async () => {
    q = await startPlatform({ canvasQuirks: true });
    qAuth = `Bearer ${await accessToken(q, [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadonly])}`;
  });
  afterAll(() => q.close());

  it('hands out line item URLs with a query string; /scores must go into the path', async () => {
    const created = await request(q.app)
      .post(container)
      .set('Authorization', qAuth)
      .set('Content-Type', MEDIA_TYPE.lineItem)
      .send(JSON.stringify({ label: 'Quirky', scoreMaximum: 10 }))
      .expect(201);
    const url = new URL(created.body.id);
    expect(url.search).toBe('?type=lti');

    // The naive append lands inside the query string and is refused, loudly.
    const naive = await request(q.app)
      .post(`${url.pathname}${url.search}/scores`)
      .set('Authorization', qAuth)
      .set('Content-Type', MEDIA_TYPE.score)
      .send(JSON.stringify(score()))
      .expect(400);
    expect(naive.body.error_description).toMatch(/put it in the path/);

    const ok = await request(q.app)
      .post(`${url.pathname}/scores${url.search}`)
      .set('Authorization', qAuth)
      .set('Content-Type', MEDIA_TYPE.score)
      .send(JSON.stringify(score()))
      .expect(200);
    expect(ok.body.resultUrl).toBe(`${url.origin}${url.pathname}/results/stu-ana?type=lti`);
    const results = await request(q.app).get(`${url.pathname}/results${url.search}`).set('Authorization', qAuth).expect(200);
    expect(results.body[0]).toMatchObject({ scoreOf: created.body.id, resultScore: 8 });
    await request(q.app).get(url.pathname).set('Authorization', qAuth).expect(400);
  });
});
