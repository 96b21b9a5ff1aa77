// Early-warning flags over HTTP on real PostgreSQL: a seeded class whose students each hit
// known features, the exact flags and reasons, teachers' dismissals and flags (kept,
// shown, audited, respected until new evidence), and who may see or change them.
import request from 'supertest';
import type { FlagOverrideView, FlagsResponse, FlagView, PracticeStateView } from '../../server/http/contract';
import { flagsForCourse } from '../../server/insights/early-warning';
import { DEFAULT_BKT_PARAMS, updateKnown } from '../../server/practice/model/bkt';
import { fullLaunch, startHarness, type Harness } from '../support/harness';
import { answerCurrent, api, studentToken } from '../support/practice';
import { seedClass, type SeedAttempt, type SeededClass } from '../support/seed-class';
import { ROLE } from '../platform/lti-vocab';

const A = 'g3.mult-facts-2-5';
const B = 'g3.mult-facts-6-9';
const DAY_MIN = 24 * 60;
const times = (n: number, a: SeedAttempt): SeedAttempt[] => Array.from({ length: n }, () => ({ ...a }));

let h: Harness;
let cls: SeededClass;
let teacher: string;
const id = (sub: string) => cls.users.get(sub)!;

beforeAll(async () => {
  h = await startHarness();
  cls = await seedClass(h, [
    // Doing fine: right answers, no hints.
    { sub: 'stu-ana', attempts: times(6, { skill: A, correct: true }) },
    // Six wrong in a row: a miss streak of 6, and no growth.
    { sub: 'stu-ben', attempts: times(6, { skill: A, correct: false }) },
    // Hints on every answer, otherwise doing well: 1 point, not flagged.
    { sub: 'stu-cai', name: 'Cai Hint', attempts: times(5, { skill: A, correct: true, hints: 1 }) },
    // Hints on every answer and the last four wrong (on a second skill; the first grew).
    { sub: 'stu-dee', name: 'Dee Streak', attempts: [...times(5, { skill: A, correct: true, hints: 2 }), ...times(4, { skill: B, correct: false, hints: 1 })] },
    // On the roster, never opened Trellis.
    { sub: 'stu-eve', name: 'Eve Roster', launched: false },
    // Quiet for 15 days (answers outside the growth window), then a low LMS grade.
    { sub: 'stu-fay', name: 'Fay Quiet', attempts: [21_603, 21_602, 21_601].map((m) => ({ skill: A, correct: true, minutesAgo: m })) },
  ]);
  await h.tdb.db.query(`UPDATE enrolment SET last_launch_at = now() - interval '15 days' WHERE user_id = $1`, [id('stu-fay')]);
  const [link] = await h.tdb.db.query<{ id: string }>(`SELECT id FROM resource_link WHERE context_id = $1 LIMIT 1`, [cls.courseId]);
  await h.tdb.db.query(`INSERT INTO lms_result (resource_link_id, user_id, result_score, result_maximum) VALUES ($1, $2, 4, 10)`, [link!.id, id('stu-fay')]);
  teacher = await studentToken(h, 'tch-kim');
}, 120_000);
afterAll(() => h.close());

const flagsOf = async (token = teacher) => {
  const res = await request(h.app).get(`/api/courses/${cls.courseId}/flags`).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body as FlagsResponse;
};
const override = (body: object, token = teacher) =>
  request(h.app).post(`/api/courses/${cls.courseId}/flags/overrides`).set('Authorization', `Bearer ${token}`).send(body);
const flagOf = (flags: FlagView[], sub: string) => flags.find((f) => f.userId === id(sub));
const count = async (sql: string) => (await h.tdb.db.query<{ n: number }>(sql))[0]!.n;

/** p(known) change over a run of answers on one skill from the default prior: the test's own oracle. */
const gain = (answers: boolean[]) => answers.reduce((p, c) => updateKnown(p, c, DEFAULT_BKT_PARAMS), DEFAULT_BKT_PARAMS.pInit) - DEFAULT_BKT_PARAMS.pInit;

