// The admin "register a tool" page in a real browser: the tool's registration page (on
// another origin) registers server-side, then posts org.imsglobal.lti.close to its parent;
// the platform page must announce completion accessibly. Skipped when chromium is absent.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { SCOPE, TOOL_CONFIGURATION } from './index';
import { startPlatform, type PlatformFixture } from './fake-tool';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const describeWithChromium = fs.existsSync(CHROMIUM) ? describe : describe.skip;

describeWithChromium('admin registration page in a browser', () => {
  let f: PlatformFixture;
  let toolServer: http.Server;
  let toolOrigin: string;
  let browser: Browser;

  beforeAll(async () => {
    f = await startPlatform();
    const tool = express();
    // Dynamic Registration, tool side: the server reads the configuration and registers,
    // then the page tells the platform it is done.
    tool.get('/register', async (req, res) => {
      const config = await (await fetch(String(req.query.openid_configuration))).json();
      const answer = await fetch(config.registration_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${String(req.query.registration_token)}` },
        body: JSON.stringify({
          application_type: 'web',
          response_types: ['id_token'],
          grant_types: ['implicit', 'client_credentials'],
          initiate_login_uri: `${toolOrigin}/login`,
          redirect_uris: [`${toolOrigin}/launch`],
          jwks_uri: f.tool.jwksUrl,
          token_endpoint_auth_method: 'private_key_jwt',
          scope: SCOPE.score,
          [TOOL_CONFIGURATION]: { domain: new URL(toolOrigin).host, target_link_uri: `${toolOrigin}/launch` },
        }),
      });
      res.type('html').send(`<!doctype html><html lang="en"><head><title>Tool registration</title></head><body>
<main><h1>Registered (${answer.status})</h1></main>
<script>(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');</script></body></html>`);
    });
    tool.get('/register-silent', (_req, res) => {
      res.type('html').send('<!doctype html><html lang="en"><head><title>Still registering</title></head><body><main><h1>Choose settings</h1></main></body></html>');
    });
    toolServer = await new Promise<http.Server>((resolve) => {
      const s = tool.listen(0, '127.0.0.1', () => resolve(s));
    });
    toolOrigin = `http://127.0.0.1:${(toolServer.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    toolServer?.closeAllConnections();
    await new Promise<void>((r) => (toolServer ? toolServer.close(() => r()) : r()));
    await f?.close();
  });

  it('shows "Registration complete" when the tool posts org.imsglobal.lti.close, with no serious axe violations', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(f.platform.adminRegisterUrl(`${toolOrigin}/register`));
      const status = page.locator('#registration-status');
      await page.waitForFunction(() => document.getElementById('registration-status')?.textContent === 'Registration complete');
      expect(await status.getAttribute('role')).toBe('status');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('registration-status');
      expect(await page.locator('iframe[name="registration-frame"]').isHidden()).toBe(true);
      expect(f.platform.registrations.at(-1)).toMatchObject({ ok: true });
      expect(f.platform.tool.loginUrl).toBe(`${toolOrigin}/login`);

      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('ignores a close message that does not come from the tool frame', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(f.platform.adminRegisterUrl(`${toolOrigin}/register-silent`));
      await page.frameLocator('iframe[name="registration-frame"]').locator('h1').waitFor();
      await page.evaluate(() => window.postMessage({ subject: 'org.imsglobal.lti.close' }, '*'));
      await page.waitForTimeout(100);
      expect(await page.locator('#registration-status').textContent()).toBe('Waiting for the tool to finish registering…');
    } finally {
      await page.close();
    }
  });
});
