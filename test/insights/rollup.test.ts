// District rollups on real PostgreSQL: the job's course_skill_rollup equals the same
// numbers computed from every attempt, a second run without new estimates touches
// nothing (watermark), a new estimate recomputes just its (course, skill); the route is
// the platform administrator's, scoped to their platform, and audited.
import request from 'supertest';
import { naiveDistrictRollup, refreshRollups, ROLLUP_JOB, startRollupScheduler } from '../../server/insights/rollup';
import type { PlatformRollupView } from '../../server/http/insights-routes';
import { DEFAULT_BKT_PARAMS, replay } from '../../server/practice/model/bkt';
import { ROLE } from '../platform/lti-vocab';
import { bootDataOf, fullLaunch, startHarness, type Harness } from '../support/harness';
import { seedClass, type SeededClass } from '../support/seed-class';

const F25 = 'g3.mult-facts-2-5';
const F69 = 'g3.mult-facts-6-9';

let h: Harness;
let cls: SeededClass;
let sci: { courseId: string; zed: string };
let admin: string;
const id = (sub: string) => cls.users.get(sub)!;
const runs = (skill: string, answers: string) => [...answers].map((c) => ({ skill, correct: c === '1' }));
const pAfter = (answers: string) => replay([...answers].map((c) => c === '1'), DEFAULT_BKT_PARAMS).at(-1)!;

beforeAll(async () => {
  h = await startHarness();
  cls = await seedClass(h, [
    { sub: 'rb-ana', name: 'Ana Arias', attempts: [...runs(F25, '111'), ...runs(F69, '0')] },
    { sub: 'rb-ben', name: 'Ben Bell', attempts: runs(F25, '0000') },
    { sub: 'rb-cal', name: 'Cal Cruz', launched: false },
  ]);
  // A second course of the same district (platform).
  h.platform.courses.set('sci-7', { id: 'sci-7', title: 'Grade 7 Science', label: 'SCI7' });
  h.platform.addMember('sci-7', { sub: 'rb-zed', name: 'Zed Zhu', roles: [ROLE.learner] });
  await tokenOf('rb-zed', { courseId: 'sci-7' });
  const [zed] = await h.tdb.db.query<{ id: string; course_id: string }>(
    `SELECT u.id, e.context_id AS course_id FROM app_user u JOIN enrolment e ON e.user_id = u.id WHERE u.sub = 'rb-zed'`,
  );
  sci = { courseId: zed!.course_id, zed: zed!.id };
  await practise(sci.courseId, sci.zed, runs(F25, '11'));
  admin = await tokenOf('adm-rivera');
}, 120_000);
afterAll(() => h.close());

async function tokenOf(userSub: string, opts: { courseId?: string } = {}): Promise<string> {
  const res = await fullLaunch(h, { userSub, ...opts });
  if (res.status !== 200) throw new Error(`launch failed: ${res.status}`);
  return bootDataOf(res.text).token;
}

const getRollup = async (token = admin) => request(h.app).get('/api/platform/rollup').set('Authorization', `Bearer ${token}`);
const refresh = () => refreshRollups(h.tdb.db, { settleMs: 0 });
const rollupRows = () =>
  h.tdb.db.query<{ context_id: string; skill_code: string; refreshed_at: Date }>(
    `SELECT context_id, skill_code, refreshed_at FROM course_skill_rollup ORDER BY context_id, skill_code`,
  );
const watermark = async () => (await h.tdb.db.query<{ until: string }>(`SELECT until::text FROM job_watermark WHERE name = $1`, [ROLLUP_JOB]))[0]?.until ?? null;

/** The two views agree: counts exactly, means to floating-point noise (sums in another order). */
function expectSame(a: PlatformRollupView, b: PlatformRollupView) {
  const shape = (v: PlatformRollupView) =>
    v.courses.map((c) => ({ ...c, skills: c.skills.map((s) => ({ ...s, meanPKnown: s.meanPKnown === null ? null : Math.round(s.meanPKnown * 1e9) })) }));
  expect(shape(a)).toEqual(shape(b));
}

