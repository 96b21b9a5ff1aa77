// Scores reach the LMS gradebook exactly as computed, through the durable outbox and the
// AGS client, against the simulated LMS over real HTTP — including outages, a worker that
// dies mid-batch, rate limiting, revoked tokens, and failures a teacher can retry.
import request from 'supertest';
import { scoreDelivery } from '../../server/grades/deliver-score';
import { startHarness, type Harness } from '../support/harness';
import { drain, enqueue, fastWorker, launchedStudent } from '../support/grades';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const accepted = (userSub: string) => h.platform.scores.filter((s) => s.userId === userSub && s.outcome === 'accepted');
const lastBody = (userSub: string) => accepted(userSub).at(-1)?.body as Record<string, unknown> | undefined;

describe('grade passback', () => {
  it('delivers a score exactly as computed, creating the line item once', async () => {
    const ana = await launchedStudent(h, 'stu-ana');
    await enqueue(h, ana, { scoreGiven: 7, scoreMaximum: 10, activityProgress: 'InProgress', gradingProgress: 'Pending' });
    await enqueue(h, ana, { scoreGiven: 10, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    await drain(fastWorker(h), h);

    const bodies = accepted('stu-ana').map((s) => s.body as Record<string, unknown>);
    expect(bodies.map((b) => [b.scoreGiven, b.scoreMaximum, b.activityProgress, b.gradingProgress])).toEqual([
      [7, 10, 'InProgress', 'Pending'],
      [10, 10, 'Completed', 'FullyGraded'],
    ]);
    // Timestamps strictly increase, in the order the scores were computed.
    const times = bodies.map((b) => Date.parse(String(b.timestamp)));
    expect(times[1]!).toBeGreaterThan(times[0]!);

    const items = h.platform.lineItemsIn('math-6').filter((li) => li.tag === 'trellis');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ label: 'Fractions practice', scoreMaximum: 10, resourceId: 'trellis:rl-math6-fractions' });
    const [link] = await h.tdb.db.query<{ ags_lineitem_url: string }>(`SELECT ags_lineitem_url FROM resource_link WHERE id = $1`, [ana.resourceLinkId]);
    expect(h.platform.findLineItem(link!.ags_lineitem_url)?.id).toBe(items[0]!.id);
  });

  it('sends a User-Agent and reuses one token per scope set', async () => {
    const ben = await launchedStudent(h, 'stu-ben');
    const before = h.platform.tokenRequests.length;
    for (let i = 1; i <= 5; i++) {
      await enqueue(h, ben, { scoreGiven: i, scoreMaximum: 10, activityProgress: 'InProgress', gradingProgress: 'Pending' });
    }
    await drain(fastWorker(h), h);
    expect(h.platform.tokenRequests.length - before).toBe(0); // cached from the previous test
    const scoreCalls = h.platform.requestsTo('scores');
    expect(scoreCalls.at(-1)!.headers['user-agent']).toMatch(/^Trellis\//);
    expect(lastBody('stu-ben')!.scoreGiven).toBe(5);
  });

  it('fetches a new token once after the LMS revokes it (401), then carries on', async () => {
    const ana = await launchedStudent(h, 'stu-ana');
    h.platform.expireTokens();
    const before = h.platform.tokenRequests.filter((t) => t.outcome === 'issued').length;
    await enqueue(h, ana, { scoreGiven: 9, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    await drain(fastWorker(h), h);
    expect(h.platform.tokenRequests.filter((t) => t.outcome === 'issued').length - before).toBe(1);
    expect(lastBody('stu-ana')!.scoreGiven).toBe(9);
  });

  it('honours 429 Retry-After before trying again', async () => {
    const ben = await launchedStudent(h, 'stu-ben');
    h.platform.injectFault('scores', { status: 429, retryAfterSeconds: 1, times: 1 });
    const start = h.platform.requestsTo('scores').length;
    await enqueue(h, ben, { scoreGiven: 6, scoreMaximum: 10, activityProgress: 'Submitted', gradingProgress: 'Pending' });
    await drain(fastWorker(h), h);
    const calls = h.platform.requestsTo('scores').slice(start);
    expect(calls.map((c) => c.status)).toEqual([429, expect.any(Number)]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(lastBody('stu-ben')!.scoreGiven).toBe(6);
  });

  it('loses nothing through a 30-second LMS outage', async () => {
    const ana = await launchedStudent(h, 'stu-ana');
    const ben = await launchedStudent(h, 'stu-ben');
    const anon = await launchedStudent(h, 'stu-anon');
    h.platform.injectFault('scores', { status: 503, forMs: 30_000 });
    const outageEnds = Date.now() + 30_000;
    const expected = new Map<string, number>();
    for (const [i, who] of [ana, ben, anon].entries()) {
      for (let n = 1; n <= 3; n++) await enqueue(h, who, { scoreGiven: n + i, scoreMaximum: 10, activityProgress: 'InProgress', gradingProgress: 'Pending' });
    }
    expected.set('stu-ana', 3).set('stu-ben', 4).set('stu-anon', 5);
    await drain(fastWorker(h), h, 90_000);
    expect(Date.now()).toBeGreaterThanOrEqual(outageEnds);
    for (const [sub, value] of expected) expect(lastBody(sub)!.scoreGiven).toBe(value);
    expect(h.platform.requestsTo('scores').some((r) => r.status === 503)).toBe(true);
    const failed = await h.tdb.db.query(`SELECT id FROM outbox WHERE status <> 'delivered'`);
    expect(failed).toEqual([]);
  }, 120_000);

  it('redelivers what a worker leased when it died mid-batch, harmlessly', async () => {
    const ana = await launchedStudent(h, 'stu-ana');
    const ben = await launchedStudent(h, 'stu-ben');
    await enqueue(h, ana, { scoreGiven: 4, scoreMaximum: 10, activityProgress: 'InProgress', gradingProgress: 'Pending' });
    await enqueue(h, ben, { scoreGiven: 8, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });

    const dying = fastWorker(h, { leaseMs: 1_000 });
    const leased = await dying.claim();
    expect(leased).toHaveLength(2);
    // It delivered one score to the LMS, then died before recording that.
    await scoreDelivery({ db: h.tdb.db, registry: h.trellis.registry, ags: h.trellis.services.ags })(leased[0]!);

    const survivor = fastWorker(h);
    expect(await survivor.runOnce()).toBe(0); // still leased by the dead worker
    await new Promise((r) => setTimeout(r, 1_100));
    await drain(survivor, h);
    expect(lastBody('stu-ana')!.scoreGiven).toBe(4);
    expect(lastBody('stu-ben')!.scoreGiven).toBe(8);
    const rows = await h.tdb.db.query<{ status: string }>(`SELECT status FROM outbox WHERE id = ANY($1::bigint[])`, [leased.map((r) => r.id)]);
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'delivered']);
  });

  it('shows a permanently failing score to the teacher, who can retry it', async () => {
    const ana = await launchedStudent(h, 'stu-ana');
    h.platform.injectFault('scores', { status: 400, body: { error: 'invalid_score', error_description: 'gradebook locked' }, times: 1 });
    await enqueue(h, ana, { scoreGiven: 5, scoreMaximum: 10, activityProgress: 'Submitted', gradingProgress: 'Pending' });
    await drain(fastWorker(h), h);

    const teacher = await launchedStudent(h, 'tch-kim');
    const auth = { Authorization: `Bearer ${teacher.boot.token}` };
    const list = await request(h.app).get(`/api/courses/${teacher.courseId}/grade-sync`).set(auth);
    expect(list.status).toBe(200);
    const failed = list.body.items.find((i: { status: string }) => i.status === 'failed');
    expect(failed).toMatchObject({ student: 'Ana Lopez', scoreGiven: 5, scoreMaximum: 10 });
    expect(failed.lastError).toContain('400');

    const student = await request(h.app).post(`/api/courses/${teacher.courseId}/grade-sync/${failed.id}/retry`).set('Authorization', `Bearer ${ana.boot.token}`);
    expect(student.status).toBe(403);
    const retry = await request(h.app).post(`/api/courses/${teacher.courseId}/grade-sync/${failed.id}/retry`).set(auth);
    expect(retry.status).toBe(202);
    await drain(fastWorker(h), h);
    expect(lastBody('stu-ana')!.scoreGiven).toBe(5);
    const again = await request(h.app).post(`/api/courses/${teacher.courseId}/grade-sync/${failed.id}/retry`).set(auth);
    expect(again.status).toBe(409);
  });

  it("shows the LMS gradebook value, including a teacher's override, beside Trellis's score", async () => {
    const ana = await launchedStudent(h, 'stu-ana');
    await enqueue(h, ana, { scoreGiven: 6, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    await drain(fastWorker(h), h);
    const [link] = await h.tdb.db.query<{ ags_lineitem_url: string }>(`SELECT ags_lineitem_url FROM resource_link WHERE id = $1`, [ana.resourceLinkId]);
    h.platform.overrideResult(link!.ags_lineitem_url, 'stu-ana', 9.5);

    const teacher = await launchedStudent(h, 'tch-kim');
    const res = await request(h.app)
      .get(`/api/courses/${teacher.courseId}/resource-links/${ana.resourceLinkId}/results`)
      .set('Authorization', `Bearer ${teacher.boot.token}`);
    expect(res.status).toBe(200);
    const row = res.body.results.find((r: { userId: string }) => r.userId === 'stu-ana');
    expect(row).toMatchObject({ student: 'Ana Lopez', lmsScore: 9.5, lmsMaximum: 10, trellisScore: 6, trellisMaximum: 10 });
  });

  it('reads every page of line items (Link rel="next")', async () => {
    h.platform.courses.set('art-5', { id: 'art-5', title: 'Grade 5 Art', label: 'ART5' });
    for (let i = 0; i < 61; i++) h.platform.createLineItem('art-5', { label: `Item ${i}`, scoreMaximum: 10, tag: 'other' });
    const platform = (await h.trellis.registry.findByIssuer(h.platform.issuer))[0]!;
    const items = await h.trellis.services.ags.listLineItems(platform, h.platform.lineItemsUrl('art-5'));
    expect(items.map((i) => i.label)).toEqual(Array.from({ length: 61 }, (_, i) => `Item ${i}`));
    // (A token revoked by an earlier test may add one 401 and a retry: count the answered pages.)
    const urls = h.platform.requestsTo('lineitems').filter((r) => r.status === 200 && r.url.includes('/art-5/')).map((r) => r.url);
    expect(urls).toEqual([h.platform.lineItemsUrl('art-5'), expect.stringMatching(/page=2/)]); // pages of 50 + 11
  });
});
