// The teacher's insights from the demo LMS. Ana and Ben open Trellis as students (real LTI
// launches); their answers are then written as the practice path writes them (served item +
// attempt + running estimate), and a third student is on the roster only, with no name.
// As Grace Kim: the mastery map shows the students and values in words, the early-warning
// list shows Ben with his reasons, a dismissal with a note persists across a reload and
// moves him to "Dismissed", the drill-down opens and returns focus, groups are suggested,
// edited and saved — keyboard only, axe clean on each view, and the page fits 320 px.
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { Client } from 'pg';
import { DEFAULT_BKT_PARAMS, MASTERY_THRESHOLD, updateKnown } from '../../server/practice/model/bkt';
import { launchChromium, seriousAxeViolations, startTrellis, type RunningTrellis } from './support';

let trellis: RunningTrellis;
let browser: Browser;
let context: BrowserContext;
let db: Client;

/** What the seeded answers leave as p(known), per student and skill. */
const expected = new Map<string, number>();

const RATIOS = 'g6.ratios';
const RATIOS_NAME = 'Understand ratios';
const UNIT_RATES = 'g6.unit-rates';
const UNIT_RATES_NAME = 'Unit rates and unit prices';

beforeAll(async () => {
  trellis = await startTrellis();
  browser = await launchChromium();
  db = new Client({ connectionString: trellis.databaseUrl });
  await db.connect();

  // Real launches: Ana and Ben become launched learners of the demo course.
  context = await browser.newContext();
  for (const link of ['Launch as student (Ana Lopez)', 'Launch as student (Ben Okafor)']) {
    const page = await context.newPage();
    await launch(page, link);
    await page.close();
  }
  await context.close();

  const { rows } = await db.query<{ platform_id: string; context_id: string }>(
    `SELECT u.platform_id, e.context_id FROM enrolment e JOIN app_user u ON u.id = e.user_id WHERE u.sub = 'stu-ana'`,
  );
  const scope = { platformId: rows[0]!.platform_id, courseId: rows[0]!.context_id };

  // A student on the roster only: never launched, no name (an anonymous LMS roster entry).
  const [anon] = (
    await db.query<{ id: string }>(`INSERT INTO app_user (platform_id, sub) VALUES ($1, 'stu-roster-only') RETURNING id`, [scope.platformId])
  ).rows;
  await db.query(`INSERT INTO enrolment (context_id, user_id, roles, status, source) VALUES ($1, $2, '{learner}', 'Active', 'roster')`, [
    scope.courseId,
    anon!.id,
  ]);

  // Ana: strong on ratios (mastered), started unit rates. Ben: six misses in a row on ratios.
  await seedAnswers(scope, 'stu-ana', [...Array(8).fill([RATIOS, true]), [UNIT_RATES, true], [UNIT_RATES, false]]);
  await seedAnswers(scope, 'stu-ben', Array(6).fill([RATIOS, false]));
  expect(expected.get(`stu-ana ${RATIOS}`)!).toBeGreaterThanOrEqual(MASTERY_THRESHOLD);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await browser?.close();
  await trellis?.stop();
});
afterEach(() => context?.close());

async function launch(page: Page, link: string): Promise<Frame> {
  await page.goto(`${trellis.url}/`);
  await page.getByRole('link', { name: link }).click();
  const handle = await page.waitForSelector('iframe[name="tool-frame"]');
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector('#root h1', { timeout: 20_000 });
  return frame;
}

