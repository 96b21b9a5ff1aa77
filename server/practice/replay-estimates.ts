// The benchmark's baseline: mastery recomputed from every past attempt (what a system
// without stored running estimates must do). Same output shape as loadSnapshot.
import type { Queryable } from '../db/database';
import { updateKnown } from './model/bkt';
import { loadSnapshot, type StudentScope, type StudentSnapshot } from './practice-store';
import type { SkillModel } from './skill-catalog';

export async function replayEstimates(
  db: Queryable,
  scope: StudentScope,
  skills: readonly string[],
  models: ReadonlyMap<string, SkillModel>,
): Promise<StudentSnapshot> {
  const base = await loadSnapshot(db, scope, []);
  const attempts = await db.query<{ skill_code: string; correct: boolean; created_at: Date }>(
    `SELECT skill_code, correct, created_at FROM attempt
      WHERE context_id = $1 AND user_id = $2 AND skill_code = ANY($3::text[]) ORDER BY created_at, id`,
    [scope.contextId, scope.userId, skills],
  );
  const bySkill = new Map<string, { p: number; n: number; correct: number; last: Date }>();
  for (const a of attempts) {
    const model = models.get(a.skill_code);
    if (!model) continue;
    const s = bySkill.get(a.skill_code) ?? { p: model.params.pInit, n: 0, correct: 0, last: a.created_at };
    bySkill.set(a.skill_code, { p: updateKnown(s.p, a.correct, model.params), n: s.n + 1, correct: s.correct + (a.correct ? 1 : 0), last: a.created_at });
  }
  return {
    ...base,
    estimates: [...bySkill].map(([code, s]) => ({
      skill_code: code,
      p_known: s.p,
      evidence_count: s.n,
      correct_count: s.correct,
      model_version: models.get(code)!.version,
      mastered_at: null,
      review_count: 0,
      last_practiced_at: new Date(s.last).toISOString(),
    })),
  };
}
