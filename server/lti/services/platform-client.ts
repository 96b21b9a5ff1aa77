// Every call Trellis makes to an LMS service goes through here: bearer token from the
// ServiceTokenClient, a User-Agent, a per-platform concurrency limit (Canvas throttles
// parallel calls), one retry with a fresh token after a 401, and backoff with jitter
// (honouring Retry-After) for 429, 5xx, Canvas's "403 Rate Limit Exceeded" and network
// errors. Other 4xx answers are not retried: they are reported to the caller.
import { retryAfterMs, ServiceTokenError, type ServiceTokenClient, type TokenPlatform } from './service-token';

export class ServiceCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }
}

export interface ServiceRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  scopes: readonly string[];
  accept: string;
  contentType?: string;
  body?: unknown;
}

export interface ServiceResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 250, maxDelayMs: 30_000 };

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class PlatformClient {
  private readonly limits = new Map<string, Semaphore>();

  constructor(
    private readonly tokens: ServiceTokenClient,
    private readonly userAgent: string,
    private readonly options: { perPlatformConcurrency?: number; timeoutMs?: number; retry?: RetryPolicy } = {},
  ) {}

  async call(platform: TokenPlatform, req: ServiceRequest): Promise<ServiceResponse> {
    const retry = this.options.retry ?? DEFAULT_RETRY;
    let refreshedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      let outcome: { response?: ServiceResponse; retryAfter?: number; error: ServiceCallError | null };
      try {
        outcome = await this.limit(platform.id).run(() => this.once(platform, req));
      } catch (err) {
        if (!(err instanceof ServiceTokenError)) throw err;
        outcome = { error: new ServiceCallError(err.message, err.status, err.retryable), retryAfter: err.retryAfterMs };
      }
      if (!outcome.error) return outcome.response!;
      if (outcome.error.status === 401 && !refreshedAfter401) {
        refreshedAfter401 = true; // the token was revoked or expired early: one fresh try
        attempt--;
        continue;
      }
      if (!outcome.error.retryable || attempt >= retry.attempts) throw outcome.error;
      const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
      await sleep(outcome.retryAfter ?? Math.random() * backoff); // full jitter
    }
  }

  private async once(platform: TokenPlatform, req: ServiceRequest) {
    const token = await this.tokens.token(platform, req.scopes);
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: req.accept,
          'user-agent': this.userAgent,
          ...(req.contentType ? { 'content-type': req.contentType } : {}),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (err) {
      return { error: new ServiceCallError(`${req.method} ${req.url} failed: ${(err as Error).message}`, 0, true) };
    }
    const text = await res.text();
    const rateLimited = res.status === 429 || (res.status === 403 && /rate limit exceeded/i.test(text));
    if (res.ok) {
      return { response: { status: res.status, headers: res.headers, json: text ? safeJson(text) : null }, error: null };
    }
    if (res.status === 401) this.tokens.invalidate(platform, req.scopes, token);
    const retryable = rateLimited || res.status >= 500;
    return {
      error: new ServiceCallError(`${req.method} ${req.url} answered ${res.status}: ${text.slice(0, 200)}`, res.status, retryable),
      retryAfter: retryAfterMs(res.headers.get('retry-after')),
    };
  }

  private limit(platformId: string): Semaphore {
    let s = this.limits.get(platformId);
    if (!s) {
      s = new Semaphore(this.options.perPlatformConcurrency ?? 4);
      this.limits.set(platformId, s);
    }
    return s;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The URL of Link: <…>; rel="next" (or another rel), if any. */
export function linkRel(header: string | null, rel: string): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    if (m && new RegExp(`rel\\s*=\\s*"?([^";]*\\s)?${rel}(\\s[^";]*)?"?`).test(m[2]!)) return m[1]!;
  }
  return null;
}
