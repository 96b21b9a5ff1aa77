// Refits each skill's BKT parameters from the attempts collected since its last fit, as
// a new model version (estimates record which version produced them). Reads and fits
// outside any transaction; the insert only lands if nobody fitted the skill meanwhile,
// so several instances can run the job without a lock.
import type { Database } from '../db/database';
import { fitBkt, type FitOptions } from '../practice/model/fit';
import type { SkillCatalog } from '../practice/skill-catalog';

export interface RefitOptions {
  /** Refit a skill once it has this many attempts more than its current model saw. */
  minNewAttempts?: number;
  fit?: FitOptions;
}

export interface RefitOutcome {
  skill: string;
  version: number;
  attempts: number;
  students: number;
  logLikelihood: number;
}

export async function refitSkillModels(deps: { db: Database; catalog: SkillCatalog }, opts: RefitOptions = {}): Promise<RefitOutcome[]> {
  await deps.catalog.ready();
  const due = await deps.db.query<{ skill_code: string; version: number; attempts: number }>(
    `SELECT m.skill_code, m.version, a.attempts
       FROM (SELECT DISTINCT ON (skill_code) skill_code, version, attempts_used FROM skill_model ORDER BY skill_code, version DESC) m
       JOIN (SELECT skill_code, count(*)::int AS attempts FROM attempt GROUP BY skill_code) a ON a.skill_code = m.skill_code
      WHERE a.attempts - m.attempts_used >= $1`,
    [opts.minNewAttempts ?? 200],
  );
  const outcomes: RefitOutcome[] = [];
  for (const skill of due) {
    const outcome = await refitSkill(deps.db, skill.skill_code, skill.version, opts.fit);
    if (outcome) outcomes.push(outcome);
  }
  if (outcomes.length > 0) deps.catalog.invalidate();
  return outcomes;
}

async function refitSkill(db: Database, skill: string, currentVersion: number, fitOptions?: FitOptions): Promise<RefitOutcome | null> {
  // One sequence per student and course, in the order the attempts happened.
  const rows = await db.query<{ answers: boolean[] }>(
    `SELECT array_agg(correct ORDER BY created_at, id) AS answers FROM attempt WHERE skill_code = $1 GROUP BY context_id, user_id`,
    [skill],
  );
  const fit = fitBkt(rows.map((r) => r.answers), fitOptions);
  if (fit.iterations === 0) return null; // too little data: keep the current parameters
  const p = fit.params;
  const [inserted] = await db.query<{ version: number }>(
    `INSERT INTO skill_model (skill_code, version, p_init, p_learn, p_guess, p_slip, p_forget, method, attempts_used, students_used, log_likelihood)
     SELECT $1, $2 + 1, $3, $4, $5, $6, $7, 'em', $8, $9, $10
      WHERE (SELECT max(version) FROM skill_model WHERE skill_code = $1) = $2
     ON CONFLICT (skill_code, version) DO NOTHING
     RETURNING version`,
    [skill, currentVersion, p.pInit, p.pLearn, p.pGuess, p.pSlip, p.pForget, fit.attempts, fit.students, fit.logLikelihood],
  );
  if (!inserted) return null;
  return { skill, version: inserted.version, attempts: fit.attempts, students: fit.students, logLikelihood: fit.logLikelihood };
}

export function startModelRefitScheduler(
  deps: { db: Database; catalog: SkillCatalog },
  opts: { everyMs: number; onError: (err: unknown) => void; onRefit?: (outcomes: RefitOutcome[]) => void },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    refitSkillModels(deps)
      .then((outcomes) => outcomes.length > 0 && opts.onRefit?.(outcomes))
      .catch(opts.onError)
      .finally(() => (running = false));
  }, opts.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
