// The demo a newcomer clicks through: the fake LMS course page launches Trellis in an
// iframe for each role; every page passes axe; the launch works from the keyboard.
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
  // bypassCSP lets the test inject axe into Trellis pages, whose CSP forbids inline scripts.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 800 } });
});
afterEach(() => context.close());

async function openCoursePage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${trellis.url}/`);
  await page.waitForSelector('iframe[name="tool-frame"]');
  return page;
}

/** Waits for the Trellis panel (its h1) to render inside the LMS iframe. */
async function toolFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[name="tool-frame"]');
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector('#root h1', { timeout: 20_000 });
  return frame;
}

describe('demo LMS launches', () => {
  it('the course page itself is accessible', async () => {
    const page = await openCoursePage();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it.each([
    ['Launch as student (Ana Lopez)', 'Ana Lopez', 'Your practice space'],
    ['Launch as teacher (Grace Kim)', 'Grace Kim', null],
    ['Launch as parent/mentor (Maria Lopez)', 'Maria Lopez', null],
    ['Launch as admin (Sam Rivera)', 'Sam Rivera', null],
    ['Add content (deep linking) as teacher', 'Grace Kim', null],
  ])('%s shows the right panel, with no serious axe violations', async (linkText, who, heading) => {
    const page = await openCoursePage();
    await page.getByRole('link', { name: linkText }).click();
    const frame = await toolFrame(page);
    const text = await frame.locator('body').innerText();
    expect(text).toContain(who);
    expect(text).toContain('Grade 6 Math');
    if (heading) expect(await frame.locator('h1').innerText()).toBe(heading);
    expect(await seriousAxeViolations(frame)).toEqual([]);
  });

  it('each role gets its own panel heading', async () => {
    const headings = new Set<string>();
    for (const link of ['Launch as student (Ana Lopez)', 'Launch as teacher (Grace Kim)', 'Launch as parent/mentor (Maria Lopez)', 'Launch as admin (Sam Rivera)']) {
      const page = await openCoursePage();
      await page.getByRole('link', { name: link }).click();
      headings.add(await (await toolFrame(page)).locator('h1').innerText());
      await page.close();
    }
    expect(headings.size).toBe(4);
  });

  it('the teacher panel lists the class through the API with its launch token', async () => {
    const page = await openCoursePage();
    await page.getByRole('link', { name: 'Launch as student (Ana Lopez)' }).click();
    await toolFrame(page);
    await page.getByRole('link', { name: 'Launch as teacher (Grace Kim)' }).click();
    const frame = await toolFrame(page);
    const table = frame.getByRole('table', { name: /^People in this course/ });
    await table.waitFor({ timeout: 20_000 });
    const tableText = await table.innerText();
    expect(tableText).toContain('Ana Lopez');
    expect(tableText).toContain('Grace Kim');
    expect(await seriousAxeViolations(frame)).toEqual([]);
  });

  it('works from the keyboard alone', async () => {
    const page = await openCoursePage();
    const link = page.getByRole('link', { name: 'Launch as student (Ana Lopez)' });
    // Tab until the launch link has focus, then press Enter.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await link.evaluate((el) => el === document.activeElement)) break;
    }
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const frame = await toolFrame(page);
    expect(await frame.locator('body').innerText()).toContain('Ana Lopez');
  });

  it('fits a 320 px wide LMS frame without horizontal scrolling', async () => {
    const narrow = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 800 } });
    const page = await narrow.newPage();
    await page.goto(`${trellis.url}/demo-lms/launch?as=student`);
    const frame = await toolFrame(page);
    const { scrollWidth, clientWidth } = await frame.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(clientWidth).toBeLessThanOrEqual(360);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await narrow.close();
  });

  it('shows an accessible error page for a bad launch', async () => {
    const page = await context.newPage();
    const res = await page.goto(`${trellis.url}/lti/login?iss=https%3A%2F%2Fevil.example&login_hint=x&target_link_uri=${encodeURIComponent(trellis.url + '/lti/launch')}`);
    expect(res!.status()).toBe(400);
    expect(await page.locator('h1').innerText()).toBe('Trellis could not open');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
