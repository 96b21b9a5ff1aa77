// Purposeful grouping over HTTP, on real PostgreSQL and the simulated LMS: a class with
// known estimates gets the groups and peer pairs written out below; the teacher saves,
// lists, edits and exports a plan (CSV exact, formula cells guarded, the export audited);
// another course's plan, a stranger in a plan and a student caller are refused.
import request from 'supertest';
import type { GroupPlanView, GroupView } from '../../server/http/contract';
import { groupPlanCsv } from '../../server/http/group-routes';
import { DEFAULT_BKT_PARAMS, updateKnown } from '../../server/practice/model/bkt';
import { ROLE } from '../platform/lti-vocab';
import { bootDataOf, fullLaunch, startHarness, type Harness } from '../support/harness';
import { seedClass, type SeedAttempt, type SeededClass } from '../support/seed-class';

const A = 'g6.ratios'; // "Understand ratios"
const B = 'g6.unit-rates'; // "Unit rates and unit prices"

/** Attempts from a pattern: '1' right, '0' wrong. */
const tries = (skill: string, pattern: string): SeedAttempt[] => [...pattern].map((c) => ({ skill, correct: c === '1' }));
/** p(known) after the pattern, from the model itself. */
const p = (pattern: string) => [...pattern].reduce((pk, c) => updateKnown(pk, c === '1', DEFAULT_BKT_PARAMS), DEFAULT_BKT_PARAMS.pInit);

let h: Harness;
let cls: SeededClass;
let teacher: string;
let student: string;
const id = (sub: string) => cls.users.get(sub)!;

beforeAll(async () => {
  h = await startHarness();
  // Roster order (by name) is the tie-break: Ava, Ben, Cam, Dee, Eli, Fay, Gil, Hal.
  const history: Record<string, SeedAttempt[]> = {
    'grp-ava': [...tries(A, '1111'), ...tries(B, '1111')], // both mastered
    'grp-ben': tries(A, '1'), //                               A at .60
    'grp-cam': tries(A, '0'), //                               A at .18
    'grp-dee': [...tries(A, '111'), ...tries(B, '0')], //      A mastered, B at .18
    'grp-gil': [...tries(A, '11'), ...tries(B, '01')], //      A .89, B .57: B is weaker
    'grp-hal': tries(B, '111'), //                             B mastered, A never tried
  };
  const names: [string, string, boolean?][] = [
    ['grp-ava', 'Ava Adams'], ['grp-ben', 'Ben Brown'], ['grp-cam', 'Cam Cruz'], ['grp-dee', 'Dee Diaz'],
    ['grp-eli', 'Eli Evans'], //          no evidence
    ['grp-fay', 'Fay Fox', false], //     roster only
    ['grp-gil', 'Gil Green'], ['grp-hal', 'Hal Hill'],
  ];
  cls = await seedClass(h, names.map(([sub, name, launched]) => ({ sub, name, launched })));
  for (const [sub, attempts] of Object.entries(history)) await writeEstimates(id(sub), attempts);
  teacher = await token('tch-kim');
  student = await token('grp-ben');
});
afterAll(() => h.close());

/**
 * The running estimate per skill after the attempts, as the practice path stores it.
 * (Written here rather than through seedClass's attempts: its estimate upsert currently
 * fails on PostgreSQL with "inconsistent types deduced for parameter $4". Grouping reads
 * only mastery_estimate.)
 */
async function writeEstimates(userId: string, attempts: SeedAttempt[]): Promise<void> {
  const bySkill = new Map<string, string>();
  for (const a of attempts) bySkill.set(a.skill, (bySkill.get(a.skill) ?? '') + (a.correct ? '1' : '0'));
  for (const [skill, pattern] of bySkill) {
    await h.tdb.db.query(
      `INSERT INTO mastery_estimate (context_id, user_id, skill_code, p_known, evidence_count, correct_count, model_version, last_practiced_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, now())`,
      [cls.courseId, userId, skill, p(pattern), pattern.length, [...pattern].filter((c) => c === '1').length],
    );
  }
}

