// The student's own view over HTTP on real PostgreSQL: mastery, growth, strengths and next
// goals from a known history; the download of everything Trellis holds about them (JSON
// and CSV), with none of another student's rows; and a check that every table naming a
// user is either exported or excluded on purpose.
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { MyProgressView } from '../../server/http/contract';
import { NOT_EXPORTED, OWN_DATA_SECTIONS, type OwnData } from '../../server/insights/own-data-export';
import { builtinBank } from '../../server/practice/content/builtin-bank';
import { DEFAULT_BKT_PARAMS, updateKnown } from '../../server/practice/model/bkt';
import { CLAIM } from '../platform/lti-vocab';
import { enqueue } from '../support/grades';
import { bootDataOf, fullLaunch, launch, startHarness, type Harness } from '../support/harness';
import { placeAssignments, studentToken } from '../support/practice';
import { seedClass, type SeedAttempt, type SeededClass } from '../support/seed-class';

// The assignment: A and F (F needs A), U and Q (Q needs U), M (needs F).
const A = 'g3.mult-facts-2-5'; // mastered (3 right)
const F = 'g3.mult-facts-6-9'; // not started, ready: A is mastered
const U = 'g3.unit-fractions'; // learning (wrong, right)
const Q = 'g3.equivalent-fractions'; // not started, not ready: U is in the assignment and not mastered
const M = 'g4.multiply-multi-digit'; // not started, not ready: F is not mastered
// Practised outside the assignment.
const R = 'g3.round-10-100'; // learning (1 right)
const D = 'g3.division-facts'; // mastered (4 right): the strongest

const ANA: SeedAttempt[] = [
  { skill: R, correct: true },
  { skill: A, correct: true },
  { skill: A, correct: true },
  { skill: A, correct: true },
  { skill: U, correct: false },
  { skill: U, correct: true },
  { skill: D, correct: true },
  { skill: D, correct: true },
  { skill: D, correct: true },
  { skill: D, correct: true },
];
const BEN: SeedAttempt[] = [
  { skill: F, correct: true },
  { skill: Q, correct: false },
];

const nameOf = (code: string, locale: 'en' | 'es' = 'en') => builtinBank.skills.find((s) => s.code === code)!.name[locale]!;
const info = (code: string) => {
  const s = builtinBank.skills.find((x) => x.code === code)!;
  return { code, name: s.name.en, standard: s.standard, grade: s.grade };
};
const pAfter = (answers: boolean[]) => answers.reduce((p, c) => updateKnown(p, c, DEFAULT_BKT_PARAMS), DEFAULT_BKT_PARAMS.pInit);

let h: Harness;
let cls: SeededClass;
let ana: string;
let ben: string;
let link: string;
let anaToken: string;

const get = (token: string, path: string) => request(h.app).get(path).set('Authorization', `Bearer ${token}`);
const tokenOf = (res: { status: number; text: string }) => {
  if (res.status !== 200) throw new Error(`launch failed: ${res.status} ${res.text.slice(0, 200)}`);
  return bootDataOf(res.text).token;
};

beforeAll(async () => {
  h = await startHarness();
  const links = await placeAssignments(h, [{ title: 'Facts and fractions', skills: [A, F, U, Q, M], goal: { kind: 'mastery' }, dueAt: null, points: 10 }]);
  link = links[0]!;
  cls = await seedClass(h, [
    { sub: 'stu-ana', attempts: ANA },
    { sub: 'stu-ben', attempts: BEN },
  ]);
  ana = cls.users.get('stu-ana')!;
  ben = cls.users.get('stu-ben')!;
  anaToken = await studentToken(h, 'stu-ana', link);
  await seedEveryStudentTable();
});
afterAll(() => h.close());