/** Attempts as the practice path writes them, a minute apart and ending now, with the running estimate. */
async function seedAnswers(scope: { platformId: string; courseId: string }, sub: string, answers: [string, boolean][]): Promise<void> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = $1`, [sub]);
  const userId = rows[0]!.id;
  for (let i = 0; i < answers.length; i++) {
    const [skill, correct] = answers[i]!;
    const minutesAgo = answers.length - i;
    const key = `${sub} ${skill}`;
    const before = expected.get(key) ?? DEFAULT_BKT_PARAMS.pInit;
    const after = updateKnown(before, correct, DEFAULT_BKT_PARAMS);
    expected.set(key, after);
    await db.query(
      `WITH s AS (
         INSERT INTO served_item (platform_id, context_id, user_id, skill_code, template_key, seed, locale, explanation, served_at, answered_at, hints_shown)
         VALUES ($1, $2, $3, $4, 'seeded', 1, 'en', '{}', now() - make_interval(mins => $6::int), now() - make_interval(mins => $6::int), 0) RETURNING id)
       INSERT INTO attempt (served_item_id, platform_id, context_id, user_id, skill_code, idempotency_key, answer, correct, feedback,
                            hints_used, time_on_task_ms, p_known_before, p_known_after, model_version, created_at)
       SELECT s.id, $1, $2, $3, $4, gen_random_uuid(), 'seeded', $5::boolean, CASE WHEN $5::boolean THEN 'correct' ELSE 'incorrect' END,
              0, 42000, $7, $8, 1, now() - make_interval(mins => $6::int) FROM s`,
      [scope.platformId, scope.courseId, userId, skill, correct, minutesAgo, before, after],
    );
    await db.query(
      `INSERT INTO mastery_estimate AS m (context_id, user_id, skill_code, p_known, evidence_count, correct_count, model_version, last_practiced_at, mastered_at)
       VALUES ($1, $2, $3, $4::double precision, 1, CASE WHEN $5::boolean THEN 1 ELSE 0 END, 1, now() - make_interval(mins => $6::int),
               CASE WHEN $4::double precision >= 0.95 THEN now() END)
       ON CONFLICT (context_id, user_id, skill_code) DO UPDATE SET p_known = EXCLUDED.p_known, evidence_count = m.evidence_count + 1,
         correct_count = m.correct_count + EXCLUDED.correct_count, last_practiced_at = EXCLUDED.last_practiced_at,
         mastered_at = CASE WHEN EXCLUDED.p_known >= 0.95 THEN coalesce(m.mastered_at, now()) END, updated_at = now()`,
      [scope.courseId, userId, skill, after, correct, minutesAgo],
    );
  }
}

async function newPage(width = 1024): Promise<Page> {
  // bypassCSP lets the test inject axe into Trellis pages, whose CSP forbids inline scripts.
  context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, viewport: { width, height: 900 } });
  return context.newPage();
}

async function teacher(width = 1024): Promise<Frame> {
  const frame = await launch(await newPage(width), 'Launch as teacher (Grace Kim)');
  await map(frame).waitFor({ timeout: 20_000 });
  return frame;
}

const map = (frame: Frame) => frame.getByRole('table', { name: /^Mastery by student and skill/ });
const checkIns = (frame: Frame) => frame.getByRole('region', { name: 'Students to check in with' });
const groups = (frame: Frame) => frame.getByRole('region', { name: 'Groups' });
const percent = (p: number) => `${Math.round(p * 100)}%`;

async function expectText(locator: ReturnType<Frame['locator']>, pattern: RegExp, timeout = 20_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.innerText().catch(() => '');
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${pattern} but the text was: ${text}`);
}

const isFocused = (locator: ReturnType<Frame['locator']>) => locator.evaluate((el) => el === document.activeElement);

/** Presses Enter on a control after focusing it: what a keyboard user does. */
async function press(locator: ReturnType<Frame['locator']>): Promise<void> {
  await locator.focus();
  await locator.press('Enter');
}

