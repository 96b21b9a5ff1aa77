// A student's drill-down for their teacher over HTTP on real PostgreSQL: mastery per skill,
// p(known) over time, recent attempts, Trellis's grade beside the LMS gradebook's, notes
// (kept, newest first, audited) and the flag; another course's student is not found, and
// only the course's teaching staff get in.
import request from 'supertest';
import type { StudentDetailView, TeacherNoteView } from '../../server/http/contract';
import { flagsForCourse } from '../../server/insights/early-warning';
import { recordLmsResults } from '../../server/insights/lms-results';
import { DEFAULT_BKT_PARAMS, replay } from '../../server/practice/model/bkt';
import { ROLE } from '../platform/lti-vocab';
import { bootDataOf, fullLaunch, startHarness, type Harness } from '../support/harness';
import { placeAssignments } from '../support/practice';
import { seedClass, type SeededClass } from '../support/seed-class';

const F25 = 'g3.mult-facts-2-5';
const F69 = 'g3.mult-facts-6-9';

let h: Harness;
let cls: SeededClass;
let teacher: string;
let assignmentId: string;
let linkId: string; // Trellis's resource_link id of the assignment's link
let outsider: string; // a student of another course
const id = (sub: string) => cls.users.get(sub)!;
/** p(known) along a run of answers from the default prior (after each answer): the test's oracle. */
const trajectory = (answers: boolean[]) => replay(answers, DEFAULT_BKT_PARAMS).slice(1);

// Ana alternates skills: 2–5 right, 6–9 wrong, 2–5 right, 6–9 right, 2–5 right.
const ANA = [
  { skill: F25, correct: true },
  { skill: F69, correct: false },
  { skill: F25, correct: true },
  { skill: F69, correct: true },
  { skill: F25, correct: true },
];