describe('district rollup', () => {
  it('before the job has run, the route shows nothing and says so', async () => {
    const res = await getRollup();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ courses: [], refreshedAt: null });
  });

  it('the job’s rollup equals the numbers computed from every attempt', async () => {
    const outcome = await refresh();
    // Math: 2–5, 6–9 and the course total; science: 2–5 and the course total.
    expect(outcome.rows).toBe(5);
    const res = await getRollup();
    expect(res.status).toBe(200);
    const view = res.body as PlatformRollupView;
    expect(view).toEqual({
      courses: [
        {
          courseId: cls.courseId, title: 'Grade 6 Math', students: 2,
          skills: [
            { code: F25, students: 2, mastered: 1, meanPKnown: expect.closeTo((pAfter('111') + pAfter('0000')) / 2, 10) },
            { code: F69, students: 1, mastered: 0, meanPKnown: expect.closeTo(pAfter('0'), 10) },
          ],
        },
        { courseId: sci.courseId, title: 'Grade 7 Science', students: 1, skills: [{ code: F25, students: 1, mastered: 0, meanPKnown: expect.closeTo(pAfter('11'), 10) }] },
      ],
      refreshedAt: expect.any(String),
    });
    expectSame(view, await naiveDistrictRollup(h.tdb.db, cls.platformId));
    // The watermark is the newest estimate seen, not the time the job ran.
    const [same] = await h.tdb.db.query<{ equal: boolean }>(
      `SELECT (SELECT until FROM job_watermark WHERE name = $1) = (SELECT max(updated_at) FROM mastery_estimate) AS equal`,
      [ROLLUP_JOB],
    );
    expect(same!.equal).toBe(true);
  });

  it('a second run without new estimates touches nothing', async () => {
    const rows = await rollupRows();
    const mark = await watermark();
    expect(await refresh()).toEqual({ rows: 0, until: null });
    expect(await rollupRows()).toEqual(rows);
    expect(await watermark()).toBe(mark);
  });

  it('a new estimate recomputes only its (course, skill) and the course total, and still equals the baseline', async () => {
    const before = await rollupRows();
    const mark = await watermark();
    await practise(cls.courseId, id('rb-ben'), runs(F69, '1'));
    // Younger than the default settle time: left for the next run.
    expect((await refreshRollups(h.tdb.db)).rows).toBe(0);
    const outcome = await refresh();
    expect(outcome.rows).toBe(2);
    const after = await rollupRows();
    const changed = after.filter((r, i) => r.refreshed_at.getTime() !== before[i]!.refreshed_at.getTime()).map((r) => [r.context_id, r.skill_code]);
    expect(changed.sort()).toEqual([[cls.courseId, '*'], [cls.courseId, F69]].sort());
    expect(await watermark()).not.toBe(mark);
    const view = (await getRollup()).body as PlatformRollupView;
    expect(view.courses[0]!.skills[1]).toEqual({ code: F69, students: 2, mastered: 0, meanPKnown: expect.closeTo((pAfter('0') + pAfter('1')) / 2, 10) });
    expectSame(view, await naiveDistrictRollup(h.tdb.db, cls.platformId));
  });

  it('the scheduler refreshes on its own until stopped', async () => {
    await practise(sci.courseId, sci.zed, runs(F69, '1'));
    const errors: unknown[] = [];
    const stop = startRollupScheduler(h.tdb.db, { everyMs: 20, settleMs: 0, onError: (err) => errors.push(err) });
    try {
      for (let i = 0; i < 200; i++) {
        const [row] = await h.tdb.db.query(`SELECT 1 FROM course_skill_rollup WHERE context_id = $1 AND skill_code = $2`, [sci.courseId, F69]);
        if (row) break;
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      stop();
    }
    expect(errors).toEqual([]);
    expectSame((await getRollup()).body, await naiveDistrictRollup(h.tdb.db, cls.platformId));
  });

  it('shows only the launch’s platform', async () => {
    await h.tdb.db.query(
      `WITH p AS (INSERT INTO platform (issuer, client_id, name, auth_login_url, auth_token_url, jwks_url)
                  VALUES ('https://other.example', 'c', 'Other district', 'https://other.example/a', 'https://other.example/t', 'https://other.example/j') RETURNING id),
            d AS (INSERT INTO deployment (platform_id, deployment_id) SELECT id, 'd1' FROM p RETURNING id),
            c AS (INSERT INTO course_context (deployment_id, context_id, title) SELECT id, 'x', 'Other course' FROM d RETURNING id)
       INSERT INTO course_skill_rollup (context_id, skill_code, students, mastered, sum_p_known, evidence) SELECT id, $1, 30, 20, 25, 300 FROM c`,
      [F25],
    );
    const view = (await getRollup()).body as PlatformRollupView;
    expect(view.courses.map((c) => c.title)).toEqual(['Grade 6 Math', 'Grade 7 Science']);
  });

  it('is the platform administrator’s only (teachers and students get 403), and audited', async () => {
    expect((await getRollup(await tokenOf('tch-kim'))).status).toBe(403);
    expect((await getRollup(await tokenOf('rb-ana'))).status).toBe(403);
    const audits = (await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'view-platform-rollup'`))[0]!.n;
    await getRollup();
    const [event] = await h.tdb.db.query<{ actor_roles: string[]; platform_id: string; detail: object }>(
      `SELECT actor_roles, platform_id, detail FROM audit_event WHERE action = 'view-platform-rollup' ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({ actor_roles: ['administrator'], platform_id: cls.platformId, detail: { courses: 2 } });
    expect((await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'view-platform-rollup'`))[0]!.n).toBe(audits + 1);
  });
});

/**
 * More attempts and running estimates, as the practice path writes them (served item +
 * attempt + estimate), continuing from the stored estimate: seedClass seeds only the
 * default course, once.
 */
async function practise(courseId: string, userId: string, attempts: { skill: string; correct: boolean }[]): Promise<void> {
  const [known] = await h.tdb.db.query<{ p: number }>(
    `SELECT p_known AS p FROM mastery_estimate WHERE context_id = $1 AND user_id = $2 AND skill_code = $3`,
    [courseId, userId, attempts[0]!.skill],
  );
  const p = new Map<string, number>(known ? [[attempts[0]!.skill, known.p]] : []);
  for (const [i, a] of attempts.entries()) {
    const before = p.get(a.skill) ?? DEFAULT_BKT_PARAMS.pInit;
    const after = replay([a.correct], { ...DEFAULT_BKT_PARAMS, pInit: before })[1]!;
    p.set(a.skill, after);
    await h.tdb.db.query(
      `WITH s AS (
         INSERT INTO served_item (platform_id, context_id, user_id, skill_code, template_key, seed, locale, explanation, served_at, answered_at)
         VALUES ($1, $2, $3, $4, 'seeded', 1, 'en', '{}', now() - make_interval(mins => $6::int), now() - make_interval(mins => $6::int)) RETURNING id),
       a AS (
         INSERT INTO attempt (served_item_id, platform_id, context_id, user_id, skill_code, idempotency_key, answer, correct, feedback,
                              hints_used, time_on_task_ms, p_known_before, p_known_after, model_version, created_at)
         SELECT s.id, $1, $2, $3, $4, gen_random_uuid(), 'seeded', $5, CASE WHEN $5 THEN 'correct' ELSE 'incorrect' END, 0, 20000, $7, $8, 1,
                now() - make_interval(mins => $6::int) FROM s RETURNING 1)
       INSERT INTO mastery_estimate AS m (context_id, user_id, skill_code, p_known, evidence_count, correct_count, model_version, last_practiced_at)
       VALUES ($2, $3, $4, $8, 1, CASE WHEN $5 THEN 1 ELSE 0 END, 1, now() - make_interval(mins => $6::int))
       ON CONFLICT (context_id, user_id, skill_code) DO UPDATE SET p_known = EXCLUDED.p_known, evidence_count = m.evidence_count + 1,
         correct_count = m.correct_count + EXCLUDED.correct_count, last_practiced_at = EXCLUDED.last_practiced_at, updated_at = now()`,
      [cls.platformId, courseId, userId, a.skill, a.correct, attempts.length - i, before, after],
    );
  }
}