describe('teacher insights', () => {
  it('shows strengths and the mastery map in words, sorts and filters it, and is axe clean', async () => {
    const frame = await teacher();

    // Strengths first: the skill summary leads with what the class can do.
    const strengths = frame.getByRole('region', { name: 'What your class can do' });
    expect(await strengths.innerText()).toContain(`Your class’s strongest skills: ${RATIOS_NAME} (1 of 3 can do it).`);
    const skillTable = strengths.getByRole('table', { name: /^Skills, strongest first/ });
    expect(await skillTable.getByRole('row').nth(1).innerText()).toContain(RATIOS_NAME);
    // The chart is a labelled picture beside the table (recharts loads lazily).
    await strengths.getByRole('img', { name: /^Bar chart of the table that follows/ }).waitFor();

    // Every student, every value in words (percent · status), the roster-only student marked.
    const table = map(frame);
    const ana = table.getByRole('row', { name: /Ana Lopez/ });
    expect(await ana.innerText()).toContain(`${percent(expected.get(`stu-ana ${RATIOS}`)!)} · mastered`);
    expect(await ana.innerText()).toContain(`${percent(expected.get(`stu-ana ${UNIT_RATES}`)!)} · learning`);
    const ben = table.getByRole('row', { name: /Ben Okafor/ });
    expect(await ben.innerText()).toContain(`${percent(expected.get(`stu-ben ${RATIOS}`)!)} · learning`);
    expect(await ben.innerText()).toContain('not started');
    const anon = table.getByRole('row', { name: /Student \d/ });
    expect(await anon.innerText()).toContain('Not launched yet');

    // Sorting by a skill (keyboard): strongest first, and aria-sort says so.
    const ratiosHeader = table.getByRole('columnheader', { name: new RegExp(RATIOS_NAME) });
    await press(ratiosHeader.getByRole('button'));
    expect(await ratiosHeader.getAttribute('aria-sort')).toBe('descending');
    const rows = await table.locator('tbody tr th').allInnerTexts();
    expect(rows[0]).toContain('Ana Lopez');
    expect(rows[1]).toContain('Ben Okafor');

    // Filtering by status, announced in the status line.
    await frame.getByLabel('Status', { exact: true }).selectOption('not-launched');
    await expectText(frame.getByRole('region', { name: 'Mastery map' }).getByRole('status'), /Showing 1 of 3 students/);
    expect(await table.getByRole('row').count()).toBe(2);
    await press(frame.getByRole('button', { name: 'Clear filters' }));
    expect(await table.getByRole('row').count()).toBe(4);

    // Exports and print: the CSV downloads through the token-carrying fetch; print is a button.
    const download = frame.page().waitForEvent('download');
    await press(frame.getByRole('button', { name: 'Download class mastery (CSV)' }));
    expect((await download).suggestedFilename()).toMatch(/^class-mastery-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(await seriousAxeViolations(frame)).toEqual([]);

    // Print: the button opens the browser's print; on paper the controls go and the tables stay.
    await frame.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => void w.printed++;
    });
    await press(frame.getByRole('button', { name: 'Print class report' }));
    expect(await frame.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await frame.page().emulateMedia({ media: 'print' });
    expect(await frame.getByRole('button', { name: 'Print class report' }).isVisible()).toBe(false);
    expect(await frame.getByLabel('Status', { exact: true }).isVisible()).toBe(false);
    expect(await groups(frame).isVisible()).toBe(false);
    expect(await map(frame).isVisible()).toBe(true);
    expect(await skillTable.isVisible()).toBe(true);
    await frame.page().emulateMedia({ media: 'screen' });
  });

  it('lists the flagged student with reasons; a dismissal with a note persists and moves the flag', async () => {
    let frame = await teacher();
    let section = checkIns(frame);
    await expectText(section, /Flagged now \(\d+\)/);
    const text = await section.innerText();
    expect(text).toContain('This is one data point beside your own judgement.');
    expect(text).toContain('Missed 6 answers in a row — 3 points');
    expect(text).toMatch(/students are flagged at 3 points or more\. Early-warning model version 1\./);
    const flaggedBefore = Number(/Flagged now \((\d+)\)/.exec(text)![1]);

    // The model's rules are published beside the list.
    const how = section.locator('details', { hasText: 'How flags are computed' });
    await press(how.locator('summary'));
    expect(await how.getByRole('table').innerText()).toContain('Wrong answers in a row, counted back from the latest answer.');

    // Dismiss: the note is required, the error is tied to the field.
    await press(section.getByRole('button', { name: 'Dismiss (Ben Okafor)' }));
    const note = section.getByRole('textbox', { name: /Why are you dismissing this flag for Ben Okafor\?/ });
    expect(await isFocused(note)).toBe(true);
    await press(section.getByRole('button', { name: 'Dismiss flag' }));
    await expectText(section.getByRole('alert').first(), /Write a short note to say why\./);
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAxeViolations(frame)).toEqual([]);

    await note.fill('Ben was ill this week; we spoke and he is catching up.');
    await press(section.getByRole('button', { name: 'Dismiss flag' }));
    await expectText(section.getByRole('status').first(), /The flag for Ben Okafor was dismissed\./);
    const dismissed = await expectText(section, /Dismissed \(1\)/);
    expect(dismissed).toContain('Ben was ill this week; we spoke and he is catching up.');
    expect(dismissed).toMatch(/Dismissed by Grace Kim on /);
    // Focus follows the card to its new list.
    expect(await isFocused(section.getByRole('heading', { name: 'Ben Okafor' }))).toBe(true);

    // A reload (a new launch) shows the same: the override was stored.
    await context.close();
    frame = await teacher();
    section = checkIns(frame);
    const after = await expectText(section, /Dismissed \(1\)/);
    expect(after).toContain(`Flagged now (${flaggedBefore - 1})`);
    expect(after).toContain('Ben was ill this week; we spoke and he is catching up.');
    const { rows } = await db.query(`SELECT action, note FROM flag_override`);
    expect(rows).toEqual([{ action: 'dismiss', note: 'Ben was ill this week; we spoke and he is catching up.' }]);
  });

  it('opens a student’s drill-down and returns focus with "Back to class"; notes are saved', async () => {
    const frame = await teacher();
    const opener = map(frame).getByRole('button', { name: /^Ana Lopez/ });
    await press(opener);

    const detail = frame.getByRole('region', { name: 'Ana Lopez' });
    const heading = detail.getByRole('heading', { name: 'Ana Lopez', level: 2 });
    await heading.waitFor();
    expect(await isFocused(heading)).toBe(true);
    // The class view steps aside, like a page of its own.
    expect(await map(frame).isVisible()).toBe(false);

    const attempts = detail.getByRole('table', { name: /^Answers, newest first/ });
    await attempts.waitFor({ timeout: 20_000 });
    const attemptsText = await attempts.innerText();
    expect(attemptsText).toContain('✓ Correct');
    expect(attemptsText).toContain('✗ Incorrect');
    expect(attemptsText).toContain('42 s');
    const mastery = detail.getByRole('table', { name: 'Mastery by skill, strongest first' });
    expect(await mastery.getByRole('row').nth(1).innerText()).toContain(`${percent(expected.get(`stu-ana ${RATIOS}`)!)} · mastered`);
    await detail.getByRole('img', { name: /^Line chart of mastery over time/ }).waitFor();
    expect(await detail.innerText()).toContain('Not flagged by the early-warning model.');

    // A note: required, then saved and listed.
    const save = detail.getByRole('button', { name: 'Save note' });
    await press(save);
    await expectText(detail.getByRole('alert').first(), /Write a note before saving\./);
    await detail.getByRole('textbox', { name: 'Add a note' }).fill('Ready for ratio tables next week.');
    await press(save);
    await expectText(detail.getByRole('status').last(), /Note saved\./);
    expect(await detail.getByRole('listitem').filter({ hasText: 'Ready for ratio tables next week.' }).innerText()).toContain('Grace Kim');

    expect(await seriousAxeViolations(frame)).toEqual([]);

    await press(detail.getByRole('button', { name: 'Back to class' }).first());
    await map(frame).waitFor();
    expect(await isFocused(opener)).toBe(true);
  });

  it('suggests groups from chosen skills, moves a student by keyboard and saves the plan', async () => {
    const frame = await teacher();
    const section = groups(frame);

    // Nothing chosen: the error names the problem.
    await press(section.getByRole('button', { name: 'Suggest groups' }));
    await expectText(section.getByRole('alert').first(), /Choose at least one skill\./);

    await section.getByRole('checkbox', { name: new RegExp(RATIOS_NAME) }).check();
    await section.getByRole('radio', { name: /Similar needs/ }).check();
    await section.getByRole('spinbutton', { name: 'Largest group size' }).fill('2');
    await press(section.getByRole('button', { name: 'Suggest groups' }));

    const plan = section.getByRole('region', { name: 'Suggested groups' });
    await plan.waitFor({ timeout: 20_000 });
    const planText = await plan.innerText();
    expect(planText).toMatch(new RegExp(`Still learning ${RATIOS_NAME} \\(average \\d+%\\)`));
    expect(planText).toContain('Group 1');

    // Move Ben to another group with the select and the button; focus stays with him.
    const groupsBefore = await plan.locator('.group-card').count();
    if (groupsBefore > 1) {
      const move = plan.getByRole('combobox', { name: 'Move Ben Okafor to' });
      const target = (await move.locator('option').first().innerText()).replace(/^to /, '');
      await press(plan.getByRole('button', { name: 'Move Ben Okafor' }));
      await expectText(plan.getByRole('status'), new RegExp(`Ben Okafor moved to ${target}\\.`));
      expect(await isFocused(plan.getByRole('combobox', { name: 'Move Ben Okafor to' }))).toBe(true);
      const card = plan.getByRole('listitem').filter({ has: frame.getByRole('heading', { name: target, exact: true }) });
      expect(await card.innerText()).toContain('Ben Okafor');
    }

    // The title is required.
    const title = plan.getByRole('textbox', { name: 'Plan title (required)' });
    await title.fill('');
    await press(plan.getByRole('button', { name: 'Save plan' }));
    await expectText(plan.getByRole('alert').first(), /Enter a title for this plan\./);
    await title.fill('Ratios, Tuesday');
    await press(plan.getByRole('button', { name: 'Save plan' }));
    await expectText(section.getByRole('status').last(), /Plan “Ratios, Tuesday” saved\./);
    await expectText(section.getByRole('region', { name: 'Saved plans' }), /Ratios, Tuesday/);
    const { rows } = await db.query<{ title: string; mode: string; max_size: number }>(`SELECT title, mode, max_size FROM group_plan`);
    expect(rows).toEqual([{ title: 'Ratios, Tuesday', mode: 'similar', max_size: 2 }]);

    const download = frame.page().waitForEvent('download');
    await press(section.getByRole('button', { name: 'Download groups (CSV)' }).first());
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);

    expect(await seriousAxeViolations(frame)).toEqual([]);
  });

  it('fits a 320 px frame: wide tables scroll inside labelled regions, not the page', async () => {
    const frame = await teacher(320);
    const { scrollWidth, clientWidth } = await frame.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const scroller = frame.getByRole('region', { name: /^Mastery by student and skill/ });
    expect(await scroller.getAttribute('tabindex')).toBe('0');
    expect(await seriousAxeViolations(frame)).toEqual([]);
  });
});