beforeAll(async () => {
  h = await startHarness();
  const [lmsLink] = await placeAssignments(h, [{ title: 'Facts to mastery', skills: [F25, F69], goal: { kind: 'mastery' }, dueAt: null, points: 10 }]);
  cls = await seedClass(h, [
    { sub: 'sd-ana', name: 'Ana Arias', attempts: ANA },
    { sub: 'sd-ben', name: 'Ben Bell' },
    { sub: 'sd-cal', name: 'Cal Cruz', launched: false },
    { sub: 'sd-dan', name: 'Dan Diaz', attempts: Array.from({ length: 205 }, (_, i) => ({ skill: F25, correct: i % 2 === 0 })) },
  ]);
  teacher = await tokenOf('tch-kim', { resourceLinkId: lmsLink });
  const [link] = await h.tdb.db.query<{ id: string; assignment_id: string }>(`SELECT id, assignment_id FROM resource_link WHERE link_id = $1`, [lmsLink]);
  [linkId, assignmentId] = [link!.id, link!.assignment_id];
  await h.tdb.db.query(
    `INSERT INTO assignment_progress (assignment_id, user_id, context_id, items_answered, items_correct, score_given, score_maximum)
     VALUES ($1, $2, $3, 5, 4, 5, 10)`,
    [assignmentId, id('sd-ana'), cls.courseId],
  );
  // A student of another course on the same platform.
  h.platform.courses.set('sci-7', { id: 'sci-7', title: 'Grade 7 Science', label: 'SCI7' });
  h.platform.addMember('sci-7', { sub: 'sd-zed', name: 'Zed Other', roles: [ROLE.learner] });
  await tokenOf('sd-zed', { courseId: 'sci-7' });
  const [zed] = await h.tdb.db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = 'sd-zed'`);
  outsider = zed!.id;
}, 120_000);
afterAll(() => h.close());

async function tokenOf(userSub: string, opts: { courseId?: string; resourceLinkId?: string } = {}): Promise<string> {
  const res = await fullLaunch(h, { userSub, ...opts });
  if (res.status !== 200) throw new Error(`launch failed: ${res.status}`);
  return bootDataOf(res.text).token;
}

const detailUrl = (userId: string, courseId = cls.courseId) => `/api/courses/${courseId}/insights/students/${userId}`;
const getDetail = (userId: string, token = teacher) => request(h.app).get(detailUrl(userId)).set('Authorization', `Bearer ${token}`);
const postNote = (userId: string, body: unknown, token = teacher) =>
  request(h.app).post(`${detailUrl(userId)}/notes`).set('Authorization', `Bearer ${token}`).send(body as object);
const count = async (sql: string, params: unknown[] = []) => (await h.tdb.db.query<{ n: number }>(sql, params))[0]!.n;

describe('student detail', () => {
  it('shows mastery per skill, p(known) after every attempt per skill oldest first, and attempts newest first', async () => {
    const res = await getDetail(id('sd-ana'));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const view = res.body as StudentDetailView;
    expect(view.student).toEqual({ userId: id('sd-ana'), name: 'Ana Arias', launched: true, lastActiveAt: expect.any(String) });
    const p25 = trajectory([true, true, true]);
    const p69 = trajectory([false, true]);
    expect(view.skills).toEqual([
      { code: F25, name: 'Multiplication facts with 2, 3, 4 and 5', standard: '3.OA.C.7', grade: 3, skill: F25, pKnown: expect.closeTo(p25[2]!, 10), evidence: 3, status: 'mastered' },
      { code: F69, name: 'Multiplication facts with 6, 7, 8 and 9', standard: '3.OA.C.7', grade: 3, skill: F69, pKnown: expect.closeTo(p69[1]!, 10), evidence: 2, status: 'learning' },
    ]);
    expect(view.history.map((s) => [s.skill, s.points.map((p) => p.pKnown)])).toEqual([
      [F25, p25.map((p) => expect.closeTo(p, 10))],
      [F69, p69.map((p) => expect.closeTo(p, 10))],
    ]);
    const at = view.history[0]!.points.map((p) => p.at);
    expect([...at].sort()).toEqual(at);
    expect(view.attempts.map((a) => [a.skill, a.correct])).toEqual([...ANA].reverse().map((a) => [a.skill, a.correct]));
    expect(view.attempts[0]).toEqual({
      id: expect.any(String), skill: F25, correct: true, answer: 'seeded', hintsUsed: 0, timeOnTaskMs: 20000, pKnownAfter: expect.closeTo(p25[2]!, 10), at: expect.any(String),
    });
  });

  it('puts Trellis’s assignment score beside the LMS gradebook’s, as last read from the LMS', async () => {
    // What the results route stores after reading the line item's results from the LMS.
    const written = await recordLmsResults(h.tdb.db, linkId, cls.platformId, [
      { userId: 'sd-ana', resultScore: 6, resultMaximum: 10 },
      { userId: 'sd-ana', resultScore: 7, resultMaximum: 10 }, // the same user twice: the last one wins
      { userId: 'sd-zed', resultScore: 9, resultMaximum: 10 }, // not in this course: skipped
      { userId: 'never-seen', resultScore: 1, resultMaximum: 10 }, // unknown to Trellis: skipped
      { userId: 'sd-ben' }, // in the gradebook without a score yet
    ]);
    expect(written).toBe(2);
    const ana = (await getDetail(id('sd-ana'))).body as StudentDetailView;
    expect(ana.grades).toEqual([{ assignmentId, title: 'Facts to mastery', trellisScore: 5, trellisMaximum: 10, lmsScore: 7, lmsMaximum: 10 }]);
    const ben = (await getDetail(id('sd-ben'))).body as StudentDetailView;
    expect(ben.grades).toEqual([{ assignmentId, title: 'Facts to mastery', trellisScore: null, trellisMaximum: null, lmsScore: null, lmsMaximum: null }]);
    // A later read replaces the stored value.
    await recordLmsResults(h.tdb.db, linkId, cls.platformId, [{ userId: 'sd-ana', resultScore: 10, resultMaximum: 10 }]);
    expect(((await getDetail(id('sd-ana'))).body as StudentDetailView).grades[0]).toMatchObject({ lmsScore: 10, lmsMaximum: 10 });
    expect(await count(`SELECT count(*)::int AS n FROM lms_result`)).toBe(2);
  });

  it('shows a student who never opened Trellis, with nothing practised', async () => {
    const view = (await getDetail(id('sd-cal'))).body as StudentDetailView;
    expect(view.student).toEqual({ userId: id('sd-cal'), name: 'Cal Cruz', launched: false, lastActiveAt: null });
    expect(view.skills.map((s) => [s.code, s.status, s.pKnown])).toEqual([[F25, 'not-started', null], [F69, 'not-started', null]]);
    expect(view).toMatchObject({ history: [], attempts: [], notes: [] });
  });

  it('lists the last 200 attempts, while the history keeps every one', async () => {
    const view = (await getDetail(id('sd-dan'))).body as StudentDetailView;
    expect(view.attempts).toHaveLength(200);
    expect(view.attempts[0]!.correct).toBe(true); // the 205th answer (index 204, even)
    expect(view.history).toEqual([{ skill: F25, points: expect.any(Array) }]);
    expect(view.history[0]!.points).toHaveLength(205);
  });

  it('carries the early-warning model’s flag for the student', async () => {
    for (const sub of ['sd-ana', 'sd-cal']) {
      const [expected] = await flagsForCourse(h.tdb.db, cls, { userIds: [id(sub)] });
      const view = (await getDetail(id(sub))).body as StudentDetailView;
      expect(view.flag === null ? null : view.flag.userId).toBe(expected?.userId ?? null);
      if (expected) expect(view.flag).toMatchObject({ status: expected.status, score: expected.score });
    }
  });

  it('is audited: who looked at which student', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'view-student' AND subject_user_id = $1`, [id('sd-ben')]);
    await getDetail(id('sd-ben'));
    const [event] = await h.tdb.db.query<{ actor_user_id: string; actor_roles: string[]; context_id: string; subject_user_id: string; platform_id: string }>(
      `SELECT actor_user_id, actor_roles, context_id, subject_user_id, platform_id FROM audit_event WHERE action = 'view-student' ORDER BY id DESC LIMIT 1`,
    );
    const [kim] = await h.tdb.db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = 'tch-kim'`);
    expect(event).toEqual({ actor_user_id: kim!.id, actor_roles: ['instructor'], context_id: cls.courseId, subject_user_id: id('sd-ben'), platform_id: cls.platformId });
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'view-student' AND subject_user_id = $1`, [id('sd-ben')])).toBe(before + 1);
  });

  it('does not find another course’s student, a teacher, an unknown id or a malformed one (404), and audits nothing', async () => {
    const [kim] = await h.tdb.db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = 'tch-kim'`);
    const audits = await count(`SELECT count(*)::int AS n FROM audit_event`);
    for (const who of [outsider, kim!.id, crypto.randomUUID(), 'not-a-uuid']) {
      const res = await getDetail(who);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('student_not_found');
      expect(JSON.stringify(res.body)).not.toContain('Zed');
    }
    expect(await count(`SELECT count(*)::int AS n FROM audit_event`)).toBe(audits);
  });

  it('is for the course’s teaching staff: students (even about themselves) and mentors get 403', async () => {
    for (const sub of ['sd-ana', 'par-lopez']) {
      const token = await tokenOf(sub);
      expect((await getDetail(id('sd-ana'), token)).status).toBe(403);
      expect((await postNote(id('sd-ana'), { body: 'hi' }, token)).status).toBe(403);
    }
    // The teacher of another course cannot name this one.
    const res = await request(h.app).get(detailUrl(id('sd-ana'), crypto.randomUUID())).set('Authorization', `Bearer ${teacher}`);
    expect(res.status).toBe(403);
  });
});

describe('teacher notes', () => {
  it('adds notes (201), keeps them, shows them newest first with their author, and audits each', async () => {
    const first = await postNote(id('sd-ben'), { body: '  Works well with arrays and area models.  ' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), body: 'Works well with arrays and area models.', author: 'Grace Kim', createdAt: expect.any(String) });
    const second = await postNote(id('sd-ben'), { body: 'Check in about 7s and 8s.' });
    expect(second.status).toBe(201);
    const view = (await getDetail(id('sd-ben'))).body as StudentDetailView;
    expect(view.notes.map((n: TeacherNoteView) => n.body)).toEqual(['Check in about 7s and 8s.', 'Works well with arrays and area models.']);
    expect(view.notes[0]).toEqual(second.body);
    // Notes belong to the student in this course: none on Ana.
    expect(((await getDetail(id('sd-ana'))).body as StudentDetailView).notes).toEqual([]);
    const events = await h.tdb.db.query<{ subject_user_id: string; detail: { noteId: string } }>(
      `SELECT subject_user_id, detail FROM audit_event WHERE action = 'add-note' ORDER BY id`,
    );
    expect(events).toEqual([
      { subject_user_id: id('sd-ben'), detail: { noteId: first.body.id } },
      { subject_user_id: id('sd-ben'), detail: { noteId: second.body.id } },
    ]);
  });

  it('takes up to 2000 characters', async () => {
    const res = await postNote(id('sd-cal'), { body: 'é'.repeat(2000) });
    expect(res.status).toBe(201);
    expect(res.body.body).toHaveLength(2000);
  });

  it.each([
    ['an empty body', { body: '' }],
    ['only spaces', { body: '    ' }],
    ['2001 characters', { body: 'x'.repeat(2001) }],
    ['no body', {}],
    ['a number', { body: 42 }],
  ])('refuses %s with 400 and stores nothing', async (_name, body) => {
    const notes = await count(`SELECT count(*)::int AS n FROM teacher_note`);
    const res = await postNote(id('sd-dan'), body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(await count(`SELECT count(*)::int AS n FROM teacher_note`)).toBe(notes);
  });

  it('about another course’s student: 404, nothing stored', async () => {
    const notes = await count(`SELECT count(*)::int AS n FROM teacher_note`);
    const res = await postNote(outsider, { body: 'Should not be kept.' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('student_not_found');
    expect(await count(`SELECT count(*)::int AS n FROM teacher_note`)).toBe(notes);
  });
});

