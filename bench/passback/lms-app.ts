// The simulated LMS for bench/passback: test/platform's SimulatedPlatform mounted at /lms on
// a loopback port, plus a small JSON admin API under /bench that the driver uses to set up
// students and links, to mark the start of a round and to read what the LMS received
// since (token requests by scope set, score outcomes, calls per endpoint, gradebook
// results, its own CPU time). The driver talks to it over HTTP whether it runs in the
// driver's process (BENCH_LMS=inline) or in a child process (BENCH_LMS=child, the default).
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { ROLE, SimulatedPlatform } from '../../test/platform';

export const BENCH_CLIENT_ID = 'trellis-passback-bench';
export const BENCH_DEPLOYMENT_ID = 'bench-deployment';
export const BENCH_COURSE_ID = 'math-6';

export interface LmsMark {
  tokenRequests: number;
  scores: number;
  requests: number;
  toolJwksFetches: number;
  /** process.cpuUsage() of the LMS process, µs. */
  cpuUserUs: number;
  cpuSystemUs: number;
  pid: number;
}

export interface LmsWindow {
  /** Token requests since the mark, by scope set (sorted, space-joined) and outcome. */
  tokenRequests: { scopeSet: string; issued: number; rejected: number }[];
  tokenRejections: string[];
  /** Score POSTs since the mark, per line item. */
  scores: { lineItemId: string; accepted: number; rejected: Record<string, number>; reasons: string[] }[];
  /** Requests since the mark, by endpoint, method and status. */
  requests: { endpoint: string; method: string; status: number; count: number }[];
  toolJwksFetches: number;
  end: LmsMark;
}

export interface GradebookView {
  items: { id: string; url: string; resourceId?: string; resourceLinkId?: string; results: Record<string, number | null> }[];
}

export interface LmsOptions {
  /** Trellis's loopback base URL (login, launch and JWKS live there). */
  toolUrl: string;
  host?: string;
}

const ADMIN_JSON = express.json({ limit: '5mb' });

