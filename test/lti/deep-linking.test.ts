// Deep Linking 2.0 round trip: a teacher's picks become a signed response that the
// simulated LMS verifies; the links it creates launch the right assignment and carry a
// line item the scores go to.
import request from 'supertest';
import { drain, enqueue, fastWorker, launchedStudent } from '../support/grades';
import { bootDataOf, fullLaunch, startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const picks = {
  items: [
    { title: 'Ratios check-in', skills: ['6.RP.A.3'], goal: { kind: 'items', count: 10 }, dueAt: '2026-12-01T17:00:00.000Z', points: 20 },
    { title: 'Equations to mastery', skills: ['6.EE.B.7', '7.EE.B.4'], goal: { kind: 'mastery' }, dueAt: null, points: 10 },
  ],
};

async function deepLinkingToken(userSub = 'tch-kim') {
  const res = await fullLaunch(h, { userSub, messageType: 'LtiDeepLinkingRequest' });
  expect(res.status).toBe(200);
  return bootDataOf(res.text).token;
}

/** The browser's form_post of the signed response to the LMS. */
async function postToLms(returnUrl: string, jwt: string) {
  return fetch(returnUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ JWT: jwt }) });
}

describe('deep linking', () => {
  it('round-trips: the LMS verifies the response and creates launchable, graded links', async () => {
    const token = await deepLinkingToken();
    const res = await request(h.app).post('/api/deep-linking/response').set('Authorization', `Bearer ${token}`).send(picks);
    expect(res.status).toBe(201);
    expect(res.body.returnUrl).toBe(h.platform.deepLinkReturnUrl);

    const lms = await postToLms(res.body.returnUrl, res.body.jwt);
    expect(lms.status).toBe(200);
    const received = h.platform.deepLinkReturns.at(-1)!;
    expect(received.ok).toBe(true);
    expect(received.contentItems).toHaveLength(2);
    expect(received.contentItems[0]).toMatchObject({
      type: 'ltiResourceLink',
      title: 'Ratios check-in',
      url: `${h.toolUrl}/lti/launch`,
      lineItem: { scoreMaximum: 20, label: 'Ratios check-in', tag: 'trellis-practice' },
    });
    expect(received.created).toHaveLength(2);

    // A student opens the first created link: Trellis shows that assignment.
    const linkId = received.created[0]!.resourceLinkId;
    const student = await fullLaunch(h, { userSub: 'stu-ana', resourceLinkId: linkId });
    expect(student.status).toBe(200);
    const session = bootDataOf(student.text).session;
    expect(session.assignment).toMatchObject({
      title: 'Ratios check-in',
      settings: { skills: ['6.RP.A.3'], goal: { kind: 'items', count: 10 }, dueAt: '2026-12-01T17:00:00.000Z', points: 20 },
    });

    // Its score goes to the line item the LMS created from the response.
    const ana = await launchedStudent(h, 'stu-ana', linkId);
    await enqueue(h, ana, { scoreGiven: 15, scoreMaximum: 20, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    await drain(fastWorker(h), h);
    const score = h.platform.scores.filter((s) => s.outcome === 'accepted').at(-1)!;
    expect(score.lineItemId).toBe(received.created[0]!.lineItemId);
    expect((score.body as { scoreGiven: number }).scoreGiven).toBe(15);
  });

  it('the LMS rejects a response that was tampered with', async () => {
    const token = await deepLinkingToken();
    const res = await request(h.app).post('/api/deep-linking/response').set('Authorization', `Bearer ${token}`).send({ items: [picks.items[0]] });
    const [head, payload, sig] = res.body.jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'][0].lineItem.scoreMaximum = 1000;
    const forged = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    const lms = await postToLms(res.body.returnUrl, forged);
    expect(lms.status).toBe(400);
    expect(h.platform.deepLinkReturns.at(-1)!.ok).toBe(false);
  });

  it('rejects bad picks with a message naming the field, and stores nothing', async () => {
    const token = await deepLinkingToken();
    const [before] = await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM assignment`);
    const res = await request(h.app)
      .post('/api/deep-linking/response')
      .set('Authorization', `Bearer ${token}`)
      .send({ items: [{ ...picks.items[0], points: -5 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.message).toContain('items.0.points');
    const [after] = await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM assignment`);
    expect(after!.n).toBe(before!.n);
  });

  it('is refused outside a deep-linking launch', async () => {
    const boot = bootDataOf((await fullLaunch(h, { userSub: 'tch-kim' })).text);
    const res = await request(h.app).post('/api/deep-linking/response').set('Authorization', `Bearer ${boot.token}`).send(picks);
    expect(res.status).toBe(403);
  });
});
