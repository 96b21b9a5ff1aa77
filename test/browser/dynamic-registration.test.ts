// An LMS admin registers Trellis with Dynamic Registration: the demo LMS opens Trellis's
// registration URL in a frame, Trellis registers, and its Close button sends the spec's
// org.imsglobal.lti.close message that the LMS acts on.
import type { Browser } from 'playwright-core';
import { launchChromium, seriousAxeViolations, startTrellis, type RunningTrellis } from './support';

let trellis: RunningTrellis;
let browser: Browser;

beforeAll(async () => {
  trellis = await startTrellis();
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await trellis?.stop();
});

it('registers through the LMS page and closes it with the spec postMessage', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${trellis.url}/demo-lms/admin/register?url=${encodeURIComponent(`${trellis.url}/lti/register`)}`);
  const handle = await page.waitForSelector('iframe[title="Tool registration"]');
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector('h1');
  expect(await frame.locator('h1').innerText()).toBe('Trellis is registered');
  expect(await seriousAxeViolations(frame)).toEqual([]);

  await frame.getByRole('button', { name: 'Close' }).click();
  await page.waitForFunction(() => document.body.innerText.includes('Registration complete'), null, { timeout: 10_000 });
  expect(await page.locator('iframe[title="Tool registration"]').isHidden()).toBe(true);
  await context.close();
});
