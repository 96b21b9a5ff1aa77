// A cookie-free launch in real Chromium: the LMS course page on http://127.0.0.1:<port>
// embeds Trellis from http://localhost:<port> (another site), with third-party cookies
// blocked. Trellis keeps its login state in the LMS's platform storage (lti.put_data),
// reads it back at launch (lti.get_data), and only then hands the panel its launch token.
import type { Browser, BrowserContext, Frame, Page, Request, Route } from 'playwright-core';
import {
  BLOCK_THIRD_PARTY_COOKIES,
  launchChromiumWith,
  ONE_RENDERER_PROCESS,
  registerDynamically,
  startCrossSiteLms,
  startTrellisOnLocalhost,
  type CrossSiteLms,
} from './cross-site';
import { seriousAxeViolations, type RunningTrellis } from './support';

let trellis: RunningTrellis;
let lms: CrossSiteLms;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  trellis = await startTrellisOnLocalhost();
  lms = await startCrossSiteLms(trellis.url, { platformStorage: true });
  await registerDynamically(lms, trellis.url);
  browser = await launchChromiumWith([BLOCK_THIRD_PARTY_COOKIES, ...ONE_RENDERER_PROCESS]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await lms?.close();
  await trellis?.stop();
});
// What the browser did in this test, shown when a launch does not arrive.
let trace: string[] = [];
beforeEach(async () => {
  // bypassCSP lets the test inject axe into Trellis pages, whose CSP forbids inline scripts.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 800 } });
  trace = [];
  const t0 = Date.now();
  const note = (what: string, url: string) => trace.push(`${String(Date.now() - t0).padStart(6)}ms ${what} ${url.slice(0, 90)}`);
  context.on('request', (r) => note(`→ ${r.method()}`, r.url()));
  context.on('requestfinished', (r) => note('✓', r.url()));
  context.on('requestfailed', (r) => note(`✗ ${r.failure()?.errorText}`, r.url()));
  context.on('page', (p) => p.on('framenavigated', (f) => note(`nav ${f.name() || '(top)'}`, f.url())));
});
afterEach(() => context.close());

interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** Every request to Trellis from this page (and its frames), with the headers Chromium really sent. */
function recordTrellisRequests(page: Page): () => Promise<SeenRequest[]> {
  const pending: Promise<SeenRequest>[] = [];
  page.on('request', (req: Request) => {
    if (!req.url().startsWith(`${trellis.url}/`)) return;
    pending.push(req.allHeaders().then((headers) => ({ method: req.method(), path: new URL(req.url()).pathname, headers })));
  });
  return () => Promise.all(pending);
}

// The tool iframe moves between sites (Trellis → LMS /auth → Trellis), and each move can
// swap the Frame object Playwright hands out, so it is looked up afresh every time.
async function toolFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[name="tool-frame"]', { state: 'attached' });
  return (await handle.contentFrame())!;
}

