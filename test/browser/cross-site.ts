// Browser-test support for launches where the LMS and Trellis are different sites: the
// simulated LMS runs in the test process on http://127.0.0.1:<port>, Trellis runs as a real
// process (support.ts) on http://localhost:<port> and learns the LMS through LTI Dynamic
// Registration, and Chromium can be started with third-party cookies blocked.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { SimulatedPlatform, type SimulatedPlatformOptions } from '../platform';
import { startTrellis, type RunningTrellis } from './support';

export interface CrossSiteLms {
  platform: SimulatedPlatform;
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = http.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Trellis on http://localhost:<port> (a different site from 127.0.0.1), without the built-in demo LMS. */
export async function startTrellisOnLocalhost(): Promise<RunningTrellis> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  // LOG_LEVEL info: refused requests are logged, for a failing test to show why.
  const running = await startTrellis({ PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DEMO: 'false', LOG_LEVEL: 'info' });
  return { ...running, url };
}

/** The simulated LMS on 127.0.0.1, its tool registration pointing at `toolUrl` until Dynamic Registration replaces it. */
export async function startCrossSiteLms(
  toolUrl: string,
  options: Partial<Omit<SimulatedPlatformOptions, 'issuer' | 'tool'>> = {},
): Promise<CrossSiteLms> {
  const app = express();
  const server = await new Promise<http.Server>((resolve) => {
    const s = http.createServer(app).listen(0, '127.0.0.1', () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const platform = await SimulatedPlatform.create({
    issuer: `${origin}/lms`,
    name: 'Cross-site LMS',
    ...options,
    tool: {
      clientId: 'pending-registration',
      deploymentId: 'pending-registration',
      loginUrl: `${toolUrl}/lti/login`,
      launchUrl: `${toolUrl}/lti/launch`,
      redirectUris: [`${toolUrl}/lti/launch`],
      jwksUrl: `${toolUrl}/lti/jwks`,
    },
  });
  app.use('/lms', platform.router);
  return {
    platform,
    origin,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The admin flow without a browser: Trellis reads the LMS's configuration and registers itself (active at once). */
export async function registerDynamically(lms: CrossSiteLms, trellisUrl: string): Promise<void> {
  const res = await fetch(lms.platform.startDynamicRegistration(`${trellisUrl}/lti/register`));
  const body = await res.text();
  if (res.status !== 200) throw new Error(`dynamic registration returned ${res.status}: ${body.slice(0, 500)}`);
  const last = lms.platform.registrations.at(-1);
  if (!last?.ok) throw new Error(`the LMS refused the registration: ${last?.reason ?? 'no attempt recorded'}`);
}

/** Chromium as support.ts starts it, plus `extraArgs` (e.g. --test-third-party-cookie-phaseout). */
export function launchChromiumWith(extraArgs: string[]): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Chrome's switch that makes the browser block third-party cookies as in the phase-out. */
export const BLOCK_THIRD_PARTY_COOKIES = '--test-third-party-cookie-phaseout';

/**
 * Keeps cross-site frames in their page's renderer process. With site isolation the tool
 * frame moves between processes on every Trellis ↔ LMS navigation, and playwright-core (an
 * older protocol than this Chromium) sometimes loses the frame under load although the
 * page itself is fine. Cookies, origins and postMessage behave the same either way.
 */
export const ONE_RENDERER_PROCESS = ['--disable-site-isolation-trials', '--disable-features=IsolateOrigins,site-per-process'];