/** Starts the LMS on a loopback port; resolves with its base URL. */
export async function startLms(opts: LmsOptions): Promise<{ base: string; server: Server; platform: SimulatedPlatform }> {
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const s = http.createServer(app).listen(0, opts.host ?? '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 30_000;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { toolUrl } = opts;
  const platform = await SimulatedPlatform.create({
    issuer: `${base}/lms`,
    name: 'Bench LMS',
    // Keep every request of the run in the log (the default keeps 5,000).
    requestLogLimit: 1_000_000,
    tool: {
      clientId: BENCH_CLIENT_ID,
      deploymentId: BENCH_DEPLOYMENT_ID,
      loginUrl: `${toolUrl}/lti/login`,
      launchUrl: `${toolUrl}/lti/launch`,
      redirectUris: [`${toolUrl}/lti/launch`],
      jwksUrl: `${toolUrl}/lti/jwks`,
    },
  });

  // Optional service latency (token and AGS endpoints), to see how a slower LMS changes
  // things. Waiting on a timer costs no CPU.
  let serviceLatencyMs = 0;
  const latency: RequestHandler = (req, _res, next) => {
    if (serviceLatencyMs > 0 && (req.path === '/token' || req.path.startsWith('/api/'))) setTimeout(next, serviceLatencyMs);
    else next();
  };
  app.use('/lms', latency, platform.router);

  const mark = (): LmsMark => {
    const cpu = process.cpuUsage();
    return {
      tokenRequests: platform.tokenRequests.length,
      scores: platform.scores.length,
      requests: platform.requests.length,
      toolJwksFetches: platform.toolJwksFetches.length,
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      pid: process.pid,
    };
  };

  const admin = express.Router();
  admin.use(ADMIN_JSON);
  admin.get('/info', (_req, res) => {
    res.json({ issuer: platform.issuer, authUrl: platform.authUrl, tokenUrl: platform.tokenUrl, jwksUrl: platform.jwksUrl, clientId: BENCH_CLIENT_ID, deploymentId: BENCH_DEPLOYMENT_ID, lineItemsUrl: platform.lineItemsUrl(BENCH_COURSE_ID), pid: process.pid });
  });
  /** Students (enrolled in the course as learners) and resource links of the course. */
  admin.post('/setup', (req, res) => {
    const body = req.body as { students: string[]; links: { id: string; title: string }[] };
    for (const [i, sub] of body.students.entries()) {
      if (!platform.users.has(sub)) {
        platform.addMember(BENCH_COURSE_ID, {
          sub,
          name: `Student ${i + 1}`,
          given_name: 'Student',
          family_name: String(i + 1),
          email: `${sub}@students.example.edu`,
          roles: [ROLE.learner, ROLE.institutionStudent],
        });
      }
    }
    for (const l of body.links) platform.resourceLinks.set(l.id, { id: l.id, courseId: BENCH_COURSE_ID, title: l.title });
    res.json({ students: platform.members(BENCH_COURSE_ID).length, links: platform.resourceLinks.size });
  });
  admin.post('/login-params', (req, res) => {
    const { userSub, resourceLinkId } = req.body as { userSub: string; resourceLinkId: string };
    res.json(platform.loginInitiationParams({ userSub, courseId: BENCH_COURSE_ID, resourceLinkId }));
  });
  admin.post('/latency', (req, res) => {
    serviceLatencyMs = Math.max(0, Number((req.body as { ms?: number }).ms ?? 0));
    res.json({ ms: serviceLatencyMs });
  });
  admin.get('/mark', (_req, res) => {
    res.json(mark());
  });
  admin.post('/window', (req, res) => {
    const from = req.body as LmsMark;
    const tokens = new Map<string, { scopeSet: string; issued: number; rejected: number }>();
    const tokenRejections: string[] = [];
    for (const t of platform.tokenRequests.slice(from.tokenRequests)) {
      const scopeSet = [...t.scopesRequested].sort().join(' ');
      const row = tokens.get(scopeSet) ?? { scopeSet, issued: 0, rejected: 0 };
      if (t.outcome === 'issued') row.issued++;
      else {
        row.rejected++;
        if (tokenRejections.length < 10) tokenRejections.push(`${t.status} ${t.error ?? ''} ${t.reason ?? ''}`.trim());
      }
      tokens.set(scopeSet, row);
    }
    const scores = new Map<string, LmsWindow['scores'][number]>();
    for (const s of platform.scores.slice(from.scores)) {
      const row = scores.get(s.lineItemId) ?? { lineItemId: s.lineItemId, accepted: 0, rejected: {}, reasons: [] };
      if (s.outcome === 'accepted') row.accepted++;
      else {
        row.rejected[String(s.status)] = (row.rejected[String(s.status)] ?? 0) + 1;
        if (row.reasons.length < 5) row.reasons.push(`${s.status} ${s.reason ?? ''}`);
      }
      scores.set(s.lineItemId, row);
    }
    const requests = new Map<string, LmsWindow['requests'][number]>();
    for (const r of platform.requests.slice(from.requests)) {
      const status = r.status ?? 0;
      const key = `${r.endpoint} ${r.method} ${status}`;
      const row = requests.get(key) ?? { endpoint: r.endpoint, method: r.method, status, count: 0 };
      row.count++;
      requests.set(key, row);
    }
    const out: LmsWindow = {
      tokenRequests: [...tokens.values()],
      tokenRejections,
      scores: [...scores.values()],
      requests: [...requests.values()],
      toolJwksFetches: platform.toolJwksFetches.length - from.toolJwksFetches,
      end: mark(),
    };
    res.json(out);
  });
  /** The gradebook columns of a resource link and the result each student holds. */
  admin.post('/gradebook', (req, res) => {
    const { resourceLinkId } = req.body as { resourceLinkId: string };
    const items = platform.lineItemsIn(BENCH_COURSE_ID).filter((li) => li.resourceLinkId === resourceLinkId);
    const view: GradebookView = {
      items: items.map((li) => ({
        id: li.id,
        url: platform.lineItemUrl(li),
        resourceId: li.resourceId,
        resourceLinkId: li.resourceLinkId,
        results: Object.fromEntries(platform.gradebook.results(li.id).map((r) => [r.userId, r.resultScore ?? null])),
      })),
    };
    res.json(view);
  });
  app.use('/bench', admin);
  return { base, server, platform };
}
