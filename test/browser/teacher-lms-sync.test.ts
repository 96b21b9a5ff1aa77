// The teacher panel's LMS services: "Sync roster from the LMS" brings in students who never
// launched (NRPS), and "Grades sent to the LMS" lists score deliveries with a retry for
// failed ones. Real Trellis + demo LMS + Chromium; axe on every state.
import crypto from 'node:crypto';
import { Client } from 'pg';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { TEST_DATABASE_URL } from '../support/test-db';
import { launchChromium, seriousAxeViolations, startTrellis, type RunningTrellis } from './support';

let trellis: RunningTrellis;
let browser: Browser;
let context: BrowserContext;
// Trellis runs on a database this file creates, so the test can add an outbox row itself
// (nothing in the UI produces scores yet).
let dbName: string;
let dbUrl: string;

beforeAll(async () => {
  dbName = `trellis_browser_sync_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${dbName}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${dbName}`;
  dbUrl = url.toString();
  trellis = await startTrellis({ DATABASE_URL: dbUrl });
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await trellis?.stop();
  if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});
beforeEach(async () => {
  // bypassCSP lets the test inject axe into Trellis pages, whose CSP forbids inline scripts.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 800 } });
});
afterEach(() => context.close());

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function withTrellisDb<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Waits for the Trellis panel (its h1) to render inside the LMS iframe. */
async function toolFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[name="tool-frame"]');
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector('#root h1', { timeout: 20_000 });
  return frame;
}

async function launchAsTeacher(ctx: BrowserContext = context): Promise<Frame> {
  const page = await ctx.newPage();
  await page.goto(`${trellis.url}/`);
  await page.getByRole('link', { name: 'Launch as teacher (Grace Kim)' }).click();
  return toolFrame(page);
}

const rosterSection = (frame: Frame) => frame.getByRole('region', { name: 'Class roster' });
const membersSection = (frame: Frame) => frame.getByRole('region', { name: 'Class list' });
const gradesSection = (frame: Frame) => frame.getByRole('region', { name: 'Grades sent to the LMS' });

/** Syncs the roster from the keyboard and waits for the announcement. */
async function syncRoster(frame: Frame): Promise<string> {
  const button = rosterSection(frame).getByRole('button', { name: 'Sync roster from the LMS' });
  await button.focus();
  await frame.page().keyboard.press('Enter');
  const status = rosterSection(frame).getByRole('status');
  await expectText(status, /Roster updated: /);
  return status.innerText();
}