async function token(sub: string, opts: { courseId?: string; resourceLinkId?: string } = {}): Promise<string> {
  const res = await fullLaunch(h, { userSub: sub, ...opts });
  if (res.status !== 200) throw new Error(`launch failed: ${res.status}`);
  return bootDataOf(res.text).token;
}

const groupsUrl = (courseId = cls.courseId) => `/api/courses/${courseId}/groups`;
const as = (tok: string) => ({
  suggest: (body: unknown, courseId?: string) => request(h.app).post(`${groupsUrl(courseId)}/suggest`).set('Authorization', `Bearer ${tok}`).send(body as object),
  save: (body: unknown, courseId?: string) => request(h.app).post(groupsUrl(courseId)).set('Authorization', `Bearer ${tok}`).send(body as object),
  edit: (planId: string, body: unknown, courseId?: string) => request(h.app).put(`${groupsUrl(courseId)}/${planId}`).set('Authorization', `Bearer ${tok}`).send(body as object),
  list: (courseId?: string) => request(h.app).get(groupsUrl(courseId)).set('Authorization', `Bearer ${tok}`),
  csv: (planId: string, courseId?: string) => request(h.app).get(`${groupsUrl(courseId)}/${planId}/export.csv`).set('Authorization', `Bearer ${tok}`),
});

