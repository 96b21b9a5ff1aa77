// The teacher's class overview and mastery export over HTTP on real PostgreSQL: a seeded
// class (launched and roster-only students with known attempt histories) gives exact
// cells, strengths, per-skill counts, next steps and CSV; the overview costs the same few
// queries whatever the class size; students, mentors and other courses are refused.
import request from 'supertest';
import type { ClassOverviewView, FlagView } from '../../server/http/contract';
import type { Queryable } from '../../server/db/database';
import { flagsForCourse } from '../../server/insights/early-warning';
import { loadClassOverview } from '../../server/insights/overview';
import { DEFAULT_BKT_PARAMS, replay } from '../../server/practice/model/bkt';
import { CLAIM } from '../platform/lti-vocab';
import { bootDataOf, fullLaunch, launch, startHarness, type Harness } from '../support/harness';
import { placeAssignments } from '../support/practice';
import { seedClass, type SeedAttempt, type SeededClass } from '../support/seed-class';

const F25 = 'g3.mult-facts-2-5';
const F69 = 'g3.mult-facts-6-9';
const DIV = 'g3.division-facts';
const FRAC = 'g3.unit-fractions';

let h: Harness;
let cls: SeededClass;
let teacher: string;
const id = (sub: string) => cls.users.get(sub)!;
const runs = (skill: string, answers: string) => [...answers].map((c) => ({ skill, correct: c === '1' }));
/** p(known) after a run of answers from the default prior: the test's own oracle. */
const pAfter = (answers: string) => replay([...answers].map((c) => c === '1'), DEFAULT_BKT_PARAMS).at(-1)!;

const HISTORY: Record<string, SeedAttempt[]> = {
  'ov-ava': [...runs(F25, '111'), ...runs(F69, '1111'), ...runs(DIV, '0')],
  'ov-ben': runs(F25, '111'),
  'ov-cy': runs(F25, '0000'),
  'ov-dot': runs(F25, '000'),
  'ov-fin': runs(FRAC, '1'), // a skill outside the assignment, practised on a plain link
};

beforeAll(async () => {
  h = await startHarness();
  await placeAssignments(h, [{ title: 'Facts to mastery', skills: [F25, F69, DIV], goal: { kind: 'mastery' }, dueAt: null, points: 10 }]);
  cls = await seedClass(h, [
    { sub: 'ov-ava', name: 'Ava Adams', attempts: HISTORY['ov-ava'] },
    { sub: 'ov-ben', name: 'Ben Brown', attempts: HISTORY['ov-ben'] },
    { sub: 'ov-cy', name: 'Cy Cole', attempts: HISTORY['ov-cy'] },
    { sub: 'ov-dot', name: 'Dot Diaz', attempts: HISTORY['ov-dot'] },
    { sub: 'ov-eve', name: 'Eve Evans', launched: false },
    { sub: 'ov-fin', name: 'Fin Ford', attempts: HISTORY['ov-fin'] },
  ]);
  teacher = await tokenOf('tch-kim');
}, 120_000);
afterAll(() => h.close());

async function tokenOf(userSub: string, opts: { courseId?: string } = {}): Promise<string> {
  const res = await fullLaunch(h, { userSub, ...opts });
  if (res.status !== 200) throw new Error(`launch failed: ${res.status}`);
  return bootDataOf(res.text).token;
}

const get = (path: string, token = teacher) => request(h.app).get(path).set('Authorization', `Bearer ${token}`);
const overview = async (token = teacher) => {
  const res = await get(`/api/courses/${cls.courseId}/insights`, token);
  expect(res.status).toBe(200);
  return res.body as ClassOverviewView;
};

