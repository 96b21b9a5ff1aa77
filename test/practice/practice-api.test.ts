// The student practice loop over HTTP, against real PostgreSQL and the simulated LMS:
// items from the assignment's skills with their explanation, hints, attempts checked and
// counted once, mastery rising to the goal, the score through the outbox into the LMS
// gradebook, and every bad input refused with nothing stored.
import type { AttemptResultView, PracticeStateView } from '../../server/http/contract';
import { drain, fastWorker } from '../support/grades';
import { startHarness, type Harness } from '../support/harness';
import { addStudents, answerCurrent, answerSpecOf, api, correctAnswer, placeAssignments, studentToken } from '../support/practice';

let h: Harness;
let factsLink: string; // mastery of two fact skills, the second needing the first
let itemsLink: string; // "answer 3 questions" on one skill
beforeAll(async () => {
  h = await startHarness();
  addStudents(h, ['stu-cai', 'stu-dee', 'stu-eli', 'stu-fay', 'stu-gus', 'stu-hal']);
  const links = await placeAssignments(h, [
    { title: 'Facts to mastery', skills: ['g3.mult-facts-6-9', 'g3.mult-facts-2-5'], goal: { kind: 'mastery' }, dueAt: null, points: 10 },
    { title: 'Three questions', skills: ['3.NF.A.1'], goal: { kind: 'items', count: 3 }, dueAt: null, points: 6 },
  ]);
  [factsLink, itemsLink] = [links[0]!, links[1]!];
});
afterAll(() => h.close());