describe('early-warning flags', () => {
  it('flags exactly the students the published model says, with every reason as data', async () => {
    const body = await flagsOf();
    expect(body.model).toMatchObject({ version: 1, threshold: 3 });
    expect(body.model.features.map((f) => f.feature)).toEqual(['never-launched', 'days-inactive', 'no-growth', 'hint-dependence', 'miss-streak', 'lms-grade']);
    const benGain = Number(gain(Array(6).fill(false)).toFixed(3));
    expect(benGain).toBeLessThan(0);
    // Highest score first; ties in roster (name) order. Ana (0 points) and Cai (1) are not listed.
    expect(body.flags.map(({ name, score, status, reasons }) => ({ name, score, status, reasons }))).toEqual([
      {
        name: 'Ben Okafor',
        score: 5,
        status: 'flagged',
        reasons: [
          { feature: 'no-growth', value: benGain, points: 2 },
          { feature: 'miss-streak', value: 6, points: 3 },
        ],
      },
      {
        name: 'Fay Quiet',
        score: 4,
        status: 'flagged',
        reasons: [
          { feature: 'days-inactive', value: 15, points: 2 },
          { feature: 'lms-grade', value: 0.4, points: 2 },
        ],
      },
      {
        name: 'Dee Streak',
        score: 3,
        status: 'flagged',
        reasons: [
          { feature: 'hint-dependence', value: 1, points: 1 },
          { feature: 'miss-streak', value: 4, points: 2 },
        ],
      },
      { name: 'Eve Roster', score: 3, status: 'flagged', reasons: [{ feature: 'never-launched', value: null, points: 3 }] },
    ]);
    for (const f of body.flags) expect(f).toMatchObject({ threshold: 3, modelVersion: 1, override: null });
    expect(flagOf(body.flags, 'stu-eve')!.userId).toBe(id('stu-eve'));
  });

  it('computes for the students asked for, as of the time asked for', async () => {
    const scope = { platformId: cls.platformId, deploymentId: cls.deploymentId, courseId: cls.courseId };
    const some = await flagsForCourse(h.tdb.db, scope, { userIds: [id('stu-ben'), id('stu-ana')] });
    expect(some.map((f) => f.userId)).toEqual([id('stu-ben')]);
    // A week later Fay has been quiet for 22 days; Cai's hints plus a week away is still 2 points.
    const later = await flagsForCourse(h.tdb.db, scope, { userIds: [id('stu-fay'), id('stu-cai')], now: new Date(Date.now() + 7 * DAY_MIN * 60_000) });
    expect(later.map(({ userId, score, reasons }) => ({ userId, score, reasons }))).toEqual([
      {
        userId: id('stu-fay'),
        score: 5,
        reasons: [
          { feature: 'days-inactive', value: 22, points: 3 },
          { feature: 'lms-grade', value: 0.4, points: 2 },
        ],
      },
    ]);
  });

  let dismissal: FlagOverrideView;
  it('a teacher dismisses a flag with a note: kept, shown, audited, and still dismissed on reload', async () => {
    const res = await override({ userId: id('stu-ben'), action: 'dismiss', note: '  Ben was unwell this week; I will check in Monday.  ' });
    expect(res.status).toBe(201);
    dismissal = res.body as FlagOverrideView;
    expect(dismissal).toMatchObject({ action: 'dismiss', note: 'Ben was unwell this week; I will check in Monday.', author: 'Grace Kim' });
    expect(new Date(dismissal.createdAt).toISOString()).toBe(dismissal.createdAt);

    for (let reload = 0; reload < 2; reload++) {
      const ben = flagOf((await flagsOf()).flags, 'stu-ben')!;
      expect(ben).toMatchObject({ status: 'dismissed', score: 5, override: dismissal });
      expect(ben.reasons.map((r) => r.feature)).toEqual(['no-growth', 'miss-streak']);
    }
    // Dismissed flags come after active ones.
    expect((await flagsOf()).flags.map((f) => f.status)).toEqual(['flagged', 'flagged', 'flagged', 'dismissed']);

    const [row] = await h.tdb.db.query<{ reasons: string[]; model_version: number; matches: boolean; author_id: string }>(
      `SELECT o.reasons, o.model_version, o.author_id,
              o.evidence_until = greatest((SELECT date_trunc('milliseconds', max(a.created_at)) FROM attempt a WHERE a.user_id = o.student_id),
                                          (SELECT date_trunc('milliseconds', e.last_launch_at) FROM enrolment e WHERE e.user_id = o.student_id AND e.context_id = o.context_id)) AS matches
         FROM flag_override o WHERE o.id = $1`,
      [dismissal.id],
    );
    expect(row).toMatchObject({ reasons: ['no-growth', 'miss-streak'], model_version: 1, matches: true });

    const audits = await h.tdb.db.query<{ actor_user_id: string; actor_roles: string[]; context_id: string; subject_user_id: string; detail: Record<string, unknown> }>(
      `SELECT actor_user_id, actor_roles, context_id, subject_user_id, detail FROM audit_event WHERE action = 'override-flag'`,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_user_id: row!.author_id,
      context_id: cls.courseId,
      subject_user_id: id('stu-ben'),
      detail: { overrideId: dismissal.id, action: 'dismiss', reasons: ['no-growth', 'miss-streak'], score: 5, modelVersion: 1 },
    });
    expect(audits[0]!.actor_roles).toContain('instructor');
  });

  it('a launch alone is not new evidence for the dismissed reasons; another miss brings the flag back, still showing the dismissal', async () => {
    const ben = await studentToken(h, 'stu-ben');
    expect(flagOf((await flagsOf()).flags, 'stu-ben')!.status).toBe('dismissed');

    const state = (await api(h, ben).state()).body as PracticeStateView;
    const result = await answerCurrent(h, ben, state, false);
    expect(result.correct).toBe(false);

    const back = flagOf((await flagsOf()).flags, 'stu-ben')!;
    expect(back).toMatchObject({ status: 'flagged', override: dismissal });
    expect(back.reasons.find((r) => r.feature === 'miss-streak')).toEqual({ feature: 'miss-streak', value: 7, points: 3 });
    expect(back.score).toBe(5);
  });

  it('a teacher flags a student the model did not; a later dismissal takes them off the list', async () => {
    expect(flagOf((await flagsOf()).flags, 'stu-cai')).toBeUndefined();
    const res = await override({ userId: id('stu-cai'), action: 'flag', note: 'Relies on hints in class too.' });
    expect(res.status).toBe(201);
    const cai = flagOf((await flagsOf()).flags, 'stu-cai')!;
    expect(cai).toMatchObject({
      name: 'Cai Hint',
      status: 'teacher-flagged',
      score: 1,
      reasons: [{ feature: 'hint-dependence', value: 1, points: 1 }],
      override: { id: res.body.id, action: 'flag', note: 'Relies on hints in class too.', author: 'Grace Kim' },
    });

    expect((await override({ userId: id('stu-cai'), action: 'dismiss', note: 'Talked it through; fine now.' })).status).toBe(201);
    expect(flagOf((await flagsOf()).flags, 'stu-cai')).toBeUndefined();
    // History is kept: both decisions, and both audited.
    expect(await count(`SELECT count(*)::int AS n FROM flag_override WHERE student_id = '${id('stu-cai')}'`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'override-flag' AND subject_user_id = '${id('stu-cai')}'`)).toBe(2);
  });

  it('refuses bad overrides and students outside the course, storing nothing', async () => {
    // A learner of another course, launched there.
    h.platform.courses.set('sci-7', { id: 'sci-7', title: 'Science 7', label: 'SCI7' });
    h.platform.addMember('sci-7', { sub: 'stu-zed', name: 'Zed Other', roles: [ROLE.learner] });
    expect((await fullLaunch(h, { userSub: 'stu-zed', courseId: 'sci-7' })).status).toBe(200);
    const [zed] = await h.tdb.db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = 'stu-zed'`);
    const [kim] = await h.tdb.db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = 'tch-kim'`);

    const before = [await count(`SELECT count(*)::int AS n FROM flag_override`), await count(`SELECT count(*)::int AS n FROM audit_event`)];
    for (const userId of [zed!.id, kim!.id, crypto.randomUUID()]) {
      const res = await override({ userId, action: 'dismiss', note: 'x' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('student_not_found');
    }
    for (const body of [
      { userId: id('stu-eve'), action: 'dismiss', note: '' },
      { userId: id('stu-eve'), action: 'dismiss', note: '   ' },
      { userId: id('stu-eve'), action: 'dismiss', note: 'x'.repeat(2001) },
      { userId: id('stu-eve'), action: 'snooze', note: 'x' },
      { userId: 'stu-eve', action: 'dismiss', note: 'x' },
      { action: 'dismiss', note: 'x' },
    ]) {
      const res = await override(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    expect([await count(`SELECT count(*)::int AS n FROM flag_override`), await count(`SELECT count(*)::int AS n FROM audit_event`)]).toEqual(before);

    // 2000 characters is allowed; a never-launched dismissal holds while there is no evidence.
    expect((await override({ userId: id('stu-eve'), action: 'dismiss', note: 'y'.repeat(2000) })).status).toBe(201);
    expect(flagOf((await flagsOf()).flags, 'stu-eve')).toMatchObject({ status: 'dismissed', reasons: [{ feature: 'never-launched', value: null, points: 3 }] });
  });

  it('students and mentors may not see or change flags; anyone launched may read the model', async () => {
    const student = await studentToken(h, 'stu-ana');
    const mentor = await studentToken(h, 'par-lopez');
    for (const token of [student, mentor]) {
      expect((await request(h.app).get(`/api/courses/${cls.courseId}/flags`).set('Authorization', `Bearer ${token}`)).status).toBe(403);
      expect((await override({ userId: id('stu-ben'), action: 'dismiss', note: 'x' }, token)).status).toBe(403);
      const model = await request(h.app).get('/api/early-warning/model').set('Authorization', `Bearer ${token}`);
      expect(model.status).toBe(200);
      expect(model.body).toMatchObject({ version: 1, threshold: 3 });
      expect(model.body.features).toHaveLength(6);
    }
    // Another course's teacher is refused by course, before anything is read.
    expect((await request(h.app).get(`/api/courses/${crypto.randomUUID()}/flags`).set('Authorization', `Bearer ${teacher}`)).status).toBe(403);
    expect((await request(h.app).get('/api/early-warning/model')).status).toBe(401);
  });
});
