// Roster sync through NRPS against the simulated LMS: paging, then `differences`, with
// statuses and roles stored so teachers see students who never launched.
import request from 'supertest';
import { startHarness, type Harness } from '../support/harness';
import { launchedStudent } from '../support/grades';

let h: Harness;
beforeAll(async () => {
  // Pages of two: the seeded course's six members take three pages.
  h = await startHarness({}, { defaultPageSize: 2 });
});
afterAll(() => h.close());

async function enrolments(courseId: string) {
  return h.tdb.db.query<{ sub: string; status: string; roles: string[]; source: string }>(
    `SELECT u.sub, e.status, e.roles, e.source FROM enrolment e JOIN app_user u ON u.id = e.user_id WHERE e.context_id = $1 ORDER BY u.sub`,
    [courseId],
  );
}

describe('roster sync', () => {
  it('reads every page, then applies only the differences', async () => {
    const teacher = await launchedStudent(h, 'tch-kim');
    const auth = { Authorization: `Bearer ${teacher.boot.token}` };

    const first = await request(h.app).post(`/api/courses/${teacher.courseId}/roster/sync`).set(auth);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mode: 'full', members: 6, removed: 0 });
    expect(h.platform.requestsTo('memberships').filter((r) => r.status === 200)).toHaveLength(3);
    const afterFirst = await enrolments(teacher.courseId);
    expect(afterFirst.map((e) => e.sub)).toEqual(['par-lopez', 'stu-ana', 'stu-anon', 'stu-ben', 'ta-diaz', 'tch-kim']);
    // Students who never launched are known now.
    expect(afterFirst.find((e) => e.sub === 'stu-ana')).toMatchObject({ status: 'Active', roles: ['learner'], source: 'roster' });

    h.platform.addMember('math-6', { sub: 'stu-cara', name: 'Cara Nguyen', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] });
    h.platform.deactivateMember('math-6', 'stu-ben');
    h.platform.removeMember('math-6', 'stu-anon');

    const second = await request(h.app).post(`/api/courses/${teacher.courseId}/roster/sync`).set(auth);
    expect(second.status).toBe(200);
    expect(second.body.mode).toBe('differences');
    const byUser = Object.fromEntries((await enrolments(teacher.courseId)).map((e) => [e.sub, e.status]));
    expect(byUser).toMatchObject({ 'stu-cara': 'Active', 'stu-ben': 'Inactive', 'stu-anon': 'Deleted', 'stu-ana': 'Active' });

    // The teacher's class list shows the new student who never launched, not the ones who left.
    const members = await request(h.app).get(`/api/courses/${teacher.courseId}/members`).set(auth);
    const names = members.body.members.map((m: { displayName: string | null }) => m.displayName);
    expect(names).toContain('Cara Nguyen');
    expect(names).not.toContain('Ben Okafor');
  });

  it('a full re-sync marks members who left as deleted', async () => {
    const teacher = await launchedStudent(h, 'tch-kim');
    h.platform.removeMember('math-6', 'stu-cara');
    const res = await request(h.app).post(`/api/courses/${teacher.courseId}/roster/sync?full=true`).set('Authorization', `Bearer ${teacher.boot.token}`);
    expect(res.body.mode).toBe('full');
    const cara = (await enrolments(teacher.courseId)).find((e) => e.sub === 'stu-cara');
    expect(cara?.status).toBe('Deleted');
  });

  it('is for teaching staff only', async () => {
    const student = await launchedStudent(h, 'stu-ana');
    const res = await request(h.app).post(`/api/courses/${student.courseId}/roster/sync`).set('Authorization', `Bearer ${student.boot.token}`);
    expect(res.status).toBe(403);
  });

  it('reports an LMS outage as a clear 502 and keeps the roster', async () => {
    const teacher = await launchedStudent(h, 'tch-kim');
    const before = await enrolments(teacher.courseId);
    h.platform.injectFault('memberships', { status: 500, times: 10 });
    const res = await request(h.app).post(`/api/courses/${teacher.courseId}/roster/sync`).set('Authorization', `Bearer ${teacher.boot.token}`);
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('lms_unavailable');
    h.platform.clearFaults('memberships');
    expect(await enrolments(teacher.courseId)).toEqual(before);
  });

  it('re-syncs stale rosters on a schedule', async () => {
    const { syncStaleRosters } = await import('../../server/jobs/roster-scheduler');
    const teacher = await launchedStudent(h, 'tch-kim');
    await h.tdb.db.query(`UPDATE course_context SET roster_synced_at = now() - interval '2 days' WHERE id = $1`, [teacher.courseId]);
    h.platform.addMember('math-6', { sub: 'stu-dev', name: 'Dev Patel', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] });
    const synced = await syncStaleRosters({ db: h.tdb.db, registry: h.trellis.registry, nrps: h.trellis.services.nrps }, { olderThanHours: 12 });
    expect(synced).toBe(1);
    expect((await enrolments(teacher.courseId)).map((e) => e.sub)).toContain('stu-dev');
    expect(await syncStaleRosters({ db: h.tdb.db, registry: h.trellis.registry, nrps: h.trellis.services.nrps }, { olderThanHours: 12 })).toBe(0);
  });
});

describe('roster of one resource link (rlid)', () => {
  it('stores who may open a link the LMS restricts', async () => {
    const ana = await launchedStudent(h, 'stu-ana', 'rl-math6-ratios');
    const teacher = await launchedStudent(h, 'tch-kim', 'rl-math6-ratios');
    const link = h.platform.resourceLinks.get('rl-math6-ratios')!;
    link.memberSubs = ['stu-ana', 'tch-kim'];
    const res = await request(h.app)
      .post(`/api/courses/${teacher.courseId}/roster/sync?resourceLinkId=${ana.resourceLinkId}`)
      .set('Authorization', `Bearer ${teacher.boot.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'resource-link', members: 2 });
    expect(h.platform.requestsTo('memberships').at(-1)!.url).toContain('rlid=rl-math6-ratios');
    const rows = await h.tdb.db.query<{ sub: string }>(
      `SELECT u.sub FROM resource_link_member m JOIN app_user u ON u.id = m.user_id WHERE m.resource_link_id = $1 ORDER BY u.sub`,
      [ana.resourceLinkId],
    );
    expect(rows.map((r) => r.sub)).toEqual(['stu-ana', 'tch-kim']);
  });
});
