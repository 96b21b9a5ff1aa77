// Small HTTP helpers shared by the platform's routes: parameter hygiene, error shapes,
// media-type negotiation and RFC 8288 Link-header paging.
import type { Request, Response } from 'express';
import { renderErrorPage } from './html';

/** Keeps single string values; a repeated parameter is reported, never silently picked. */
export function singleValues(source: unknown): { params: Record<string, string>; repeated: string[] } {
  const params: Record<string, string> = {};
  const repeated: string[] = [];
  if (typeof source !== 'object' || source === null) return { params, repeated };
  for (const [k, v] of Object.entries(source)) {
    if (typeof v === 'string') params[k] = v;
    else if (Array.isArray(v)) repeated.push(k);
  }
  return { params, repeated };
}

export function noStore(res: Response): void {
  res.set('Cache-Control', 'no-store');
}

/** HTML error page (browser-facing endpoints). */
export function sendError(res: Response, status: number, code: string, description: string, heading = 'Launch refused'): void {
  res.status(status).type('html').send(renderErrorPage(heading, code, description));
}

/** JSON error in the OAuth shape; service endpoints use it too so tools get one format. */
export function sendJsonError(res: Response, status: number, error: string, description?: string): void {
  noStore(res);
  res.status(status).json(description ? { error, error_description: description } : { error });
}

/** Sends JSON with an LTI media type (res.json keeps a Content-Type that is already set). */
export function sendTyped(res: Response, status: number, mediaType: string, body: unknown): void {
  noStore(res);
  res.status(status).type(mediaType).json(body);
}

/**
 * Accept negotiation: a missing Accept is fine (many HTTP clients omit it), but an Accept
 * that rules the LTI media type out gets 406 so a tool sending the wrong one notices.
 */
export function acceptsMediaType(req: Request, mediaType: string): boolean {
  const accept = req.get('accept');
  if (!accept) return true;
  const ranges = accept.split(',').map((r) => r.split(';')[0]!.trim().toLowerCase());
  return ranges.some((r) => r === mediaType || r === '*/*' || r === 'application/*' || r === 'application/json');
}

/** Content-Type check for writes; parameters such as charset are ignored. */
export function hasContentType(req: Request, mediaType: string): boolean {
  return (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() === mediaType;
}

export interface Page<T> {
  items: T[];
  /** Absolute URL of the next page, or null on the last page. */
  next: string | null;
}

/**
 * Offset paging driven by `limit` and `page` query parameters. Tools must follow the Link
 * header rather than build URLs, so the page parameter name is the platform's business.
 */
export function paginate<T>(items: T[], req: Request, origin: string, defaultLimit: number): Page<T> | { error: string } {
  const limitRaw = req.query.limit;
  const pageRaw = req.query.page;
  const limit = limitRaw === undefined ? defaultLimit : Number(limitRaw);
  const page = pageRaw === undefined ? 1 : Number(pageRaw);
  if (!Number.isInteger(limit) || limit < 1) return { error: 'limit must be a positive integer' };
  if (!Number.isInteger(page) || page < 1) return { error: 'page must be a positive integer' };
  const start = (page - 1) * limit;
  const slice = items.slice(start, start + limit);
  let next: string | null = null;
  if (start + limit < items.length) {
    const url = requestUrl(req, origin);
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('page', String(page + 1));
    next = url.toString();
  }
  return { items: slice, next };
}

/** The absolute URL the request was made to (originalUrl keeps the router's mount path). */
export function requestUrl(req: Request, origin: string): URL {
  return new URL(req.originalUrl, origin);
}

export function setLinks(res: Response, links: Record<string, string | null>): void {
  const parts = Object.entries(links)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([rel, url]) => `<${url}>; rel="${rel}"`);
  if (parts.length) res.set('Link', parts.join(', '));
}

export function sleep(ms: number, res?: Response): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    // A client that gave up (timeout simulation) should not keep the server busy.
    res?.once('close', done);
    function done() {
      clearTimeout(timer);
      res?.off('close', done);
      resolve();
    }
  });
}