/** One row about Ana and one about Ben in every per-student table that practice did not fill. */
async function seedEveryStudentTable() {
  const db = h.tdb.db;
  const [teacher] = await db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = 'tch-kim'`);
  const [rl] = await db.query<{ id: string; assignment_id: string }>(`SELECT id, assignment_id FROM resource_link WHERE link_id = $1`, [link]);
  for (const [who, sub] of [
    [ana, 'stu-ana'],
    [ben, 'stu-ben'],
  ] as const) {
    await db.query(`INSERT INTO resource_link_member (resource_link_id, user_id) VALUES ($1, $2)`, [rl!.id, who]);
    await db.query(`INSERT INTO practice_session (id, platform_id, context_id, user_id, assignment_id) VALUES (gen_random_uuid(), $1, $2, $3, $4)`, [
      cls.platformId, cls.courseId, who, rl!.assignment_id,
    ]);
    const outboxId = await enqueue(h, { platformId: cls.platformId, userId: who, resourceLinkId: rl!.id }, {
      scoreGiven: 5, scoreMaximum: 10, activityProgress: 'InProgress', gradingProgress: 'Pending',
    });
    await db.query(
      `INSERT INTO assignment_progress (assignment_id, user_id, context_id, items_answered, items_correct, score_given, score_maximum, score_outbox_id)
       VALUES ($1, $2, $3, 4, 3, 5, 10, $4)`,
      [rl!.assignment_id, who, cls.courseId, outboxId],
    );
    await db.query(`INSERT INTO lms_result (resource_link_id, user_id, result_score, result_maximum) VALUES ($1, $2, 5, 10)`, [rl!.id, who]);
    // A note that would be a formula in a spreadsheet: the CSV must defuse it.
    await db.query(`INSERT INTO teacher_note (context_id, student_id, author_id, body) VALUES ($1, $2, $3, $4)`, [
      cls.courseId, who, teacher!.id, `=HYPERLINK("http://x.example","note about ${sub}")`,
    ]);
    await db.query(
      `INSERT INTO flag_override (context_id, student_id, action, reasons, note, model_version, author_id) VALUES ($1, $2, 'flag', '{days-inactive}', $3, 1, $4)`,
      [cls.courseId, who, `check in with ${sub}`, teacher!.id],
    );
    await db.query(
      `INSERT INTO audit_event (platform_id, actor_user_id, actor_roles, action, context_id, subject_user_id) VALUES ($1, $2, '{instructor}', 'view-student', $3, $4)`,
      [cls.platformId, teacher!.id, cls.courseId, who],
    );
  }
  // Ana and Ben share a group; Ana tutors Ben.
  await db.query(
    `INSERT INTO group_plan (context_id, title, skills, mode, max_size, groups, pairs, created_by) VALUES ($1, 'Friday groups', $2, 'similar', 4, $3, $4, $5)`,
    [
      cls.courseId,
      [A],
      JSON.stringify([{ name: 'Group 1', userIds: [ana, ben], rationale: { kind: 'shared-need', skill: A, meanPKnown: 0.5 } }]),
      JSON.stringify([{ tutor: ana, learner: ben, skill: A, tutorPKnown: 0.97, learnerPKnown: 0.2 }]),
      teacher!.id,
    ],
  );
}

describe("the student's own progress", () => {
  it('shows mastery of practised and assignment skills, strengths, next goals and growth', async () => {
    const res = await get(anaToken, '/api/me/progress');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const view = res.body as MyProgressView;
    // Curriculum order; skills not started have no p(known).
    const cell = (code: string, answers: boolean[] | null, status: string) => ({
      ...info(code),
      skill: code,
      pKnown: answers ? expect.closeTo(pAfter(answers), 10) : null,
      evidence: answers?.length ?? 0,
      status,
    });
    expect(view.skills).toEqual([
      cell(R, [true], 'learning'),
      cell(A, [true, true, true], 'mastered'),
      cell(F, null, 'not-started'),
      cell(D, [true, true, true, true], 'mastered'),
      cell(U, [false, true], 'learning'),
      cell(Q, null, 'not-started'),
      cell(M, null, 'not-started'),
    ]);
    expect(view.strengths).toEqual([
      { code: D, name: nameOf(D) },
      { code: A, name: nameOf(A) },
    ]);
    // Being learned (closest to mastery first), then the assignment's skills ready to start, at the prior.
    expect(view.nextGoals).toEqual([
      { code: R, name: nameOf(R), pKnown: expect.closeTo(pAfter([true]), 10) },
      { code: U, name: nameOf(U), pKnown: expect.closeTo(pAfter([false, true]), 10) },
      { code: F, name: nameOf(F), pKnown: DEFAULT_BKT_PARAMS.pInit },
    ]);
    expect(view.growth).toEqual(
      ([[R, [true]], [A, [true, true, true]], [D, [true, true, true, true]], [U, [false, true]]] as const).map(([code, answers]) => ({
        skill: code,
        name: nameOf(code),
        from: DEFAULT_BKT_PARAMS.pInit,
        to: expect.closeTo(pAfter([...answers]), 10),
      })),
    );
    expect(view.attempts).toBe(ANA.length);
  });

  it('without an assignment shows only what was practised', async () => {
    const view = (await get(tokenOf(await fullLaunch(h, { userSub: 'stu-ana' })), '/api/me/progress')).body as MyProgressView;
    expect(view.skills.map((s) => s.code)).toEqual([R, A, D, U]);
    expect(view.nextGoals.map((g) => g.code)).toEqual([R, U]);
  });

  it('names skills in Spanish for a Spanish launch', async () => {
    const token = tokenOf(
      await launch(h, { userSub: 'stu-ana', resourceLinkId: link, mutate: (c) => (c[CLAIM.launchPresentation] = { document_target: 'iframe', locale: 'es' }) }),
    );
    const view = (await get(token, '/api/me/progress')).body as MyProgressView;
    expect(view.strengths.map((s) => s.name)).toEqual([nameOf(D, 'es'), nameOf(A, 'es')]);
    expect(view.skills.map((s) => s.name)).toEqual([R, A, F, D, U, Q, M].map((c) => nameOf(c, 'es')));
    expect(view.nextGoals.map((g) => g.name)).toEqual([R, U, F].map((c) => nameOf(c, 'es')));
  });

  it('refuses a teacher', async () => {
    const token = tokenOf(await fullLaunch(h, { userSub: 'tch-kim' }));
    for (const path of ['/api/me/progress', '/api/me/data.json', '/api/me/data.csv']) {
      const res = await get(token, path);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});

describe("the student's own data download", () => {
  let json: OwnData;

  beforeAll(async () => {
    const res = await get(anaToken, '/api/me/data.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?trellis-my-data-\d{4}-\d{2}-\d{2}\.json"?$/);
    expect(res.headers['cache-control']).toBe('no-store');
    json = JSON.parse(res.text) as OwnData;
  });

  it("holds Ana's rows from every per-student table, as many as the database has", async () => {
    for (const section of OWN_DATA_SECTIONS) {
      const rows = json.tables[section.table]!;
      expect([section.table, rows.length > 0]).toEqual([section.table, true]);
      for (const row of rows) expect(Object.keys(row)).toEqual(section.columns);
      if (section.userColumn) {
        const [n] = await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${section.table} WHERE ${section.userColumn} = $1`, [ana]);
        expect([section.table, rows.length]).toEqual([section.table, n!.n]);
      }
    }
    expect(json.tables.app_user).toEqual([
      expect.objectContaining({ id: ana, sub: 'stu-ana', name: 'Ana Lopez', given_name: 'Ana', family_name: 'Lopez', email: 'ana.lopez@students.example.edu' }),
    ]);
    expect(json.tables.attempt).toHaveLength(ANA.length);
    expect(json.tables.teacher_note).toEqual([expect.objectContaining({ body: '=HYPERLINK("http://x.example","note about stu-ana")', author: 'Grace Kim' })]);
    expect(json.tables.outbox).toEqual([expect.objectContaining({ payload: expect.objectContaining({ userSub: 'stu-ana', scoreGiven: 5 }) })]);
    expect(json.tables.group_plan).toEqual([
      expect.objectContaining({ title: 'Friday groups', kind: 'group', group_name: 'Group 1', skill: A }),
      expect.objectContaining({ title: 'Friday groups', kind: 'pair-tutor', group_name: null, skill: A }),
    ]);
  });

  it("holds nothing of another student's", () => {
    const text = JSON.stringify(json);
    for (const trace of [ben, 'stu-ben', 'Ben Okafor', 'Okafor']) expect(text).not.toContain(trace);
  });

  it('is audited as a download of her own data', async () => {
    const rows = await h.tdb.db.query<{ actor_user_id: string; detail: { format: string } }>(
      `SELECT actor_user_id, detail FROM audit_event WHERE action = 'download-own-data' AND subject_user_id = $1 ORDER BY id`,
      [ana],
    );
    expect(rows[0]).toEqual({ actor_user_id: ana, detail: { format: 'json' } });
    // The download lists itself among the events about her.
    expect(json.tables.audit_event!.map((e) => e.action)).toEqual(['view-student', 'download-own-data']);
  });

  it('as CSV: one section per table with the same columns and row counts, formulas defused', async () => {
    const res = await get(anaToken, '/api/me/data.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?trellis-my-data-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const records = parse(res.text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    const sections = new Map<string, string[][]>();
    let current: string[][] = [];
    for (const record of records) {
      if (record.length === 1 && record[0]!.startsWith('# ')) sections.set(record[0]!.slice(2), (current = []));
      else current.push(record);
    }
    expect([...sections.keys()]).toEqual(OWN_DATA_SECTIONS.map((s) => s.table));
    for (const section of OWN_DATA_SECTIONS) {
      const [header, ...rows] = sections.get(section.table)!;
      expect(header).toEqual(section.columns);
      // The JSON download is now one more audit event about her.
      const more = section.table === 'audit_event' ? 1 : 0;
      expect([section.table, rows.length]).toEqual([section.table, json.tables[section.table]!.length + more]);
    }
    const note = sections.get('teacher_note')!;
    expect(note[1]![note[0]!.indexOf('body')]).toBe(`'=HYPERLINK("http://x.example","note about stu-ana")`);
    expect(res.text).not.toContain(ben);
  });
});