const count = async (table: string) => (await h.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

describe('practice API', () => {
  it('serves a ready-to-learn item of the assignment, explains why, and keeps it across reloads', async () => {
    const token = await studentToken(h, 'stu-ana', factsLink);
    const first = await api(h, token).state();
    expect(first.status).toBe(200);
    const state = first.body as PracticeStateView;
    // 6–9 facts need the 2–5 facts first: 2–5 is the one ready to learn.
    expect(state.item!.skill).toMatchObject({ code: 'g3.mult-facts-2-5', standard: '3.OA.C.7' });
    expect(state.item!.why).toMatchObject({ rule: 'ready-to-learn', skill: 'g3.mult-facts-2-5', evidence: 0, masteryThreshold: 0.95 });
    expect(state.item!.why.passedOver).toEqual([{ code: 'g3.mult-facts-6-9', reason: 'prerequisites-not-mastered' }]);
    expect(state.item!.prompt.length).toBeGreaterThan(0);
    // TeX arrives rendered as MathML (some templates are word problems without math).
    for (const segment of state.item!.prompt) if (segment.kind === 'math') expect(segment.mathml).toContain('<math');
    expect(state.progress).toMatchObject({ targetCount: 2, masteredCount: 0, itemsAnswered: 0, goal: { kind: 'mastery' } });
    expect(state.progress.score).toMatchObject({ given: 0, maximum: 10, rule: 'skills-mastered', lms: 'not-sent' });

    const again = (await api(h, token).state()).body as PracticeStateView;
    expect(again.item!.id).toBe(state.item!.id);
    expect(again.item!.prompt).toEqual(state.item!.prompt);
  });

  it('gives hints one at a time, then says there are no more; the attempt records how many were used', async () => {
    const token = await studentToken(h, 'stu-ben', factsLink);
    const state = (await api(h, token).state()).body as PracticeStateView;
    const item = state.item!;
    for (let i = 1; i <= item.hintsAvailable; i++) {
      const res = await api(h, token).hint(item.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ hintsShown: i, hintsAvailable: item.hintsAvailable });
      expect(res.body.hint.length).toBeGreaterThan(0);
    }
    const extra = await api(h, token).hint(item.id);
    expect(extra.status).toBe(409);
    expect(extra.body.error.code).toBe('no_more_hints');
    // A reload shows the hints already opened.
    const reloaded = (await api(h, token).state()).body as PracticeStateView;
    expect(reloaded.item!.hintsShown).toHaveLength(item.hintsAvailable);

    await answerCurrent(h, token, reloaded, true);
    const [attempt] = await h.tdb.db.query<{ hints_used: number; time_on_task_ms: number; session_id: string | null }>(
      `SELECT hints_used, time_on_task_ms, session_id FROM attempt WHERE served_item_id = $1`,
      [item.id],
    );
    expect(attempt).toMatchObject({ hints_used: item.hintsAvailable, time_on_task_ms: 4_000 });
    expect(attempt!.session_id).not.toBeNull();
  });

  it('checks answers: a right answer raises mastery, a wrong one lowers it and shows the expected answer and worked solution', async () => {
    const token = await studentToken(h, 'stu-cai', factsLink);
    let state = (await api(h, token).state()).body as PracticeStateView;
    const right = await answerCurrent(h, token, state, true);
    expect(right).toMatchObject({ correct: true, feedback: 'correct' });
    expect(right.mastery.after).toBeGreaterThan(right.mastery.before);
    expect(right.next).not.toBeNull();

    state = { item: right.next, progress: right.progress };
    const wrong = await answerCurrent(h, token, state, false);
    expect(wrong).toMatchObject({ correct: false, feedback: 'incorrect' });
    expect(wrong.mastery.after).toBeLessThan(wrong.mastery.before);
    expect(wrong.expected.length).toBeGreaterThan(0);
    expect(wrong.solution.length).toBeGreaterThanOrEqual(2);
    expect(wrong.progress).toMatchObject({ itemsAnswered: 2, itemsCorrect: 1 });

    // The estimate in the database is the one the response reported, with its evidence and model version.
    const [estimate] = await h.tdb.db.query<{ p_known: number; evidence_count: number; model_version: number }>(
      `SELECT e.p_known, e.evidence_count, e.model_version FROM mastery_estimate e JOIN app_user u ON u.id = e.user_id
        WHERE u.sub = 'stu-cai' AND e.skill_code = $1`,
      [wrong.mastery.skill],
    );
    expect(estimate!.p_known).toBeCloseTo(wrong.mastery.after, 10);
    expect(estimate!.model_version).toBe(1);
  });

  it('practises to mastery of every skill; the score reaches the LMS gradebook and the student can see it did', async () => {
    const token = await studentToken(h, 'stu-dee', factsLink);
    let state = (await api(h, token).state()).body as PracticeStateView;
    const seen: string[] = [];
    let last: AttemptResultView | null = null;
    for (let i = 0; i < 40 && !state.progress.complete; i++) {
      seen.push(state.item!.skill.code);
      last = await answerCurrent(h, token, state, true);
      state = { item: last.next, progress: last.progress };
    }
    expect(state.progress.complete).toBe(true);
    expect(state.progress.masteredCount).toBe(2);
    // Prerequisite first: every 2–5 item came before the first 6–9 item.
    const firstSixToNine = seen.indexOf('g3.mult-facts-6-9');
    expect(firstSixToNine).toBeGreaterThan(0);
    expect(seen.slice(0, firstSixToNine).every((s) => s === 'g3.mult-facts-2-5')).toBe(true);
    expect(last!.progress.score).toMatchObject({ given: 10, maximum: 10, lms: 'pending' });

    await drain(fastWorker(h), h);
    const delivered = h.platform.scores.filter((s) => s.outcome === 'accepted').map((s) => s.body as { userId: string; scoreGiven: number; activityProgress: string; gradingProgress: string });
    const dee = delivered.filter((s) => s.userId === 'stu-dee');
    // Nothing is sent while the score is 0; then half the skills mastered, then all, in order.
    expect(dee.map((s) => s.scoreGiven)).toEqual([5, 10]);
    expect(dee.at(-1)).toMatchObject({ activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    const after = (await api(h, token).state()).body as PracticeStateView;
    expect(after.progress.score).toMatchObject({ given: 10, lms: 'delivered' });
  });

  it('scores "answer N questions" assignments by completion', async () => {
    const token = await studentToken(h, 'stu-eli', itemsLink);
    let state = (await api(h, token).state()).body as PracticeStateView;
    expect(state.item!.skill.code).toBe('g3.unit-fractions'); // 3.NF.A.1 expanded to its skill
    const scores: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await answerCurrent(h, token, state, i !== 1);
      scores.push(r.progress.score!.given);
      state = { item: r.next, progress: r.progress };
    }
    expect(scores).toEqual([2, 4, 6]);
    expect(state.progress.complete).toBe(true);
  });

  it('counts the same attempt once when it is sent twice with the same idempotency key', async () => {
    const token = await studentToken(h, 'stu-fay', factsLink);
    const state = (await api(h, token).state()).body as PracticeStateView;
    const key = crypto.randomUUID();
    const body = { answer: correctAnswer(await answerSpecOf(h, state.item!.id)), idempotencyKey: key, timeOnTaskMs: 1_500 };
    const first = await api(h, token).attempt(state.item!.id, body);
    const second = await api(h, token).attempt(state.item!.id, body);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.attemptId).toBe(first.body.attemptId);
    expect(second.body.next.id).toBe(first.body.next.id);
    expect(second.body.progress.itemsAnswered).toBe(1);
    const [row] = await h.tdb.db.query<{ attempts: number; evidence: number }>(
      `SELECT (SELECT count(*)::int FROM attempt a WHERE a.user_id = u.id) AS attempts,
              (SELECT sum(evidence_count)::int FROM mastery_estimate e WHERE e.user_id = u.id) AS evidence
         FROM app_user u WHERE u.sub = 'stu-fay'`,
    );
    expect(row).toEqual({ attempts: 1, evidence: 1 });

    // The same item answered again under a new key: already answered, nothing stored.
    const again = await api(h, token).attempt(state.item!.id, { ...body, idempotencyKey: crypto.randomUUID() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_answered');
    // The key reused for a different item: refused.
    const reused = await api(h, token).attempt(first.body.next.id, body);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('interleaves spaced review of a mastered skill, unless the teacher turned it off for the assignment', async () => {
    const [withReview, withoutReview] = await placeAssignments(h, [
      { title: 'Facts with review', skills: ['g3.mult-facts-2-5', 'g3.mult-facts-6-9'], goal: { kind: 'mastery' }, dueAt: null, points: 10 },
      { title: 'Facts, no review', skills: ['g3.mult-facts-2-5', 'g3.mult-facts-6-9'], goal: { kind: 'mastery' }, dueAt: null, points: 10, spacedReview: false },
    ]);
    const [stored] = await h.tdb.db.query<{ settings: { spacedReview?: boolean } }>(`SELECT settings FROM assignment WHERE title = 'Facts, no review'`);
    expect(stored!.settings.spacedReview).toBe(false);

    const rulesAfterMastery = async (sub: string, link: string) => {
      const token = await studentToken(h, sub, link);
      let state = (await api(h, token).state()).body as PracticeStateView;
      // Master the 2–5 facts, then pretend an hour has passed since (its first review is due after 10 minutes).
      while (state.item!.skill.code === 'g3.mult-facts-2-5') {
        const r = await answerCurrent(h, token, state, true);
        state = { item: r.next, progress: r.progress };
      }
      await h.tdb.db.query(
        `UPDATE mastery_estimate SET last_practiced_at = now() - interval '1 hour'
          WHERE skill_code = 'g3.mult-facts-2-5' AND user_id = (SELECT id FROM app_user WHERE sub = $1)`,
        [sub],
      );
      const rules: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await answerCurrent(h, token, state, i % 2 === 0);
        state = { item: r.next, progress: r.progress };
        rules.push(state.item!.why.rule);
      }
      return rules;
    };
    addStudents(h, ['stu-rev', 'stu-norev']);
    expect(await rulesAfterMastery('stu-rev', withReview!)).toContain('spaced-review');
    expect(await rulesAfterMastery('stu-norev', withoutReview!)).not.toContain('spaced-review');
  });

  describe('bad input is refused with a specific error and nothing is stored', () => {
    let token: string;
    let state: PracticeStateView;
    beforeAll(async () => {
      token = await studentToken(h, 'stu-gus', factsLink);
      state = (await api(h, token).state()).body as PracticeStateView;
    });
    const good = () => ({ answer: '12', idempotencyKey: crypto.randomUUID(), timeOnTaskMs: 1000 });

    it.each([
      ['an answer over 200 characters', { answer: '1'.repeat(201) }, 400, 'invalid_input'],
      ['an empty answer', { answer: '' }, 400, 'invalid_input'],
      ['no idempotency key', { idempotencyKey: undefined }, 400, 'invalid_input'],
      ['a key that is not a UUID', { idempotencyKey: 'abc' }, 400, 'invalid_input'],
      ['a negative time on task', { timeOnTaskMs: -5 }, 400, 'invalid_input'],
      ['choice ids for a typed item', { answer: ['a'] }, 400, 'invalid_answer'],
      ['an answer that is not a number', { answer: 'twelve-ish' }, 400, 'answer_unreadable'],
      ['an answer that tries to run code', { answer: 'import("fs")' }, 400, 'answer_unreadable'],
    ])('%s is refused', async (_name, change, status, code) => {
      const before = { attempts: await count('attempt'), estimates: await count('mastery_estimate'), served: await count('served_item') };
      const res = await api(h, token).attempt(state.item!.id, { ...good(), ...change });
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
      expect(res.body.error.message).not.toMatch(/at .*\.ts|Error:/);
      expect({ attempts: await count('attempt'), estimates: await count('mastery_estimate'), served: await count('served_item') }).toEqual(before);
    });

    it('an item served to another student, an unknown id or a malformed id → 409 item_not_served', async () => {
      const other = (await api(h, await studentToken(h, 'stu-hal', factsLink)).state()).body as PracticeStateView;
      const before = await count('attempt');
      for (const id of [other.item!.id, crypto.randomUUID(), 'not-an-id']) {
        const res = await api(h, token).attempt(id, good());
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('item_not_served');
      }
      expect(await count('attempt')).toBe(before);
    });

    it('an item served in another assignment → 409 item_not_served', async () => {
      const otherToken = await studentToken(h, 'stu-gus', itemsLink);
      const other = (await api(h, otherToken).state()).body as PracticeStateView;
      const res = await api(h, token).attempt(other.item!.id, good());
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('item_not_served');
    });

    it('teachers and requests without a launch token cannot practise', async () => {
      const teacher = await studentToken(h, 'tch-kim', factsLink);
      expect((await api(h, teacher).state()).status).toBe(403);
      const res = await api(h, 'not-a-token').state();
      expect(res.status).toBe(401);
    });
  });
});
