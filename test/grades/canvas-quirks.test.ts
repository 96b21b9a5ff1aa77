// Canvas-specific behaviour: line item URLs with a query string (Trellis must insert
// /scores into the path) and the submission extension's submitted_at, so a delayed
// passback does not mark work late.
import { drain, enqueue, fastWorker, launchedStudent } from '../support/grades';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { canvasQuirks: true });
});
afterAll(() => h.close());

it('posts to …/line_items/:id/scores?type=lti and sends submitted_at', async () => {
  const ana = await launchedStudent(h, 'stu-ana');
  const submittedAt = new Date(Date.now() - 3_600_000);
  await enqueue(h, ana, { scoreGiven: 8, scoreMaximum: 10, activityProgress: 'Submitted', gradingProgress: 'FullyGraded', submittedAt });
  await drain(fastWorker(h), h);

  const [link] = await h.tdb.db.query<{ ags_lineitem_url: string }>(`SELECT ags_lineitem_url FROM resource_link WHERE id = $1`, [ana.resourceLinkId]);
  expect(link!.ags_lineitem_url).toMatch(/\?type=lti$/);
  const call = h.platform.requestsTo('scores').at(-1)!;
  expect(new URL(call.url).pathname).toMatch(/\/line_items\/[^/]+\/scores$/);
  expect(new URL(call.url).searchParams.get('type')).toBe('lti');
  const score = h.platform.scores.at(-1)!;
  expect(score.outcome).toBe('accepted');
  expect(score.submittedAt).toBe(submittedAt.toISOString());
});
