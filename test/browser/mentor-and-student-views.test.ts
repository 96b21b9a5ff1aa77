// The learner views from the demo LMS: Ana practises, opens "My progress" (mastery, growth,
// goals) and downloads her data; Ben practises too. Then Ana's parent (Maria Lopez) sees Ana
// in plain words and nothing about Ben, and her launch token can't fetch Ben. Keyboard only
// where a person would act, axe clean on both views, and both fit a 320 px frame.
import { readFile } from 'node:fs/promises';
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

async function newPage(width = 1024): Promise<Page> {
  // bypassCSP lets the test inject axe into Trellis pages, whose CSP forbids inline scripts.
  context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, viewport: { width, height: 900 } });
  return context.newPage();
}

/** Opens the demo course page and launches Trellis with the given link; returns the tool frame. */
async function launch(page: Page, link: string): Promise<Frame> {
  await page.goto(`${trellis.url}/`);
  await page.getByRole('link', { name: link }).click();
  const handle = await page.waitForSelector('iframe[name="tool-frame"]');
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector('#root h1', { timeout: 20_000 });
  return frame;
}

async function userId(sub: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = $1`, [sub]);
  return rows[0]!.id;
}

/** Answers the open item (correctly or not) from the item bank, by keyboard; returns the feedback text. */
async function answer(frame: Frame, sub: string, correct: boolean): Promise<string> {
  const { rows } = await db.query<ServedTemplate>(
    `SELECT s.template_key, s.seed, s.locale FROM served_item s JOIN app_user u ON u.id = s.user_id
      WHERE u.sub = $1 AND s.answered_at IS NULL ORDER BY s.served_at DESC LIMIT 1`,
    [sub],
  );
  const spec = specOf(rows[0]!);
  const value = correct ? correctAnswer(spec) : wrongAnswer(spec, ['a', 'b', 'c', 'd', 'e']);
  if (Array.isArray(value)) {
    for (const id of value) await frame.locator(`input[value="${id}"]`).check();
    await frame.getByRole('button', { name: 'Check answer' }).press('Enter');
  } else {
    const box = frame.getByRole('textbox', { name: 'Your answer' });
    await box.fill(value);
    await box.press('Enter');
  }
  const status = frame.getByRole('status').filter({ hasText: /Correct!|Not quite\./ });
  await status.waitFor({ timeout: 20_000 });
  return status.innerText();
}

async function nextQuestion(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'Next question' }).press('Enter');
  await frame.getByRole('button', { name: 'Check answer' }).waitFor({ timeout: 20_000 });
}

/** Opens "My progress" from the keyboard and waits for the mastery table. */
async function openMyProgress(frame: Frame): Promise<void> {
  const toggle = frame.getByRole('button', { name: 'My progress' });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.focus();
  await toggle.press('Enter');
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  await frame.getByRole('table', { name: 'Mastery by skill' }).waitFor({ timeout: 20_000 });
}

async function noHorizontalScroll(frame: Frame): Promise<void> {
  const { scrollWidth, clientWidth } = await frame.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

describe('mentor and student views', () => {
  it('a student practises, sees "My progress" (mastery, growth, goals) and downloads her data; axe clean', async () => {
    const page = await newPage();
    const frame = await launch(page, 'Launch as student (Ana Lopez)');
    await frame.getByRole('button', { name: 'Check answer' }).waitFor({ timeout: 20_000 });

    // "My progress" is closed at first: the practice item is all the page loads.
    expect(await frame.getByRole('table', { name: 'Mastery by skill' }).count()).toBe(0);

    // One miss, then correct answers until a skill is mastered.
    expect(await answer(frame, 'stu-ana', false)).toContain('Not quite.');
    let status = '';
    for (let n = 0; n < 30 && !/You mastered/.test(status); n++) {
      await nextQuestion(frame);
      status = await answer(frame, 'stu-ana', true);
    }
    expect(status).toMatch(/You mastered .+! Great work\./);

    await openMyProgress(frame);
    const table = frame.getByRole('table', { name: 'Mastery by skill' });
    const mastered = table.getByRole('row').filter({ hasText: 'Mastered' });
    expect(await mastered.count()).toBe(1);
    expect(await mastered.innerText()).toMatch(/\d+%/);
    const section = frame.locator('section.my-progress');
    const text = await section.innerText();
    expect(text).toContain('You’ve mastered 1 skill. Great work!');
    expect(text).toMatch(/: from \d+% to \d+%/);
    expect(text).toMatch(/You’ve answered \d+ questions in all\./);
    expect(await seriousAxeViolations(frame)).toEqual([]);

    // Download my data: the JSON holds exactly her attempts.
    const ana = await userId('stu-ana');
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM attempt WHERE user_id = $1 ORDER BY created_at, id`, [ana]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const jsonButton = frame.getByRole('button', { name: 'Download as JSON' });
    await jsonButton.focus();
    const [json] = await Promise.all([page.waitForEvent('download'), jsonButton.press('Enter')]);
    expect(json.suggestedFilename()).toMatch(/^trellis-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile((await json.path())!, 'utf8')) as {
      tables: { app_user: { sub: string }[]; attempt: { id: string }[] };
    };
    expect(data.tables.app_user.map((u) => u.sub)).toEqual(['stu-ana']);
    expect(data.tables.attempt.map((a) => a.id).sort()).toEqual(rows.map((r) => r.id).sort());
    await frame.getByRole('status').filter({ hasText: `Downloaded ${json.suggestedFilename()}.` }).waitFor();

    const [csv] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: /^Download as CSV/ }).press('Enter')]);
    expect(csv.suggestedFilename()).toMatch(/^trellis-my-data-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvText = await readFile((await csv.path())!, 'utf8');
    for (const { id } of rows) expect(csvText).toContain(id);
    expect(await seriousAxeViolations(frame)).toEqual([]);
  }, 150_000);

  it('the parent sees Ana in plain words, nothing about Ben, and her token cannot fetch Ben; axe clean', async () => {
    // Ben practises too, so there is something of his that must not show.
    const benPage = await newPage();
    const benFrame = await launch(benPage, 'Launch as student (Ben Okafor)');
    await benFrame.getByRole('button', { name: 'Check answer' }).waitFor({ timeout: 20_000 });
    await answer(benFrame, 'stu-ben', true);
    await context.close();

    const page = await newPage();
    const frame = await launch(page, 'Launch as parent/mentor (Maria Lopez)');
    const card = frame.locator('section.mentee');
    await frame.getByRole('heading', { level: 2, name: 'Ana Lopez' }).waitFor({ timeout: 20_000 });
    expect(await card.count()).toBe(1);
    const text = await card.innerText();
    // Strengths first, then goals, this week's practice and what to do at home, all in words.
    expect(text).toMatch(/Ana Lopez has mastered 1 skill: .+\./);
    expect(text.indexOf('Strengths')).toBeLessThan(text.indexOf('Working on now'));
    expect(text).toMatch(/Practised 1 day this week and answered \d+ questions\./);
    expect(text).toContain('What to practise at home');
    expect(text).toMatch(/Recently practised: .+\./);
    // Never a raw probability.
    expect(text).not.toMatch(/\d\s*%/);
    const body = await frame.locator('body').innerText();
    expect(body).toContain('matter more than any number');
    expect(body).not.toMatch(/Ben|Okafor/);
    expect(await seriousAxeViolations(frame)).toEqual([]);

    // The launch token reaches Ana, not Ben (nor a made-up id): same 403 for both.
    const [ana, ben] = [await userId('stu-ana'), await userId('stu-ben')];
    const statuses = await frame.evaluate(async (ids) => {
      const token = (JSON.parse(document.getElementById('trellis-boot')!.textContent!) as { token: string }).token;
      const get = (id: string) => fetch(`/api/mentor/mentees/${id}`, { headers: { Authorization: `Bearer ${token}` } });
      const own = await get(ids.ana);
      const other = await get(ids.ben);
      const unknown = await get('00000000-0000-4000-8000-000000000000');
      return { ana: own.status, anaName: ((await own.json()) as { name: string }).name, ben: other.status, benBody: await other.text(), unknown: unknown.status };
    }, { ana, ben });
    expect(statuses).toMatchObject({ ana: 200, anaName: 'Ana Lopez', ben: 403, unknown: 403 });
    expect(statuses.benBody).not.toMatch(/Ben|Okafor/);
  }, 90_000);

  it('both views fit a 320 px wide frame without horizontal scrolling', async () => {
    const page = await newPage(320);
    const open = async (as: string) => {
      await page.goto(`${trellis.url}/demo-lms/launch?as=${as}`);
      const handle = await page.waitForSelector('iframe[name="tool-frame"]');
      const frame = (await handle.contentFrame())!;
      await frame.waitForSelector('#root h1', { timeout: 20_000 });
      return frame;
    };

    const mentor = await open('mentor');
    await mentor.getByRole('heading', { level: 2, name: 'Ana Lopez' }).waitFor({ timeout: 20_000 });
    expect(await mentor.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(320);
    await noHorizontalScroll(mentor);

    const student = await open('student');
    await student.getByRole('button', { name: 'Check answer' }).waitFor({ timeout: 20_000 });
    await openMyProgress(student);
    await noHorizontalScroll(student);
    expect(await seriousAxeViolations(student)).toEqual([]);
  }, 60_000);
});
