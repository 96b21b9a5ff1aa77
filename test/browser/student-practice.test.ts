// A student opens Trellis from the demo LMS and practises: asks for a hint, opens "Why
// this question?", misses one (sees the worked solution), then answers until a skill is
// mastered — by keyboard, with axe clean at each step. (The 320 px fit is in demo-launch.test.ts.)
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { Client } from 'pg';
import { correctAnswer, specOf, wrongAnswer, type ServedTemplate } from '../support/practice';
import { launchChromium, seriousAxeViolations, startTrellis, type RunningTrellis } from './support';

let trellis: RunningTrellis;
let browser: Browser;
let context: BrowserContext;
let db: Client;

beforeAll(async () => {
  trellis = await startTrellis();
  browser = await launchChromium();
  db = new Client({ connectionString: trellis.databaseUrl });
  await db.connect();
}, 90_000);
afterAll(async () => {
  await db?.end();
  await browser?.close();
  await trellis?.stop();
});
afterEach(() => context?.close());

async function openPractice(page: Page): Promise<Frame> {
  await page.goto(`${trellis.url}/`);
  await page.getByRole('link', { name: 'Launch as student (Ana Lopez)' }).click();
  const handle = await page.waitForSelector('iframe[name="tool-frame"]');
  const frame = (await handle.contentFrame())!;
  await frame.getByRole('button', { name: 'Check answer' }).waitFor({ timeout: 20_000 });
  return frame;
}

/** The correct (or a wrong) answer to the student's open item, from the item bank. */
async function answerFor(sub: string, correct: boolean): Promise<{ text: string | null; choices: string[] | null }> {
  const { rows } = await db.query<ServedTemplate & { id: string }>(
    `SELECT s.id, s.template_key, s.seed, s.locale FROM served_item s JOIN app_user u ON u.id = s.user_id
      WHERE u.sub = $1 AND s.answered_at IS NULL ORDER BY s.served_at DESC LIMIT 1`,
    [sub],
  );
  const spec = specOf(rows[0]!);
  const answer = correct ? correctAnswer(spec) : wrongAnswer(spec, ['a', 'b', 'c', 'd', 'e']);
  return Array.isArray(answer) ? { text: null, choices: answer } : { text: answer, choices: null };
}

/** Answers by keyboard: types into the box (or ticks the choices), then presses Enter / the button. */
async function submit(frame: Frame, sub: string, correct: boolean): Promise<string> {
  const answer = await answerFor(sub, correct);
  if (answer.text !== null) {
    const box = frame.getByRole('textbox', { name: 'Your answer' });
    await box.focus();
    await box.fill(answer.text);
    await box.press('Enter');
  } else {
    for (const id of answer.choices!) await frame.locator(`input[value="${id}"]`).check();
    await frame.getByRole('button', { name: 'Check answer' }).press('Enter');
  }
  const status = frame.getByRole('status').filter({ hasText: /Correct!|Not quite\./ });
  await status.waitFor({ timeout: 20_000 });
  return status.innerText();
}

/** "Next question" moves focus to the new item's heading (keyboard users land on it). */
async function next(frame: Frame, number: number): Promise<void> {
  await frame.getByRole('button', { name: 'Next question' }).press('Enter');
  const heading = frame.getByRole('heading', { name: `Question ${number}` });
  await heading.waitFor({ timeout: 20_000 });
  expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
}

it('practises to mastery by keyboard: hint, why, a miss with its worked solution, then mastery; axe clean throughout', async () => {
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const frame = await openPractice(page);
  expect(await seriousAxeViolations(frame)).toEqual([]);

  await frame.getByRole('heading', { name: 'Question 1' }).waitFor();
  await frame.getByRole('button', { name: /^Show a hint \(1 of/ }).press('Enter');
  await frame.getByRole('button', { name: /^Show a hint \(2 of/ }).waitFor();
  const why = frame.getByRole('button', { name: 'Why this question?' });
  await why.press('Enter');
  expect(await why.getAttribute('aria-expanded')).toBe('true');
  // Open practice from a plain link starts with a skill that needs nothing first.
  await frame.getByText(/it doesn’t need any other skill first/).waitFor();
  expect(await seriousAxeViolations(frame)).toEqual([]);

  const missed = await submit(frame, 'stu-ana', false);
  expect(missed).toContain('Not quite.');
  expect(missed).toContain('The correct answer is');
  await frame.getByRole('heading', { name: 'Worked solution' }).waitFor();
  expect(await seriousAxeViolations(frame)).toEqual([]);

  let status = '';
  for (let n = 2; n < 30 && !/You mastered/.test(status); n++) {
    await next(frame, n);
    status = await submit(frame, 'stu-ana', true);
    expect(status).toContain('Correct!');
  }
  expect(status).toMatch(/You mastered .+! Great work\./);
  expect(await seriousAxeViolations(frame)).toEqual([]);
  // Strengths first: the progress summary leads with the mastered skill.
  await frame.getByText(/You have mastered 1 of \d+ skills, including/).waitFor();

  const { rows } = await db.query<{ n: number; correct: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE correct)::int AS correct FROM attempt a JOIN app_user u ON u.id = a.user_id WHERE u.sub = 'stu-ana'`,
  );
  expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
  expect(rows[0]!.n - rows[0]!.correct).toBe(1);
}, 120_000);