describe('class overview', () => {
  it('lists every student on the roster (never-launched too) with one cell per skill: assigned ∪ practised, in graph order', async () => {
    const view = await overview();
    expect(view.skills.map((s) => s.code)).toEqual([F25, F69, DIV, FRAC]);
    expect(view.skills[0]).toMatchObject({ code: F25, name: 'Multiplication facts with 2, 3, 4 and 5', standard: '3.OA.C.7', grade: 3 });
    expect(view.students.map((s) => [s.name, s.launched, s.masteredCount])).toEqual([
      ['Ava Adams', true, 2],
      ['Ben Brown', true, 1],
      ['Cy Cole', true, 0],
      ['Dot Diaz', true, 0],
      ['Eve Evans', false, 0],
      ['Fin Ford', true, 0],
    ]);
    const ava = view.students[0]!;
    expect(ava.cells).toEqual([
      { skill: F25, pKnown: expect.closeTo(pAfter('111'), 10), evidence: 3, status: 'mastered' },
      { skill: F69, pKnown: expect.closeTo(pAfter('1111'), 10), evidence: 4, status: 'mastered' },
      { skill: DIV, pKnown: expect.closeTo(pAfter('0'), 10), evidence: 1, status: 'learning' },
      { skill: FRAC, pKnown: null, evidence: 0, status: 'not-started' },
    ]);
    expect(view.students[4]).toMatchObject({ userId: id('ov-eve'), lastActiveAt: null, strengths: [] });
    expect(view.students[4]!.cells.every((c) => c.status === 'not-started' && c.pKnown === null)).toBe(true);
    expect(view.assignments).toEqual([{ id: expect.any(String), title: 'Facts to mastery', skills: [F25, F69, DIV] }]);
    expect(view.masteryThreshold).toBe(0.95);
  });

  it('puts strengths first: each student’s mastered skills, strongest first', async () => {
    const view = await overview();
    expect(view.students.map((s) => s.strengths)).toEqual([[F69, F25], [F25], [], [], [], []]);
  });

  it('summarises each skill over the whole roster, the mean over students with evidence', async () => {
    const view = await overview();
    expect(view.skills.map((s) => [s.code, s.mastered, s.learning, s.notStarted])).toEqual([
      [F25, 2, 2, 2],
      [F69, 1, 0, 5],
      [DIV, 0, 1, 5],
      [FRAC, 0, 1, 5],
    ]);
    expect(view.skills[0]!.meanPKnown).toBeCloseTo((2 * pAfter('111') + pAfter('0000') + pAfter('000')) / 4, 10);
    expect(view.skills[2]!.meanPKnown).toBeCloseTo(pAfter('0'), 10);
  });

  it('suggests next steps with the data behind them', async () => {
    const view = await overview();
    const skillSteps = view.nextSteps.filter((s) => s.kind !== 'check-in');
    expect(skillSteps).toEqual([
      // 2–5 facts: not mastered by Cy, Dot, Eve, Fin, and it needs nothing first.
      { kind: 'ready-to-learn', subject: F25, evidence: { ready: 4, of: 6 } },
      // Cy (4 misses) and Dot (3 misses) of the four practising are stuck below 0.5.
      { kind: 'reteach', subject: F25, evidence: { stuck: 2, practising: 4, minEvidence: 3, below: 0.5 } },
    ]);
    // Check-ins and `flagged` are the early-warning model's, whatever it decides for this class.
    const flags = await flagsForCourse(h.tdb.db, cls, {});
    const flagged = flags.filter((f) => f.status === 'flagged' || f.status === 'teacher-flagged').map((f) => f.userId);
    expect(view.nextSteps.filter((s) => s.kind === 'check-in').map((s) => s.subject).sort()).toEqual([...flagged].sort());
    expect(view.students.filter((s) => s.flagged).map((s) => s.userId).sort()).toEqual([...flagged].sort());
  });

  it('marks flagged students and adds a check-in with the top reason (flags from the model, here a fixed one)', async () => {
    const flags: FlagView[] = [
      { userId: id('ov-cy'), name: 'Cy Cole', score: 5, threshold: 3, modelVersion: 1, override: null, status: 'flagged',
        reasons: [{ feature: 'days-inactive', value: 8, points: 1 }, { feature: 'miss-streak', value: 4, points: 4 }] },
      { userId: id('ov-dot'), name: 'Dot Diaz', score: 4, threshold: 3, modelVersion: 1, override: null, status: 'dismissed', reasons: [] },
    ];
    const view = await loadClassOverview({ db: h.tdb.db, catalog: h.trellis.practice.catalog, flags: async () => flags }, cls, 'en');
    expect(view.students.filter((s) => s.flagged).map((s) => s.name)).toEqual(['Cy Cole']);
    expect(view.nextSteps.filter((s) => s.kind === 'check-in')).toEqual([
      { kind: 'check-in', subject: id('ov-cy'), evidence: { score: 5, status: 'flagged', reason: 'miss-streak', points: 4, value: 4 } },
    ]);
  });

  it('costs the same three queries for a bigger class, none of them per student or on the attempt table', async () => {
    const counted = (sqls: string[]): Queryable => ({
      query: (sql, params) => (sqls.push(sql), h.tdb.db.query(sql, params)),
      exec: (sql) => h.tdb.db.exec(sql),
    });
    const noFlags = async () => [];
    const before: string[] = [];
    await loadClassOverview({ db: counted(before), catalog: h.trellis.practice.catalog, flags: noFlags }, cls, 'en');
    // Twenty more students on the roster, each with an estimate: same queries.
    await h.tdb.db.query(
      `WITH u AS (INSERT INTO app_user (platform_id, sub, name) SELECT $1, 'ov-more-' || g, 'More ' || g FROM generate_series(1, 20) g RETURNING id),
            e AS (INSERT INTO enrolment (context_id, user_id, roles, status, source) SELECT $2, id, '{learner}', 'Active', 'roster' FROM u RETURNING user_id)
       INSERT INTO mastery_estimate (context_id, user_id, skill_code, p_known, evidence_count, model_version) SELECT $2, user_id, $3, 0.5, 2, 1 FROM e`,
      [cls.platformId, cls.courseId, DIV],
    );
    const after: string[] = [];
    const bigger = await loadClassOverview({ db: counted(after), catalog: h.trellis.practice.catalog, flags: noFlags }, cls, 'en');
    expect(bigger.students).toHaveLength(26);
    expect(after).toHaveLength(3);
    expect(after).toEqual(before);
    for (const sql of after) expect(sql).not.toMatch(/\battempt\b/);
    await h.tdb.db.query(`DELETE FROM app_user WHERE sub LIKE 'ov-more-%'`);
  });

  it('names skills in the launch’s language', async () => {
    const res = await launch(h, { userSub: 'tch-kim', mutate: (c) => ((c[CLAIM.launchPresentation] as { locale: string }).locale = 'es-MX') });
    const view = await overview(bootDataOf(res.text).token);
    expect(view.skills[0]!.name).toBe('Tablas de multiplicar del 2, 3, 4 y 5');
  });

  it('is for the course’s teaching staff only: students and mentors get 403, another course’s id 403, no token 401', async () => {
    expect((await get(`/api/courses/${cls.courseId}/insights`, await tokenOf('ov-ben'))).status).toBe(403);
    expect((await get(`/api/courses/${cls.courseId}/insights`, await tokenOf('par-lopez'))).status).toBe(403);
    const other = await get(`/api/courses/${crypto.randomUUID()}/insights`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('course_mismatch');
    expect((await request(h.app).get(`/api/courses/${cls.courseId}/insights`)).status).toBe(401);
  });
});

describe('class mastery export', () => {
  it('is a CSV attachment: one row per student, a percent per skill (empty when not started), the mastered count; audited', async () => {
    const res = await get(`/api/courses/${cls.courseId}/insights/export/mastery.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="class-mastery-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toBe(
      '\uFEFF' +
        [
          'Student,"Multiplication facts with 2, 3, 4 and 5 (g3.mult-facts-2-5)","Multiplication facts with 6, 7, 8 and 9 (g3.mult-facts-6-9)",Division facts (g3.division-facts),Understand fractions as equal parts (g3.unit-fractions),Mastered',
          'Ava Adams,97,99,17,,2', // 0.9774 → 97 (rounded down: 95 only at the threshold); 0.9956 → 99
          'Ben Brown,97,,,,1',
          'Cy Cole,17,,,,0',
          'Dot Diaz,17,,,,0',
          'Eve Evans,,,,,0',
          'Fin Ford,,,,60,0',
        ].join('\r\n') +
        '\r\n',
    );
    const [event] = await h.tdb.db.query<{ action: string; actor_user_id: string; context_id: string; detail: object }>(
      `SELECT action, actor_user_id, context_id, detail FROM audit_event WHERE action = 'export-class-mastery' ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toMatchObject({ action: 'export-class-mastery', context_id: cls.courseId, detail: { students: 6, skills: 4 } });
  });

  it('neutralises spreadsheet formulas in names', async () => {
    await h.tdb.db.query(`UPDATE app_user SET name = $2 WHERE id = $1`, [id('ov-eve'), '=HYPERLINK("http://evil.example","Eve")']);
    await h.tdb.db.query(`UPDATE app_user SET name = '@Fin Ford' WHERE id = $1`, [id('ov-fin')]);
    try {
      const res = await get(`/api/courses/${cls.courseId}/insights/export/mastery.csv`);
      const lines = res.text.split('\r\n');
      expect(lines).toContain(`"'=HYPERLINK(""http://evil.example"",""Eve"")",,,,,0`);
      expect(lines).toContain(`'@Fin Ford,,,,60,0`);
      expect(lines.some((l) => /^[=+\-@]/.test(l) || /^"[=+\-@]/.test(l))).toBe(false);
    } finally {
      await h.tdb.db.query(`UPDATE app_user SET name = 'Eve Evans' WHERE id = $1`, [id('ov-eve')]);
      await h.tdb.db.query(`UPDATE app_user SET name = 'Fin Ford' WHERE id = $1`, [id('ov-fin')]);
    }
  });

  it('is refused to students', async () => {
    const res = await get(`/api/courses/${cls.courseId}/insights/export/mastery.csv`, await tokenOf('ov-ava'));
    expect(res.status).toBe(403);
  });
});

