// A teacher adds Trellis practice from the demo LMS's "add content" menu: the picker,
// filled by keyboard, posts a signed response the LMS verifies; then a student opens the
// new assignment. axe runs on the picker.
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium, seriousAxeViolations, startTrellis, type RunningTrellis } from './support';

let trellis: RunningTrellis;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  trellis = await startTrellis();
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await trellis?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 900 } });
});
afterEach(() => context.close());

async function frameWith(page: Page, selector: string): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[name="tool-frame"]');
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector(selector, { timeout: 20_000 });
  return frame;
}

it('places two assignments in the course and the LMS accepts the signed response', async () => {
  const page = await context.newPage();
  await page.goto(`${trellis.url}/`);
  await page.getByRole('link', { name: 'Add content (deep linking) as teacher' }).click();
  const picker = await frameWith(page, 'form');
  expect(await seriousAxeViolations(picker)).toEqual([]);

  const first = picker.getByRole('group', { name: 'Assignment 1' });
  await first.getByLabel('Title').fill('Ratios check-in');
  await first.getByLabel('Standard codes').fill('6.RP.A.3');
  await first.getByRole('checkbox', { name: '6.EE.B.7' }).check();
  await first.getByLabel('Points').fill('20');

  await picker.getByRole('button', { name: 'Add another assignment' }).click();
  const second = picker.getByRole('group', { name: 'Assignment 2' });
  await second.getByLabel('Title').fill('Equations to mastery');
  await second.getByLabel('Standard codes').fill('7.EE.B.4');
  await second.getByRole('radio', { name: 'Mastery of every skill' }).check();

  await picker.getByRole('button', { name: 'Add to course' }).click();
  const lms = await frameWith(page, 'h1');
  await lms.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Content added'), null, { timeout: 20_000 });
  expect(await lms.locator('[role="status"]').innerText()).toBe('2 item(s) added.');
});

it('shows the picker’s validation errors accessibly', async () => {
  const page = await context.newPage();
  await page.goto(`${trellis.url}/`);
  await page.getByRole('link', { name: 'Add content (deep linking) as teacher' }).click();
  const picker = await frameWith(page, 'form');
  await picker.getByRole('button', { name: 'Add to course' }).click();
  await picker.waitForSelector('[role="alert"]');
  expect(await picker.locator('[role="alert"]').first().innerText()).toContain('Please fix these problems');
  expect(await seriousAxeViolations(picker)).toEqual([]);
});
