// bench/model: how well Trellis's mastery model (BKT, server/practice/model) predicts the
// next answer, on seeded synthetic students whose true parameters are known. See
// bench/model/README.md.
//
//   npx tsx bench/model/run.ts
//
// Fits each skill on 80% of the students, then predicts every attempt of the other 20%
// (predict, then update) with the fitted parameters, the true ones, the defaults and a
// running percent-correct baseline. Writes bench/model/RESULTS.md and prints it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_BKT_PARAMS, predictCorrect, updateKnown, type BktParams } from '../../server/practice/model/bkt';
import { fitBkt, type FitResult } from '../../server/practice/model/fit';
import { auc, logLoss, rmse } from '../../server/practice/model/metrics';
import { generateSynthetic, type SyntheticSkill } from '../../server/practice/model/synthetic';

const RESULTS_FILE = path.join(__dirname, 'RESULTS.md');

const num = (name: string, dflt: number) => {
  const raw = process.env[name]?.trim();
  if (!raw) return dflt;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return v;
};

const CONFIG = {
  students: num('BENCH_STUDENTS', 2500),
  skills: num('BENCH_SKILLS', 20),
  attempts: { min: 20, max: 40 },
  seed: num('BENCH_SEED', 20261125),
  /** Every fifth student is a test student: 80/20 by student. */
  testEvery: 5,
};

/** Goals: fitted AUC at most this far below the oracle's, and above the baseline's. */
const AUC_GAP = 0.01;

const PARAM_KEYS = ['pInit', 'pLearn', 'pGuess', 'pSlip'] as const;

// ---- predictors -----------------------------------------------------------------------

/** Follows one student on one skill: a probability before each attempt, then the outcome. */
interface Tracker {
  predict(): number;
  observe(correct: boolean): void;
}

const FITTED = '(a) Trellis, fitted';
const ORACLE = '(b) Oracle, true parameters';
const BASELINE = '(c) Running percent correct';
const DEFAULTS = '(d) Trellis, default parameters';

interface Predictor {
  name: string;
  tracker(skill: number): Tracker;
}

function bktTracker(params: BktParams): Tracker {
  let pKnown = params.pInit;
  return {
    predict: () => predictCorrect(pKnown, params),
    observe: (correct) => {
      pKnown = updateKnown(pKnown, correct, params);
    },
  };
}

/** Laplace-smoothed share correct so far: (correct + 1) / (attempts + 2). */
function percentCorrectTracker(): Tracker {
  let correct = 0;
  let attempts = 0;
  return {
    predict: () => (correct + 1) / (attempts + 2),
    observe: (c) => {
      attempts++;
      if (c) correct++;
    },
  };
}

// ---- scoring --------------------------------------------------------------------------

interface Scores {
  auc: number;
  meanSkillAuc: number;
  rmse: number;
  logLoss: number;
  predictions: number;
}

/** Next-attempt predictions for every test sequence, pooled over skills and per skill. */
function score(predictor: Predictor, skills: SyntheticSkill[], isTest: (student: number) => boolean): Scores {
  const labels: boolean[] = [];
  const predictions: number[] = [];
  const skillAucs: number[] = [];
  skills.forEach((skill, k) => {
    const skillLabels: boolean[] = [];
    const skillPredictions: number[] = [];
    skill.sequences.forEach((seq, student) => {
      if (!isTest(student)) return;
      const tracker = predictor.tracker(k);
      for (const correct of seq) {
        skillPredictions.push(tracker.predict());
        skillLabels.push(correct);
        tracker.observe(correct);
      }
    });
    skillAucs.push(auc(skillLabels, skillPredictions));
    labels.push(...skillLabels);
    predictions.push(...skillPredictions);
  });
  return {
    auc: auc(labels, predictions),
    meanSkillAuc: mean(skillAucs),
    rmse: rmse(labels, predictions),
    logLoss: logLoss(labels, predictions),
    predictions: labels.length,
  };
}

// ---- fitting --------------------------------------------------------------------------

interface TimedFit {
  result: FitResult;
  ms: number;
}

function fitSkills(skills: SyntheticSkill[], isTest: (student: number) => boolean): TimedFit[] {
  const train = (skill: SyntheticSkill) => skill.sequences.filter((_, student) => !isTest(student));
  // One unmeasured fit first, so the first skill's time is not mostly JIT compilation.
  fitBkt(train(skills[0]!));
  return skills.map((skill) => {
    const sequences = train(skill);
    const start = performance.now();
    const result = fitBkt(sequences);
    return { result, ms: performance.now() - start };
  });
}

// ---- report ---------------------------------------------------------------------------

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);
const loadText = (load: number[]) => load.map((x) => x.toFixed(2)).join(' ');