async function expectText(locator: ReturnType<Frame['locator']>, pattern: RegExp, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await locator.innerText().catch(() => '');
    if (pattern.test(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${pattern} but the text was: ${text}`);
}

describe('teacher panel: roster sync and grades sent to the LMS', () => {
  it('syncs the roster from the LMS, lists students who never launched, and shows no grades yet', async () => {
    const frame = await launchAsTeacher();
    await rosterSection(frame).waitFor();

    // Before the sync, only the teacher has opened Trellis in this fresh course.
    const members = membersSection(frame);
    await expectText(members, /Grace Kim/);
    expect(await members.innerText()).not.toContain('Ben Okafor');

    const announced = await syncRoster(frame);
    expect(announced).toMatch(/^Roster updated: \d+ people, \d+ removed\.$/);

    // The class list reloads with everyone the LMS enrols, launched or not.
    const table = members.getByRole('table');
    await expectText(table, /Ben Okafor/);
    const text = await table.innerText();
    expect(text).toContain('Ana Lopez');
    expect(text).toContain('Luis Diaz');
    expect(text).toContain('Grace Kim');
    const ben = table.getByRole('row', { name: /Ben Okafor/ });
    expect(await ben.innerText()).toContain('Not yet');

    // No score producer exists yet, so the grade section shows its empty state.
    const grades = gradesSection(frame);
    await expectText(grades, /No grades have been sent yet\./);
    expect(await grades.getByRole('table').count()).toBe(0);

    expect(await seriousAxeViolations(frame)).toEqual([]);
  });

  it('lists a failed delivery in words and retries it from the keyboard', async () => {
    const frame = await launchAsTeacher();
    await syncRoster(frame); // Ben Okafor becomes a known user without launching

    // A score delivery the LMS refused, as the outbox worker would leave it.
    await withTrellisDb(async (db) => {
      const { rows } = await db.query<{ id: string; platform_id: string }>(
        `SELECT rl.id, d.platform_id FROM resource_link rl JOIN deployment d ON d.id = rl.deployment_id
          WHERE rl.title = 'Fractions practice'`,
      );
      expect(rows).toHaveLength(1);
      const { id: resourceLinkId, platform_id: platformId } = rows[0]!;
      const { rows: users } = await db.query<{ id: string }>(`SELECT id FROM app_user WHERE sub = 'stu-ben' AND platform_id = $1`, [platformId]);
      await db.query(
        `INSERT INTO outbox (platform_id, kind, payload, subject_key, status, attempts, last_error)
         VALUES ($1, 'score', $2, $3, 'failed', 20, 'score is greater than the line item maximum')`,
        [
          platformId,
          { resourceLinkId, userSub: 'stu-ben', scoreGiven: 7, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: new Date().toISOString() },
          `score:${resourceLinkId}:${users[0]!.id}`,
        ],
      );
    });

    const grades = gradesSection(frame);
    await grades.getByRole('button', { name: 'Refresh grades' }).click();
    await expectText(grades.getByRole('status'), /Grades list refreshed\./);
    const row = grades.getByRole('table').getByRole('row', { name: /Ben Okafor/ });
    const rowText = await row.innerText();
    expect(rowText).toContain('Fractions practice');
    expect(rowText).toContain('7 / 10');
    expect(rowText).toContain('Failed');
    expect(rowText).toContain('The LMS said: score is greater than the line item maximum');

    expect(await seriousAxeViolations(frame)).toEqual([]);

    const retry = grades.getByRole('button', { name: 'Retry sending Ben Okafor’s score' });
    expect(await retry.getAttribute('aria-describedby')).toBeTruthy();
    await retry.focus();
    await frame.page().keyboard.press('Enter');
    await expectText(grades.getByRole('status'), /Ben Okafor’s score is queued to be sent again\./);
    // The row is no longer "failed", so its button is gone; focus must not fall to the page top.
    expect(await frame.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
    // The refreshed list still shows the delivery, now waiting (or already re-tried).
    expect(await grades.getByRole('table').innerText()).toContain('Ben Okafor');
  });

  it('announces the API’s message when the LMS has no roster to share', async () => {
    // The demo LMS always offers a roster, so answer this one request as a course without one would.
    await context.route('**/roster/sync', (route) =>
      route.fulfill({
        status: 409,
        json: { error: { code: 'roster_unavailable', message: 'Your LMS has not shared a class roster with Trellis for this course.' } },
      }),
    );
    const frame = await launchAsTeacher();
    await rosterSection(frame).getByRole('button', { name: 'Sync roster from the LMS' }).click();
    const alert = rosterSection(frame).getByRole('alert');
    await expectText(alert, /Your LMS has not shared a class roster with Trellis for this course\./);
    expect(await alert.innerText()).toContain('The roster was not updated');
    expect(await alert.innerText()).toContain('roster_unavailable');
    expect(await rosterSection(frame).getByRole('status').innerText()).toBe('');
    expect(await seriousAxeViolations(frame)).toEqual([]);
  });

  it('fits a 320 px wide LMS frame with the grade table and roster controls', async () => {
    const narrow = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } });
    try {
      const page = await narrow.newPage();
      await page.goto(`${trellis.url}/demo-lms/launch?as=teacher`);
      const frame = await toolFrame(page);
      // Each delivery becomes a card at this width; the table keeps its name and row headers.
      const table = gradesSection(frame).getByRole('table', { name: /Recent grade deliveries \(1\)/ });
      await table.waitFor({ timeout: 20_000 });
      expect(await table.getByRole('rowheader', { name: 'Ben Okafor' }).count()).toBe(1);
      await expectText(membersSection(frame), /Ben Okafor/);
      const { scrollWidth, clientWidth } = await frame.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(clientWidth).toBeLessThanOrEqual(320);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(await seriousAxeViolations(frame)).toEqual([]);
    } finally {
      await narrow.close();
    }
  });
});
