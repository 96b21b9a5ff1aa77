// Injectable failures per endpoint: outages (500/503), throttling (429 + Retry-After) and
// slow answers (delay, for client timeouts). Faults queue up and are consumed per call.
import type { RequestHandler } from 'express';
import { sleep } from './http-util';
import { recordOf } from './recorder';

export type FaultEndpoint = 'token' | 'lineitems' | 'scores' | 'results' | 'memberships' | 'jwks';

export interface FaultSpec {
  /** Answer with this status instead of handling the call (500, 503, 429, …). */
  status?: number;
  /** Retry-After header value in seconds (typically with 429 or 503). */
  retryAfterSeconds?: number;
  /** Wait this long first. Without `status` the call is then handled normally (slow, not failed). */
  delayMs?: number;
  /** How many calls it applies to; default 1 unless `forMs` is given. Infinity is allowed. */
  times?: number;
  /** Apply to every call for this many milliseconds from now instead of a count. */
  forMs?: number;
  /** JSON body for the failure; default { error: 'injected_fault', … }. */
  body?: unknown;
}

/** What a recorded request carries when a fault touched it. */
export interface AppliedFault {
  endpoint: FaultEndpoint;
  status?: number;
  delayMs?: number;
  retryAfterSeconds?: number;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  until: number | null;
}

export class FaultInjector {
  private readonly active = new Map<FaultEndpoint, ActiveFault[]>();

  inject(endpoint: FaultEndpoint, spec: FaultSpec): void {
    if (spec.status === undefined && spec.delayMs === undefined) throw new Error('a fault needs a status or a delayMs');
    const until = spec.forMs === undefined ? null : Date.now() + spec.forMs;
    const remaining = spec.times ?? (until === null ? 1 : Infinity);
    const list = this.active.get(endpoint) ?? [];
    list.push({ spec, remaining, until });
    this.active.set(endpoint, list);
  }

  clear(endpoint?: FaultEndpoint): void {
    if (endpoint) this.active.delete(endpoint);
    else this.active.clear();
  }

  /** Faults still waiting for calls on this endpoint. */
  pending(endpoint: FaultEndpoint): number {
    this.prune(endpoint);
    return this.active.get(endpoint)?.length ?? 0;
  }

  /** Consumes the fault for this call, oldest first. */
  take(endpoint: FaultEndpoint): FaultSpec | null {
    this.prune(endpoint);
    const first = this.active.get(endpoint)?.[0];
    if (!first) return null;
    first.remaining -= 1;
    return first.spec;
  }

  middleware(endpoint: FaultEndpoint): RequestHandler {
    return async (_req, res, next) => {
      const fault = this.take(endpoint);
      if (!fault) return next();
      const record = recordOf(res);
      if (record) {
        record.fault = { endpoint, status: fault.status, delayMs: fault.delayMs, retryAfterSeconds: fault.retryAfterSeconds };
      }
      if (fault.delayMs) {
        await sleep(fault.delayMs, res);
        if (res.writableEnded || res.destroyed) return; // the client gave up
      }
      if (fault.status === undefined) return next();
      if (fault.retryAfterSeconds !== undefined) res.set('Retry-After', String(fault.retryAfterSeconds));
      res
        .status(fault.status)
        .set('Cache-Control', 'no-store')
        .json(fault.body ?? { error: 'injected_fault', error_description: `simulated ${fault.status} on ${endpoint}` });
    };
  }

  private prune(endpoint: FaultEndpoint): void {
    const list = this.active.get(endpoint);
    if (!list) return;
    const now = Date.now();
    const live = list.filter((f) => f.remaining > 0 && (f.until === null || f.until > now));
    if (live.length) this.active.set(endpoint, live);
    else this.active.delete(endpoint);
  }
}
