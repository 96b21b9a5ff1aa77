// Names and Role Provisioning: a paged full sync (Link rel="next"), then incremental syncs
// through the rel="differences" link after the roster changes.
import request from 'supertest';
import { MEDIA_TYPE, ROLE, SCOPE } from './index';
import { accessToken, startPlatform, type PlatformFixture } from './fake-tool';

let f: PlatformFixture;
let auth: string;
beforeAll(async () => {
  f = await startPlatform();
  auth = `Bearer ${await accessToken(f, [SCOPE.contextMembershipReadonly])}`;
});
afterAll(() => f.close());

interface Member {
  status: string;
  user_id: string;
  roles: string[];
  name?: string;
  email?: string;
}

const links = (header: string | undefined) => {
  const out: Record<string, string> = {};
  for (const m of (header ?? '').matchAll(/<([^>]+)>;\s*rel="([^"]+)"/g)) out[m[2]!] = m[1]!;
  return out;
};
const rel = (url: string) => new URL(url).pathname + new URL(url).search;

/** Follows rel="next" to the end; returns members, page count and the differences URL. */
async function sync(start: string) {
  const members: Member[] = [];
  let url: string | undefined = start;
  let pages = 0;
  let differences: string | undefined;
  while (url) {
    const res = await request(f.app).get(url).set('Authorization', auth).set('Accept', MEDIA_TYPE.membershipContainer).expect(200);
    expect(res.headers['content-type']).toContain(MEDIA_TYPE.membershipContainer);
    expect(res.body.context).toEqual({ id: 'math-6', label: 'MATH6', title: 'Grade 6 Math' });
    members.push(...res.body.members);
    const l = links(res.headers.link);
    pages += 1;
    url = l.next && rel(l.next);
    if (url) expect(l.differences).toBeUndefined(); // differences only on the last page
    else differences = l.differences;
  }
  return { members, pages, differences: differences! };
}

describe('memberships', () => {
  let differences: string;

  it('pages the roster over 3 pages and ends with a differences link', async () => {
    const full = await sync('/lms/api/courses/math-6/memberships?limit=2');
    expect(full.pages).toBe(3);
    expect(full.members.map((m) => m.user_id).sort()).toEqual(['par-lopez', 'stu-ana', 'stu-anon', 'stu-ben', 'ta-diaz', 'tch-kim']);
    const byId = Object.fromEntries(full.members.map((m) => [m.user_id, m]));
    expect(byId['stu-ana']).toEqual({
      status: 'Active',
      user_id: 'stu-ana',
      roles: [ROLE.learner],
      name: 'Ana Lopez',
      given_name: 'Ana',
      family_name: 'Lopez',
      email: 'ana.lopez@students.example.edu',
    });
    expect(byId['stu-ben']).not.toHaveProperty('email');
    expect(byId['stu-anon']).toEqual({ status: 'Active', user_id: 'stu-anon', roles: [ROLE.learner] });
    expect(byId['ta-diaz']!.roles).toEqual([ROLE.instructor, ROLE.teachingAssistant]);
    expect(full.differences).toMatch(/[?&]since=\d+/);
    differences = rel(full.differences);
  });

  it('differences return only what changed: adds, role changes, Inactive and Deleted', async () => {
    f.platform.addMember('math-6', { sub: 'stu-cai', name: 'Cai Wen', given_name: 'Cai', family_name: 'Wen', roles: [ROLE.learner] });
    f.platform.removeMember('math-6', 'stu-ben');
    f.platform.deactivateMember('math-6', 'stu-anon');
    f.platform.setMemberRoles('math-6', 'ta-diaz', [ROLE.instructor]);

    const diff = await sync(differences.replace(/limit=\d+/, 'limit=3'));
    expect(diff.pages).toBe(2);
    const byId = Object.fromEntries(diff.members.map((m) => [m.user_id, m]));
    expect(Object.keys(byId).sort()).toEqual(['stu-anon', 'stu-ben', 'stu-cai', 'ta-diaz']);
    expect(byId['stu-cai']).toMatchObject({ status: 'Active', name: 'Cai Wen', roles: [ROLE.learner] });
    expect(byId['stu-ben']!.status).toBe('Deleted');
    expect(byId['stu-anon']!.status).toBe('Inactive');
    expect(byId['ta-diaz']).toMatchObject({ status: 'Active', roles: [ROLE.instructor] });

    // Nothing changed since: the next differences sync is empty.
    const again = await sync(rel(diff.differences));
    expect(again.members).toEqual([]);

    // A full sync now omits the deleted member and reports the inactive one.
    const full = await sync('/lms/api/courses/math-6/memberships');
    expect(full.members.find((m) => m.user_id === 'stu-ben')).toBeUndefined();
    expect(full.members.find((m) => m.user_id === 'stu-anon')?.status).toBe('Inactive');
  });

  it('filters by role and by resource link (rlid)', async () => {
    const learners = await sync('/lms/api/courses/math-6/memberships?role=Learner');
    expect(learners.members.every((m) => m.roles.includes(ROLE.learner))).toBe(true);
    f.platform.resourceLinks.get('rl-math6-ratios')!.memberSubs = ['stu-ana', 'tch-kim'];
    const linked = await sync('/lms/api/courses/math-6/memberships?rlid=rl-math6-ratios');
    expect(linked.members.map((m) => m.user_id).sort()).toEqual(['stu-ana', 'tch-kim']);
    expect(linked.differences).toContain('rlid=rl-math6-ratios');
    await request(f.app).get('/lms/api/courses/math-6/memberships?rlid=nope').set('Authorization', auth).expect(400);
    await request(f.app).get('/lms/api/courses/nope/memberships').set('Authorization', auth).expect(404);
  });

  it('withholds PII the tool did not ask for (claims)', async () => {
    f.platform.tool.claims = ['iss', 'sub', 'name'];
    try {
      const { members } = await sync('/lms/api/courses/math-6/memberships');
      const ana = members.find((m) => m.user_id === 'stu-ana')!;
      expect(ana.name).toBe('Ana Lopez');
      expect(ana).not.toHaveProperty('email');
    } finally {
      delete f.platform.tool.claims;
    }
  });
});