/** Waits until the tool frame's document is at `url` (and loaded), then returns that frame. */
async function toolFrameAt(page: Page, url: string | RegExp, timeout = 20_000): Promise<Frame> {
  const matches = (u: string) => (typeof url === 'string' ? u === url : url.test(u));
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = await toolFrame(page);
    if (matches(frame.url())) {
      await frame.waitForLoadState('load');
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`the tool frame is at ${frame.url()}, not ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the Trellis panel (its h1) to render inside the LMS iframe. */
async function panelIn(page: Page): Promise<Frame> {
  try {
    await page.frameLocator('iframe[name="tool-frame"]').locator('#root h1').waitFor({ timeout: 20_000 });
  } catch (err) {
    const frame = await toolFrame(page);
    const body = await frame.locator('body').innerText({ timeout: 1000 }).catch(() => '(no body)');
    const log = trellis.output().split('\n').slice(-15).join('\n');
    throw new Error(
      `no Trellis panel in the LMS frame (at ${frame.url()}): ${body.slice(0, 300)}\nTrellis log:\n${log}\nBrowser:\n${trace.join('\n')}\n${(err as Error).message}`,
    );
  }
  return toolFrame(page);
}

/** Holds the next request matching `url` until the test continues it; `held()` resolves once it arrived. */
async function holdNext(page: Page, url: string | ((url: URL) => boolean)): Promise<{ held: () => Promise<Route> }> {
  let arrived!: (route: Route) => void;
  const route = new Promise<Route>((resolve) => (arrived = resolve));
  await page.route(url, (r) => arrived(r), { times: 1 });
  return { held: () => route };
}

/**
 * Keeps Trellis's storage script from running (so a transient page stays on screen for axe;
 * Playwright cannot evaluate in a frame whose navigation is held): the page's own
 * /lti/storage.js gets an empty script, and `release(frame)` loads the real one under
 * another URL (so no cache can hand either page the other's), and the flow goes on.
 */
async function pauseStorageScript(page: Page) {
  await page.route(`${trellis.url}/lti/storage.js`, (route) =>
    route.fulfill({ contentType: 'application/javascript', headers: { 'cache-control': 'no-store' }, body: '// paused by the test' }),
  );
  let releases = 0;
  return {
    async release(frame: Frame) {
      await frame.addScriptTag({ url: `${trellis.url}/lti/storage.js?release=${++releases}` });
    },
  };
}

/** Sets `cookie` from inside `frame`'s document and says whether the browser kept it. */
const cookieKept = (frame: Frame | Page, cookie: string) =>
  frame.evaluate((c) => {
    document.cookie = c;
    return document.cookie.split('; ').includes(c.split(';')[0]!);
  }, cookie);

const storageLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { ltiPlatformStorageLog: { subject: string; key?: string; origin: string }[] }).ltiPlatformStorageLog);

describe('cookie-free launch through platform storage (LMS and Trellis on different sites)', () => {
  it('third-party cookies really are blocked in the LMS iframe', async () => {
    // First party, Trellis's origin keeps a cross-site-capable cookie…
    const top = await context.newPage();
    await top.goto(`${trellis.url}/lti/storage.js`);
    expect(await cookieKept(top, 'probe_top=1; SameSite=None; Secure; Path=/')).toBe(true);

    // …but inside the LMS page the same cookie is refused: only third-party blocking refuses
    // it, since a partitioned (CHIPS) cookie from the same frame is kept.
    const page = await context.newPage();
    await page.goto(`${lms.platform.issuer}/launch?as=student`);
    const frame = await panelIn(page);
    expect(await cookieKept(frame, 'probe_frame=1; SameSite=None; Secure; Path=/')).toBe(false);
    expect(await cookieKept(frame, 'probe_partitioned=1; SameSite=None; Secure; Partitioned; Path=/')).toBe(true);
  });

  it('the student launch shows the student panel, with no trellis_login cookie anywhere', async () => {
    const page = await context.newPage();
    const requests = recordTrellisRequests(page);
    const loginResponse = page.waitForResponse((r) => r.url().startsWith(`${trellis.url}/lti/login?`));
    await page.goto(`${lms.platform.issuer}/launch?as=student`);
    const frame = await panelIn(page);
    expect(await frame.locator('h1').innerText()).toBe('Your practice space');
    const text = await frame.locator('body').innerText();
    expect(text).toContain('Ana Lopez');
    expect(text).toContain('Grade 6 Math');
    expect(frame.url()).toBe(`${trellis.url}/lti/launch/confirm`);

    // Trellis offered its cookie with the storage page; the browser refused it.
    const login = await loginResponse;
    expect(login.status()).toBe(200);
    expect((await login.allHeaders())['set-cookie']).toMatch(/^trellis_login=/);
    expect((await context.cookies(trellis.url)).map((c) => c.name)).not.toContain('trellis_login');

    // …so the launch and its confirmation arrived without it: platform storage did the binding.
    const seen = await requests();
    const launch = seen.find((r) => r.method === 'POST' && r.path === '/lti/launch');
    const confirm = seen.find((r) => r.method === 'POST' && r.path === '/lti/launch/confirm');
    expect(launch).toBeDefined();
    expect(confirm).toBeDefined();
    for (const r of [launch!, confirm!]) expect(r.headers.cookie ?? '').not.toContain('trellis_login');
    expect(confirm!.headers['sec-fetch-site']).toBe('same-origin');

    // What the LMS page was asked: state and nonce stored at login, the state read back at launch.
    const log = await storageLog(page);
    expect(log.map((m) => `${m.subject} ${m.key?.replace(/_.*/, '_…')}`)).toEqual([
      'lti.put_data state_…',
      'lti.put_data nonce_…',
      'lti.get_data state_…',
    ]);
    expect(new Set(log.map((m) => m.origin))).toEqual(new Set([trellis.url]));

    // The panel works: its launch token calls the API.
    const api = await frame.evaluate(async () => {
      const boot = JSON.parse(document.getElementById('trellis-boot')!.textContent!);
      const res = await fetch('/api/session', { headers: { authorization: `Bearer ${boot.token}` } });
      return { status: res.status, body: await res.json() };
    });
    expect(api).toMatchObject({ status: 200, body: { panel: 'student' } });
  });

  it('the login and launch interstitials are accessible while they are on screen', async () => {
    const page = await context.newPage();
    const script = await pauseStorageScript(page);
    await page.goto(`${lms.platform.issuer}/launch?as=student`);
    const login = await toolFrameAt(page, new RegExp(`^${trellis.url}/lti/login\\?`));
    expect(await login.locator('h1').innerText()).toBe('Opening Trellis…');
    expect(await login.getByRole('status').innerText()).toBe('Connecting to your LMS…');
    expect(await seriousAxeViolations(login)).toEqual([]);

    await script.release(login);
    const interstitial = await toolFrameAt(page, `${trellis.url}/lti/launch`);
    expect(await interstitial.locator('h1').innerText()).toBe('Opening Trellis…');
    expect(await interstitial.getByRole('status').innerText()).toBe('Checking this sign-in with your LMS…');
    expect(await interstitial.locator('#trellis-boot').count()).toBe(0);
    expect(await seriousAxeViolations(interstitial)).toEqual([]);

    await script.release(interstitial);
    expect(await (await panelIn(page)).locator('h1').innerText()).toBe('Your practice space');
  });

  it('finds a named storage frame (lti_storage_target → window.parent.frames[target])', async () => {
    const page = await context.newPage();
    await page.goto(`${lms.platform.issuer}/launch?as=teacher&storage=frame`);
    const frame = await panelIn(page);
    expect(await frame.locator('body').innerText()).toContain('Grace Kim');
    const stored = page.frame({ name: 'lti_storage_frame' })!;
    const log = await stored.evaluate(() => (window as unknown as { ltiPlatformStorageLog: { subject: string }[] }).ltiPlatformStorageLog);
    expect(log.map((m) => m.subject)).toEqual(['lti.put_data', 'lti.put_data', 'lti.get_data']);
    // The course page itself kept nothing: it only names the frame in lti.capabilities.
    expect(await page.evaluate(() => Object.keys((window as unknown as { ltiPlatformStorage: object }).ltiPlatformStorage))).toEqual([]);
  });

  it('the LMS answers lti.capabilities with put_data and get_data', async () => {
    const page = await context.newPage();
    await page.goto(`${lms.platform.issuer}/launch?as=student`);
    const frame = await panelIn(page);
    const answer = await frame.evaluate(
      (lmsOrigin) =>
        new Promise<unknown>((resolve) => {
          window.addEventListener('message', (e) => {
            if (e.origin === lmsOrigin && e.data?.subject === 'lti.capabilities.response') resolve(e.data);
          });
          window.parent.postMessage({ subject: 'lti.capabilities', message_id: 'caps-1' }, lmsOrigin);
        }),
      lms.origin,
    );
    expect(answer).toEqual({
      subject: 'lti.capabilities.response',
      message_id: 'caps-1',
      supported_messages: [{ subject: 'lti.capabilities' }, { subject: 'lti.put_data' }, { subject: 'lti.get_data' }],
    });
  });

  it.each([
    ['holds another login’s state', 'another-state'],
    ['holds nothing for this login', null],
  ])('a browser whose LMS storage %s ends on the state_mismatch page, without a panel', async (_name, replacement) => {
    const page = await context.newPage();
    const launch = await holdNext(page, `${trellis.url}/lti/launch`);
    // Not 'load': that waits for the tool frame, whose launch is held on purpose.
    await page.goto(`${lms.platform.issuer}/launch?as=student`, { waitUntil: 'domcontentloaded' });
    const atLaunch = await launch.held();
    // As if another browser had started this login: this LMS window does not hold its state.
    await page.evaluate((value) => {
      const store = (window as unknown as { ltiPlatformStorage: Record<string, Record<string, string>> }).ltiPlatformStorage;
      for (const values of Object.values(store)) {
        for (const key of Object.keys(values)) {
          if (!key.startsWith('state_')) continue;
          if (value === null) delete values[key];
          else values[key] = value;
        }
      }
    }, replacement);
    await atLaunch.continue();
    const frame = await toolFrameAt(page, `${trellis.url}/lti/launch/confirm`);
    expect(await frame.locator('h1').innerText()).toBe('Trellis could not open');
    expect(await frame.locator('code').innerText()).toBe('state_mismatch');
    expect(await frame.locator('#trellis-boot').count()).toBe(0);
    expect(await seriousAxeViolations(frame)).toEqual([]);
  });

  it('when the LMS never answers, the login falls back after its timeout and opens as a cookie login would', async () => {
    const page = await context.newPage();
    const requests = recordTrellisRequests(page);
    // Storage off on the page, but the login claims it: nobody answers put_data.
    await page.goto(`${lms.platform.issuer}/?storage=0`);
    const loginUrl = lms.platform.loginInitiationUrl({ userSub: 'stu-ana', storage: true });
    const authRequested = page.waitForRequest((r) => r.url().startsWith(`${lms.platform.authUrl}?`), { timeout: 15_000 });
    const started = Date.now();
    await (await toolFrame(page)).goto(loginUrl);
    const authRequest = await authRequested;
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    expect(new URL(authRequest.url()).searchParams.get('lti_storage_target')).toBe('_parent');
    // No cookie (blocked) and no storage: the state alone, as for any cookie-less launch.
    const frame = await panelIn(page);
    expect(frame.url()).toBe(`${trellis.url}/lti/launch`);
    expect(await frame.locator('h1').innerText()).toBe('Your practice space');
    const seen = await requests();
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/lti/login/no-storage', '/lti/launch']);
    expect(await storageLog(page)).toBeUndefined();
  });
});