describe('suggest', () => {
  it('similar: groups by shared need, weakest first, ready-to-extend last, with peer pairs', async () => {
    const res = await as(teacher).suggest({ skills: [A, B], mode: 'similar', maxSize: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: null,
      title: 'Understand ratios, Unit rates and unit prices',
      skills: [A, B],
      mode: 'similar',
      maxSize: 2,
      groups: [
        { name: 'Group 1', userIds: [id('grp-cam'), id('grp-ben')], rationale: { kind: 'shared-need', skill: A, meanPKnown: 0.388 } },
        // Not started on A: Eli, Fay and Hal (B mastered, A never tried); 3 with max 2 → 2 + 1.
        { name: 'Group 2', userIds: [id('grp-eli'), id('grp-fay')], rationale: { kind: 'shared-need', skill: A, meanPKnown: null } },
        { name: 'Group 3', userIds: [id('grp-hal')], rationale: { kind: 'shared-need', skill: A, meanPKnown: null } },
        { name: 'Group 4', userIds: [id('grp-dee'), id('grp-gil')], rationale: { kind: 'shared-need', skill: B, meanPKnown: 0.371 } },
        { name: 'Group 5', userIds: [id('grp-ava')], rationale: { kind: 'ready-to-extend', skill: null, meanPKnown: 0.996 } },
      ],
      pairs: [
        // A: tutors Ava (.996), Dee (.977); learners Cam (.18), Ben (.60), Gil (.89).
        { tutor: id('grp-ava'), learner: id('grp-cam'), skill: A, tutorPKnown: p('1111'), learnerPKnown: p('0') },
        { tutor: id('grp-dee'), learner: id('grp-ben'), skill: A, tutorPKnown: p('111'), learnerPKnown: p('1') },
        // B: of those left, Hal tutors Gil.
        { tutor: id('grp-hal'), learner: id('grp-gil'), skill: B, tutorPKnown: p('111'), learnerPKnown: p('01') },
      ],
      createdAt: null,
    });
  });

  it('mixed: a snake draft by level makes ceil(8 / 3) = 3 groups of mixed levels', async () => {
    // Levels: Ava .996, Gil .728, Dee .577, Hal .489, Ben .30, Cam .09, Eli 0, Fay 0.
    const res = await as(teacher).suggest({ skills: [A, B], mode: 'mixed', maxSize: 3 });
    expect(res.status).toBe(200);
    expect((res.body as GroupPlanView).groups.map((g) => g.userIds)).toEqual([
      [id('grp-ava'), id('grp-cam'), id('grp-eli')],
      [id('grp-gil'), id('grp-ben'), id('grp-fay')],
      [id('grp-dee'), id('grp-hal')],
    ]);
    expect((res.body as GroupPlanView).groups.every((g) => g.rationale.kind === 'mixed-levels')).toBe(true);
  });

  it.each([
    ['an unknown skill', { skills: [A, 'g6.no-such-skill'], mode: 'similar', maxSize: 4 }],
    ['no skills', { skills: [], mode: 'similar', maxSize: 4 }],
    ['21 skills', { skills: Array.from({ length: 21 }, (_, i) => `s${i}`), mode: 'similar', maxSize: 4 }],
    ['a skill twice', { skills: [A, A], mode: 'similar', maxSize: 4 }],
    ['a group size of 1', { skills: [A], mode: 'similar', maxSize: 1 }],
    ['a group size of 11', { skills: [A], mode: 'mixed', maxSize: 11 }],
    ['an unknown mode', { skills: [A], mode: 'random', maxSize: 4 }],
  ])('%s → 400', async (_name, body) => {
    const res = await as(teacher).suggest(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });
});

describe('saved plans', () => {
  let suggestion: GroupPlanView;
  let saved: GroupPlanView;
  let teacherId: string;
  beforeAll(async () => {
    suggestion = (await as(teacher).suggest({ skills: [A, B], mode: 'similar', maxSize: 2 })).body;
    [{ id: teacherId }] = (await h.tdb.db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = 'tch-kim'`)) as [{ id: string }];
  });

  it("saves the teacher's edits as given and lists them", async () => {
    // The teacher moves Hal in with Eli and Fay, renames the extension group and drops a pair.
    const [g1, g2, g3, g4, g5] = suggestion.groups as [GroupView, GroupView, GroupView, GroupView, GroupView];
    const groups = [g1, { ...g2, userIds: [...g2.userIds, ...g3.userIds] }, g4, { ...g5, name: '=Extension' }];
    const res = await as(teacher).save({ ...suggestion, title: 'Ratios, week 3', groups, pairs: suggestion.pairs.slice(0, 2) });
    expect(res.status).toBe(201);
    saved = res.body;
    expect(saved).toMatchObject({ title: 'Ratios, week 3', skills: [A, B], mode: 'similar', maxSize: 2, groups, pairs: suggestion.pairs.slice(0, 2) });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(saved.createdAt!)).not.toBeNaN();

    const list = await as(teacher).list();
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ plans: [saved] });
  });

  it('edits a plan in place; the list is newest first', async () => {
    const later = (await as(teacher).save({ ...suggestion, title: 'Mixed practice' })).body as GroupPlanView;
    const res = await as(teacher).edit(saved.id!, { ...saved, title: 'Ratios, week 4', pairs: saved.pairs.slice(0, 1) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...saved, title: 'Ratios, week 4', pairs: saved.pairs.slice(0, 1) });
    saved = res.body;
    expect((await as(teacher).list()).body).toEqual({ plans: [later, saved] });
  });

  it('exports the plan as CSV, with formula cells made plain text, and audits the export', async () => {
    const res = await as(teacher).csv(saved.id!);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=groups-ratios-week-4.csv');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toBe(
      '\uFEFF' +
        [
          'Group,Student,Rationale',
          'Group 1,Cam Cruz,Shared need: Understand ratios (average mastery estimate 39%)',
          'Group 1,Ben Brown,Shared need: Understand ratios (average mastery estimate 39%)',
          'Group 2,Eli Evans,Shared need: Understand ratios (not started)',
          'Group 2,Fay Fox,Shared need: Understand ratios (not started)',
          'Group 2,Hal Hill,Shared need: Understand ratios (not started)',
          'Group 4,Dee Diaz,Shared need: Unit rates and unit prices (average mastery estimate 37%)',
          'Group 4,Gil Green,Shared need: Unit rates and unit prices (average mastery estimate 37%)',
          "'=Extension,Ava Adams,Ready to extend (average mastery estimate 100%)",
          'Pair 1,Ava Adams,Peer tutor: Understand ratios (mastery estimate 100%)',
          'Pair 1,Cam Cruz,Learning with a peer tutor: Understand ratios (mastery estimate 18%)',
        ].join('\r\n') +
        '\r\n',
    );
    const events = await h.tdb.db.query<{ action: string; detail: Record<string, unknown>; actor_user_id: string }>(
      `SELECT action, detail, actor_user_id FROM audit_event WHERE action = 'export-groups'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toEqual({ planId: saved.id, groups: 4, pairs: 1 });
  });

  it.each([
    ['a student who is not in the course', () => ({ groups: [{ ...saved.groups[0]!, userIds: [crypto.randomUUID()] }] })],
    ["the teacher (enrolled, but not a learner)", () => ({ groups: [{ ...saved.groups[0]!, userIds: [teacherId] }] })],
    ['a stranger as a peer tutor', () => ({ pairs: [{ ...saved.pairs[0]!, tutor: crypto.randomUUID() }] })],
    ['a student in two groups', () => ({ groups: [saved.groups[0]!, { ...saved.groups[1]!, userIds: [id('grp-cam')] }] })],
    ['a group of 11', () => ({ groups: [{ ...saved.groups[0]!, userIds: Array.from({ length: 11 }, () => crypto.randomUUID()) }] })],
    ['a pair on a skill outside the plan', () => ({ pairs: [{ ...saved.pairs[0]!, skill: 'g6.triangle-area' }] })],
    ['an empty title', () => ({ title: ' ' })],
  ])('refuses %s with 400 and stores nothing', async (_name, change) => {
    const before = await h.tdb.db.query(`SELECT id, title, groups, pairs FROM group_plan ORDER BY id`);
    const created = await as(teacher).save({ ...saved, ...change() });
    const edited = await as(teacher).edit(saved.id!, { ...saved, ...change() });
    expect([created.status, edited.status]).toEqual([400, 400]);
    expect(created.body.error.code).toBe('invalid_input');
    expect(await h.tdb.db.query(`SELECT id, title, groups, pairs FROM group_plan ORDER BY id`)).toEqual(before);
  });
});

describe('another course and other callers', () => {
  let otherPlan: string;
  let otherCourse: string;
  beforeAll(async () => {
    // A second course where the same teacher teaches, with its own plan.
    h.platform.courses.set('sci-7', { id: 'sci-7', title: 'Grade 7 Science', label: 'SCI7' });
    h.platform.resourceLinks.set('rl-sci7', { id: 'rl-sci7', courseId: 'sci-7', title: 'Science practice' });
    h.platform.addMember('sci-7', 'tch-kim');
    h.platform.addMember('sci-7', { sub: 'grp-sci', name: 'Sol Sanchez', roles: [ROLE.learner] });
    await token('grp-sci', { courseId: 'sci-7', resourceLinkId: 'rl-sci7' });
    const sciTeacher = await token('tch-kim', { courseId: 'sci-7', resourceLinkId: 'rl-sci7' });
    [{ id: otherCourse }] = (await h.tdb.db.query<{ id: string }>(`SELECT id FROM course_context WHERE context_id = 'sci-7'`)) as [{ id: string }];
    const [{ id: sol }] = (await h.tdb.db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = 'grp-sci'`)) as [{ id: string }];
    const plan = { title: 'Science', skills: [A], mode: 'similar', maxSize: 2, pairs: [] };
    const group = { name: 'Group 1', rationale: { kind: 'shared-need', skill: A, meanPKnown: null } };
    // A math student cannot be saved into the science course's plan.
    expect((await as(sciTeacher).save({ ...plan, groups: [{ ...group, userIds: [id('grp-ben')] }] }, otherCourse)).status).toBe(400);
    const res = await as(sciTeacher).save({ ...plan, groups: [{ ...group, userIds: [sol] }] }, otherCourse);
    expect(res.status).toBe(201);
    otherPlan = res.body.id;
  });

  it("another course's plan is not found from this course, and is not listed", async () => {
    expect((await as(teacher).csv(otherPlan)).status).toBe(404);
    const body = { title: 'Taken over', skills: [A], mode: 'similar', maxSize: 2, groups: [], pairs: [] };
    expect((await as(teacher).edit(otherPlan, body)).status).toBe(404);
    expect(((await as(teacher).list()).body as { plans: GroupPlanView[] }).plans.map((pl) => pl.id)).not.toContain(otherPlan);
    const [row] = await h.tdb.db.query<{ title: string }>(`SELECT title FROM group_plan WHERE id = $1`, [otherPlan]);
    expect(row!.title).toBe('Science');
    // Naming the other course in the URL is refused outright.
    expect((await as(teacher).list(otherCourse)).status).toBe(403);
    // An unknown or malformed plan id: 404 as well.
    expect((await as(teacher).csv(crypto.randomUUID())).status).toBe(404);
    expect((await as(teacher).csv('not-a-plan')).status).toBe(404);
  });

  it('a student may not suggest, save, list or export groups → 403', async () => {
    const body = { skills: [A], mode: 'similar', maxSize: 2 };
    const results = await Promise.all([
      as(student).suggest(body),
      as(student).save({ ...body, title: 'Mine', groups: [], pairs: [] }),
      as(student).list(),
      as(student).csv(otherPlan),
    ]);
    expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(results[0]!.body.error.code).toBe('forbidden');
  });
});

describe('groupPlanCsv', () => {
  it('words the rationale in Spanish, quotes commas and quotes, and guards every formula start', () => {
    const plan: GroupPlanView = {
      id: null, title: 't', skills: ['k'], mode: 'mixed', maxSize: 4, createdAt: null,
      groups: [
        { name: 'Grupo 1', userIds: ['u1', 'u2', 'u3'], rationale: { kind: 'mixed-levels', skill: null, meanPKnown: 0.5 } },
        { name: '+Extra', userIds: ['u4', 'u5'], rationale: { kind: 'shared-need', skill: 'k', meanPKnown: null } },
      ],
      pairs: [{ tutor: 'u1', learner: 'u2', skill: 'k', tutorPKnown: 0.97, learnerPKnown: 0.4 }],
    };
    const names: Record<string, string> = { u1: '=HYPERLINK("x")', u2: 'López, Ana', u3: '-1', u4: '@Mía', u5: '\tTab' };
    const csv = groupPlanCsv(plan, { locale: 'es', studentName: (u) => names[u]!, skillName: () => 'Fracciones' });
    expect(csv).toBe(
      '\uFEFF' +
        [
          'Grupo,Estudiante,Motivo',
          `Grupo 1,"'=HYPERLINK(""x"")",Niveles mezclados (estimación media de dominio 50 %)`,
          'Grupo 1,"López, Ana",Niveles mezclados (estimación media de dominio 50 %)',
          "Grupo 1,'-1,Niveles mezclados (estimación media de dominio 50 %)",
          "'+Extra,'@Mía,Necesidad común: Fracciones (sin empezar)",
          "'+Extra,'\tTab,Necesidad común: Fracciones (sin empezar)",
          `Pareja 1,"'=HYPERLINK(""x"")",Tutor entre pares: Fracciones (estimación de dominio 97 %)`,
          'Pareja 1,"López, Ana",Aprende con un tutor entre pares: Fracciones (estimación de dominio 40 %)',
        ].join('\r\n') +
        '\r\n',
    );
  });
});
