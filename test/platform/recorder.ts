// Records every request the platform receives, so tests assert on what the LMS actually got
// (method, path, Authorization, User-Agent, body) rather than on what the tool meant to send.
import type { RequestHandler, Response } from 'express';
import type { AppliedFault, FaultEndpoint } from './faults';

export type PlatformEndpoint =
  | FaultEndpoint
  | 'auth'
  | 'deep-link-return'
  | 'openid-configuration'
  | 'registration'
  | 'admin'
  | 'demo'
  | 'other';

export interface RecordedRequest {
  /** Which endpoint handled it ('other' for unmatched paths). */
  endpoint: PlatformEndpoint;
  method: string;
  /** Path including the issuer's mount path, without the query string. */
  path: string;
  /** Absolute URL as received, query string included. */
  url: string;
  query: Record<string, unknown>;
  /** Lower-cased header names, as Node received them. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed body (form or JSON); undefined when none was parsed. */
  body: unknown;
  at: number;
  /** Response status, set once the response is sent. */
  status?: number;
  /** Set when an injected fault answered (or delayed) this call. */
  fault?: AppliedFault;
}

export function recordOf(res: Response): RecordedRequest | undefined {
  return res.locals.record as RecordedRequest | undefined;
}

/**
 * First middleware: records the request on arrival and its status when the answer leaves.
 * The log keeps the newest `limit` entries so a long-running demo does not grow forever.
 */
export function recordRequests(log: RecordedRequest[], origin: string, limit: () => number): RequestHandler {
  return (req, res, next) => {
    const url = new URL(req.originalUrl, origin);
    const record: RecordedRequest = {
      endpoint: 'other',
      method: req.method,
      path: url.pathname,
      url: url.toString(),
      query: { ...(req.query as Record<string, unknown>) },
      headers: { ...req.headers },
      body: undefined,
      at: Date.now(),
    };
    log.push(record);
    if (log.length > limit()) log.splice(0, log.length - limit());
    res.locals.record = record;
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    next();
  };
}

/** Runs after the body parsers. */
export const captureBody: RequestHandler = (req, res, next) => {
  const record = recordOf(res);
  if (record && req.body !== undefined && (typeof req.body !== 'object' || Object.keys(req.body ?? {}).length > 0)) {
    record.body = req.body;
  }
  next();
};

/** Marks which endpoint a route is, and counts it in the legacy per-route call log. */
export function tag(endpoint: PlatformEndpoint, count: (endpoint: PlatformEndpoint) => void): RequestHandler {
  return (_req, res, next) => {
    const record = recordOf(res);
    if (record) record.endpoint = endpoint;
    count(endpoint);
    next();
  };
}
