// The mentor (parent) view over HTTP on real PostgreSQL: a mentor sees exactly the
// mentees the launch's role_scope_mentor names (and only those enrolled in the course),
// with strengths, goals, recent activity and what to practise at home worked out from a
// known attempt history; every other student is a 403 however it is asked for.
import request from 'supertest';
import type { MenteesResponse, MenteeView } from '../../server/http/contract';
import { builtinBank } from '../../server/practice/content/builtin-bank';
import { DEFAULT_BKT_PARAMS, updateKnown } from '../../server/practice/model/bkt';
import { CLAIM } from '../platform/lti-vocab';
import { bootDataOf, fullLaunch, launch, startHarness, type Harness } from '../support/harness';
import { seedClass, type SeedAttempt, type SeededClass } from '../support/seed-class';

const A = 'g3.mult-facts-2-5'; // mastered, practised 42 minutes ago: review due
const B = 'g3.unit-fractions'; // mastered a minute ago: not due
const C = 'g3.equivalent-fractions'; // learning, one right
const D = 'g3.division-facts'; // learning, one wrong, two days ago
const E = 'g3.mult-facts-6-9'; // learning, wrong then right, eight days ago
const DAY = 24 * 60;

// Oldest first, each skill's own attempts in order (the last one is its last practice).
const ANA: SeedAttempt[] = [
  { skill: E, correct: false, minutesAgo: 8 * DAY + 1 },
  { skill: E, correct: true, minutesAgo: 8 * DAY },
  { skill: D, correct: false, minutesAgo: 2 * DAY + 60 },
  { skill: A, correct: true, minutesAgo: 45 },
  { skill: A, correct: true, minutesAgo: 44 },
  { skill: A, correct: true, minutesAgo: 43 },
  { skill: A, correct: true, minutesAgo: 42 },
  { skill: C, correct: true, minutesAgo: 20 },
  { skill: B, correct: true, minutesAgo: 3 },
  { skill: B, correct: true, minutesAgo: 2 },
  { skill: B, correct: true, minutesAgo: 1 },
];
const BEN: SeedAttempt[] = [
  { skill: D, correct: true, minutesAgo: 30 },
  { skill: D, correct: true, minutesAgo: 29 },
  { skill: D, correct: true, minutesAgo: 28 },
  { skill: C, correct: false, minutesAgo: 5 },
];

const nameOf = (code: string, locale: 'en' | 'es' = 'en') => builtinBank.skills.find((s) => s.code === code)!.name[locale]!;
/** p(known) after a run of answers, from the prior, as BKT computes it. */
const pAfter = (answers: boolean[]) => answers.reduce((p, c) => updateKnown(p, c, DEFAULT_BKT_PARAMS), DEFAULT_BKT_PARAMS.pInit);

let h: Harness;
let cls: SeededClass;
let ana: string;
let ben: string;
let mentorToken: string;

const get = (token: string, path: string) => request(h.app).get(path).set('Authorization', `Bearer ${token}`);
const tokenOf = (res: { status: number; text: string }) => {
  if (res.status !== 200) throw new Error(`launch failed: ${res.status} ${res.text.slice(0, 200)}`);
  return bootDataOf(res.text).token;
};
/** A mentor launch as par-lopez with its claims shaped by the test. */
const mentorLaunch = async (mutate: (claims: Record<string, unknown>) => void) => tokenOf(await launch(h, { userSub: 'par-lopez', mutate }));

beforeAll(async () => {
  h = await startHarness();
  cls = await seedClass(h, [
    { sub: 'stu-ana', attempts: ANA },
    { sub: 'stu-ben', attempts: BEN },
  ]);
  ana = cls.users.get('stu-ana')!;
  ben = cls.users.get('stu-ben')!;
  mentorToken = tokenOf(await fullLaunch(h, { userSub: 'par-lopez' }));
});
afterAll(() => h.close());

// What Ana's history means, worked out by hand from the list above.
const expectedAna = {
  name: 'Ana Lopez',
  // A's four right answers make it stronger than B's three.
  strengths: [
    { code: A, name: nameOf(A) },
    { code: B, name: nameOf(B) },
  ],
  goals: [
    { code: C, name: nameOf(C), pKnown: pAfter([true]) },
    { code: E, name: nameOf(E), pKnown: pAfter([false, true]) },
    { code: D, name: nameOf(D), pKnown: pAfter([false]) },
  ],
  // The ten newest attempts, newest first (E's first, wrong, answer is the eleventh).
  recent: [B, B, B, C, A, A, A, A, D, E].map((skill, i) => ({ skill, skillName: nameOf(skill), correct: i !== 8 })),
  home: [
    { code: C, name: nameOf(C), reason: 'learning' },
    { code: E, name: nameOf(E), reason: 'learning' },
    { code: D, name: nameOf(D), reason: 'learning' },
    { code: A, name: nameOf(A), reason: 'review-due' },
  ],
  // Within 7 days: all but E's two attempts, on two days (today and two days ago).
  activeDays7: 2,
  attempts7: 9,
};

function expectAna(view: MenteeView) {
  expect(view).toMatchObject({ userId: ana, name: expectedAna.name, strengths: expectedAna.strengths, home: expectedAna.home });
  expect(view).toMatchObject({ activeDays7: expectedAna.activeDays7, attempts7: expectedAna.attempts7 });
  // p(known) is a float: the codes in order, the values closely.
  expect(view.goals.map(({ code, name }) => ({ code, name }))).toEqual(expectedAna.goals.map(({ code, name }) => ({ code, name })));
  view.goals.forEach((g, i) => expect(g.pKnown).toBeCloseTo(expectedAna.goals[i]!.pKnown, 10));
  expect(view.recent.map(({ skill, skillName, correct }) => ({ skill, skillName, correct }))).toEqual(expectedAna.recent);
  const times = view.recent.map((r) => Date.parse(r.at));
  expect([...times].sort((x, y) => y - x)).toEqual(times);
}