describe('the export covers the schema', () => {
  it('exports or deliberately excludes every column that references a user', async () => {
    // Foreign keys to app_user, and uuid columns named like a user reference without one.
    const referencing = await h.tdb.db.query<{ table_name: string; column_name: string }>(
      `SELECT kcu.table_name, kcu.column_name
         FROM information_schema.referential_constraints rc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_schema = rc.constraint_schema AND kcu.constraint_name = rc.constraint_name
         JOIN information_schema.key_column_usage ref
           ON ref.constraint_schema = rc.unique_constraint_schema AND ref.constraint_name = rc.unique_constraint_name
          AND ref.ordinal_position = kcu.position_in_unique_constraint
        WHERE rc.constraint_schema = current_schema() AND ref.table_name = 'app_user'
       UNION
       SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type = 'uuid' AND table_name <> 'app_user'
          AND (column_name IN ('user_id', 'student_id', 'author_id', 'created_by') OR column_name LIKE '%\\_user\\_id')
       ORDER BY 1, 2`,
    );
    expect(referencing.length).toBeGreaterThan(10);
    const exported = new Set(OWN_DATA_SECTIONS.filter((s) => s.userColumn).map((s) => `${s.table}.${s.userColumn}`));
    const excluded = new Set(NOT_EXPORTED.map((x) => `${x.table}.${x.column}`));
    const unaccounted = referencing.map((r) => `${r.table_name}.${r.column_name}`).filter((c) => !exported.has(c) && !excluded.has(c));
    expect(unaccounted).toEqual([]);
    // Neither list names a column that is not there (a rename would otherwise go unnoticed).
    const present = new Set(referencing.map((r) => `${r.table_name}.${r.column_name}`));
    const stale = [...exported, ...excluded].filter((c) => c !== 'app_user.id' && !present.has(c));
    expect(stale).toEqual([]);
    for (const x of NOT_EXPORTED) expect(x.reason.length).toBeGreaterThan(20);
    for (const s of OWN_DATA_SECTIONS.filter((x) => !x.userColumn)) expect(s.via?.length).toBeGreaterThan(20);
  });
});