function table(headers: string[], align: string[], rows: string[][]): string {
  return [`| ${headers.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

interface Report {
  date: string;
  loadBefore: number[];
  runSeconds: number;
  skills: SyntheticSkill[];
  fits: TimedFit[];
  trainStudents: number;
  testStudents: number;
  scores: { name: string; scores: Scores }[];
}

function goals(r: Report): { text: string; pass: boolean }[] {
  const find = (name: string) => r.scores.find((s) => s.name === name)!.scores.auc;
  const fitted = find(FITTED);
  const oracle = find(ORACLE);
  const baseline = find(BASELINE);
  return [
    {
      text: `Fitted AUC within ${AUC_GAP} of the oracle: fitted ${f4(fitted)}, oracle ${f4(oracle)} (gap ${f4(oracle - fitted)})`,
      pass: fitted >= oracle - AUC_GAP,
    },
    {
      text: `Fitted AUC above the baseline: fitted ${f4(fitted)}, baseline ${f4(baseline)} (+${f4(fitted - baseline)})`,
      pass: fitted > baseline,
    },
  ];
}

function render(r: Report): string {
  const cpus = os.cpus();
  const times = r.fits.map((f) => f.ms);
  const results = r.fits.map((f) => f.result);
  const attempts = results.reduce((n, f) => n + f.attempts, 0);
  const lines = [
    '# Mastery model benchmark: BKT fit and next-attempt prediction',
    '',
    'Synthetic students answer as BKT with known per-skill parameters; Trellis fits each skill on the training students and predicts every attempt of the test students before seeing it. Method: bench/model/README.md.',
    '',
    `- Date: ${r.date} (run took ${r.runSeconds.toFixed(1)} s)`,
    '- Command: `npx tsx bench/model/run.ts`',
    `- Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? '?'}), ${os.type()} ${os.release()}; Node ${process.version}; load average before ${loadText(r.loadBefore)}, after ${loadText(os.loadavg())}`,
    `- Data: seed ${CONFIG.seed}, ${r.skills.length} skills, ${r.trainStudents + r.testStudents} students (${r.trainStudents} train / ${r.testStudents} test, every ${CONFIG.testEvery}th student is a test student), ${CONFIG.attempts.min}–${CONFIG.attempts.max} attempts per student and skill; ${r.scores[0]!.scores.predictions} test predictions per predictor`,
    '',
    '## Goals',
    '',
    ...goals(r).map((g) => `- ${g.text}: **${g.pass ? 'PASS' : 'FAIL'}**`),
    '',
    '## Next-attempt prediction (test students)',
    '',
    'AUC pools all skills\' predictions (so it also rewards knowing which skills are hard); mean skill AUC averages the per-skill AUCs.',
    '',
    table(
      ['Predictor', 'AUC', 'Mean skill AUC', 'RMSE', 'Log-loss'],
      ['---', '---:', '---:', '---:', '---:'],
      r.scores.map(({ name, scores: s }) => [name, f4(s.auc), f4(s.meanSkillAuc), f4(s.rmse), f4(s.logLoss)]),
    ),
    '',
    '## Parameter recovery (fitted vs true, over skills)',
    '',
    table(
      ['Parameter', 'Mean abs error', 'Max abs error'],
      ['---', '---:', '---:'],
      PARAM_KEYS.map((key) => {
        const errors = r.skills.map((s, k) => Math.abs(results[k]!.params[key] - s.params[key]));
        return [key, f4(mean(errors)), f4(Math.max(...errors))];
      }),
    ),
    '',
    '## Fit time',
    '',
    `${results.length} skills, ${r.trainStudents} training students each, ${Math.round(attempts / results.length)} attempts per skill on average; one fit per skill on one core after an unmeasured warm-up fit.`,
    '',
    table(
      ['Mean per skill', 'Max per skill', 'Total', 'Mean EM iterations', 'Converged'],
      ['---:', '---:', '---:', '---:', '---:'],
      [
        [
          `${mean(times).toFixed(1)} ms`,
          `${Math.max(...times).toFixed(1)} ms`,
          `${times.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
          mean(results.map((f) => f.iterations)).toFixed(1),
          `${results.filter((f) => f.converged).length}/${results.length}`,
        ],
      ],
    ),
    '',
    '## Per skill: true → fitted',
    '',
    table(
      ['Skill', ...PARAM_KEYS, 'Fit time'],
      ['---:', '---', '---', '---', '---', '---:'],
      r.skills.map((s, k) => [
        String(k),
        ...PARAM_KEYS.map((key) => `${f3(s.params[key])} → ${f3(results[k]!.params[key])}`),
        `${times[k]!.toFixed(1)} ms`,
      ]),
    ),
    '',
  ];
  return lines.join('\n');
}

// ---- main -----------------------------------------------------------------------------

function main(): void {
  const started = performance.now();
  const date = new Date().toISOString();
  const loadBefore = os.loadavg();
  const skills = generateSynthetic({ students: CONFIG.students, skills: CONFIG.skills, attempts: CONFIG.attempts, seed: CONFIG.seed });
  const isTest = (student: number) => student % CONFIG.testEvery === 0;
  const fits = fitSkills(skills, isTest);
  const predictors: Predictor[] = [
    { name: FITTED, tracker: (k) => bktTracker(fits[k]!.result.params) },
    { name: ORACLE, tracker: (k) => bktTracker(skills[k]!.params) },
    { name: BASELINE, tracker: () => percentCorrectTracker() },
    { name: DEFAULTS, tracker: () => bktTracker(DEFAULT_BKT_PARAMS) },
  ];
  const testStudents = Math.ceil(CONFIG.students / CONFIG.testEvery);
  const report: Report = {
    date,
    loadBefore,
    runSeconds: 0,
    skills,
    fits,
    trainStudents: CONFIG.students - testStudents,
    testStudents,
    scores: predictors.map((p) => ({ name: p.name, scores: score(p, skills, isTest) })),
  };
  report.runSeconds = (performance.now() - started) / 1000;
  const markdown = render(report);
  fs.writeFileSync(RESULTS_FILE, markdown);
  process.stdout.write(markdown);
  if (!goals(report).every((g) => g.pass)) process.exitCode = 1;
}

main();