describe('mentor view', () => {
  it('shows par-lopez only stu-ana, strengths first, with goals, recent activity and home practice', async () => {
    const res = await get(mentorToken, '/api/mentor/mentees');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body as MenteesResponse;
    expect(body.mentees).toHaveLength(1);
    expectAna(body.mentees[0]!);
    expect(pAfter([true, true, true, true])).toBeGreaterThan(pAfter([true, true, true]));
    expect(pAfter([true, true, true])).toBeGreaterThanOrEqual(0.95);
    // Nothing of Ben's is in it.
    expect(JSON.stringify(body)).not.toContain(ben);
  });

  it('audits each mentee shown', async () => {
    const before = await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'view-mentee' AND subject_user_id = $1`, [ana]);
    await get(mentorToken, '/api/mentor/mentees').expect(200);
    await get(mentorToken, `/api/mentor/mentees/${ana}`).expect(200);
    const rows = await h.tdb.db.query<{ subject_user_id: string; actor_roles: string[]; sub: string; context_id: string }>(
      `SELECT a.subject_user_id, a.actor_roles, u.sub, a.context_id FROM audit_event a JOIN app_user u ON u.id = a.actor_user_id
        WHERE a.action = 'view-mentee' ORDER BY a.id`,
    );
    expect(rows.length - before[0]!.n).toBe(2);
    for (const r of rows) expect(r).toEqual({ subject_user_id: ana, actor_roles: ['mentor'], sub: 'par-lopez', context_id: cls.courseId });
  });

  it('opens the mentee by id', async () => {
    const res = await get(mentorToken, `/api/mentor/mentees/${ana}`);
    expect(res.status).toBe(200);
    expectAna(res.body as MenteeView);
    // Upper-case spelling of the same id is the same mentee.
    expect((await get(mentorToken, `/api/mentor/mentees/${ana.toUpperCase()}`)).status).toBe(200);
  });

  it.each([
    ['another student of the course', () => ben],
    ['a random UUID', () => crypto.randomUUID()],
    ['a malformed id', () => 'abc'],
    ['an id with SQL in it', () => `${ana}' OR '1'='1`],
  ])('refuses %s with the same 403', async (_what, id) => {
    const res = await get(mentorToken, `/api/mentor/mentees/${encodeURIComponent(id())}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    const [audited] = await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE subject_user_id = $1`, [ben]);
    expect(audited!.n).toBe(0);
  });

  it('refuses the mentor routes to a student and to a teacher', async () => {
    for (const sub of ['stu-ana', 'tch-kim']) {
      const token = tokenOf(await fullLaunch(h, { userSub: sub }));
      for (const path of ['/api/mentor/mentees', `/api/mentor/mentees/${ana}`]) {
        const res = await get(token, path);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
  });

  it("refuses a mentor the student's own routes", async () => {
    for (const path of ['/api/me/progress', '/api/me/data.json', '/api/me/data.csv']) {
      const res = await get(mentorToken, path);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('shows no one when role_scope_mentor is empty or missing', async () => {
    for (const mutate of [(c: Record<string, unknown>) => (c[CLAIM.roleScopeMentor] = []), (c: Record<string, unknown>) => delete c[CLAIM.roleScopeMentor]]) {
      const token = await mentorLaunch(mutate);
      const res = await get(token, '/api/mentor/mentees');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ mentees: [] });
      expect((await get(token, `/api/mentor/mentees/${ana}`)).status).toBe(403);
    }
  });

  it('shows only the named mentees who are enrolled in the course', async () => {
    // A user of the same platform who is not in this course.
    const [outsider] = await h.tdb.db.query<{ id: string }>(
      `INSERT INTO app_user (platform_id, sub, name) VALUES ($1, 'stu-elsewhere', 'Elsewhere Student') RETURNING id`,
      [cls.platformId],
    );
    const token = await mentorLaunch((c) => (c[CLAIM.roleScopeMentor] = ['stu-ana', 'stu-ben', 'stu-elsewhere', 'no-such-sub']));
    const res = await get(token, '/api/mentor/mentees');
    expect(res.status).toBe(200);
    expect((res.body as MenteesResponse).mentees.map((m) => [m.userId, m.name])).toEqual([
      [ana, 'Ana Lopez'],
      [ben, 'Ben Okafor'],
    ]);
    expect((await get(token, `/api/mentor/mentees/${ben}`)).status).toBe(200);
    expect((await get(token, `/api/mentor/mentees/${outsider!.id}`)).status).toBe(403);
    // The claim of one launch never widens another: the first launch still sees Ana only.
    expect(((await get(mentorToken, '/api/mentor/mentees')).body as MenteesResponse).mentees.map((m) => m.userId)).toEqual([ana]);
  });

  it('names skills in Spanish for a Spanish launch', async () => {
    const token = await mentorLaunch((c) => (c[CLAIM.launchPresentation] = { document_target: 'iframe', locale: 'es' }));
    const view = ((await get(token, '/api/mentor/mentees')).body as MenteesResponse).mentees[0]!;
    expect(view.strengths).toEqual([
      { code: A, name: nameOf(A, 'es') },
      { code: B, name: nameOf(B, 'es') },
    ]);
    expect(view.strengths[0]!.name).not.toBe(nameOf(A, 'en'));
    expect(view.home.map((x) => x.name)).toEqual([C, E, D, A].map((c) => nameOf(c, 'es')));
    expect(view.recent[0]!.skillName).toBe(nameOf(B, 'es'));
  });
});
