// The refit job on real PostgreSQL: attempts generated from known BKT parameters are
// stored as students' history; the job fits a new model version close to the truth,
// leaves skills without enough new data alone, and the practice path reads the new version.
import { refitSkillModels } from '../../server/jobs/refit-models';
import { generateSynthetic } from '../../server/practice/model/synthetic';
import { launchedStudent } from '../support/grades';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const TRUE_PARAMS = { pInit: 0.3, pLearn: 0.2, pGuess: 0.15, pSlip: 0.08, pForget: 0 };
const SKILL = 'g3.mult-facts-2-5';

/** Stores each synthetic sequence as one student's served items and attempts, in order. */
async function storeHistory(platformId: string, courseId: string, skill: string, sequences: boolean[][]) {
  const subs = sequences.map((_, i) => `synthetic-${skill}-${i}`);
  const users = await h.tdb.db.query<{ id: string }>(
    `INSERT INTO app_user (platform_id, sub) SELECT $1, unnest($2::text[]) RETURNING id`,
    [platformId, subs],
  );
  const rows = sequences.flatMap((seq, s) => seq.map((correct, i) => ({ user: users[s]!.id, correct, i })));
  await h.tdb.db.query(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($4::jsonb) AS r("user" uuid, correct boolean, i int)),
          served AS (
            INSERT INTO served_item (platform_id, context_id, user_id, skill_code, template_key, seed, locale, explanation, served_at, answered_at)
            SELECT $1, $2, "user", $3, 'synthetic', i, 'en', '{}', now() - interval '1 day' + i * interval '1 minute', now()
              FROM input RETURNING id, user_id, seed)
     INSERT INTO attempt (served_item_id, platform_id, context_id, user_id, skill_code, idempotency_key, answer, correct, feedback,
                          hints_used, time_on_task_ms, p_known_before, p_known_after, model_version, created_at)
     SELECT s.id, $1, $2, s.user_id, $3, gen_random_uuid(), 'x', input.correct, 'synthetic', 0, 1000, 0.5, 0.5, 1,
            now() - interval '1 day' + input.i * interval '1 minute'
       FROM served s JOIN input ON input."user" = s.user_id AND input.i = s.seed`,
    [platformId, courseId, skill, JSON.stringify(rows)],
  );
}

describe('model refit job', () => {
  it('fits a new version close to the generating parameters and skips skills with too little new data', async () => {
    const ana = await launchedStudent(h, 'stu-ana');
    const [data] = generateSynthetic({ students: 400, skills: 1, attempts: 12, seed: 7, params: [TRUE_PARAMS] });
    await storeHistory(ana.platformId, ana.courseId, SKILL, data!.sequences);
    // A second skill with only a handful of attempts.
    const [thin] = generateSynthetic({ students: 3, skills: 1, attempts: 4, seed: 8, params: [TRUE_PARAMS] });
    await storeHistory(ana.platformId, ana.courseId, 'g3.mult-facts-6-9', thin!.sequences);

    const outcomes = await refitSkillModels({ db: h.tdb.db, catalog: h.trellis.practice.catalog });
    expect(outcomes.map((o) => o.skill)).toEqual([SKILL]);
    expect(outcomes[0]).toMatchObject({ version: 2, attempts: 4_800, students: 400 });

    const [fitted] = await h.tdb.db.query<{ p_init: number; p_learn: number; p_guess: number; p_slip: number; method: string }>(
      `SELECT p_init, p_learn, p_guess, p_slip, method FROM skill_model WHERE skill_code = $1 AND version = 2`,
      [SKILL],
    );
    expect(fitted!.method).toBe('em');
    expect(Math.abs(fitted!.p_init - TRUE_PARAMS.pInit)).toBeLessThan(0.07);
    expect(Math.abs(fitted!.p_learn - TRUE_PARAMS.pLearn)).toBeLessThan(0.07);
    expect(Math.abs(fitted!.p_guess - TRUE_PARAMS.pGuess)).toBeLessThan(0.07);
    expect(Math.abs(fitted!.p_slip - TRUE_PARAMS.pSlip)).toBeLessThan(0.07);
    // The version the practice path reads is the new one.
    expect((await h.trellis.practice.catalog.model(SKILL)).version).toBe(2);

    // Nothing new since: a second run leaves every skill alone.
    expect(await refitSkillModels({ db: h.tdb.db, catalog: h.trellis.practice.catalog })).toEqual([]);
    const [row] = await h.tdb.db.query<{ versions: number }>(`SELECT count(*)::int AS versions FROM skill_model WHERE skill_code = $1`, [SKILL]);
    expect(row!.versions).toBe(2);
  });
});
