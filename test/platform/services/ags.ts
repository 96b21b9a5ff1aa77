// Assignment and Grade Services 2.0 over HTTP: line item container and items, the score
// publish service and the result service, per course (context).
import express, { type RequestHandler, type Response, type Router } from 'express';
import { acceptsMediaType, hasContentType, paginate, sendJsonError, sendTyped, setLinks } from '../http-util';
import { MEDIA_TYPE, SCOPE } from '../lti-vocab';
import { tag } from '../recorder';
import type { SimulatedPlatform } from '../simulated-platform';
import { validateLineItem, type LineItem, type LineItemInput, type ResultRecord } from './gradebook';

/** The line item id inside any line item URL (query string and /scores suffix ignored). */
export function lineItemIdFromUrl(url: string): string | null {
  return /\/line_items\/([^/?#]+)/.exec(url)?.[1] ?? null;
}

export function lineItemJson(p: SimulatedPlatform, li: LineItem): Record<string, unknown> {
  const { id: _id, courseId: _c, ...fields } = li;
  return { id: p.lineItemUrl(li), ...fields };
}

function resultJson(p: SimulatedPlatform, li: LineItem, r: ResultRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: p.lineItemUrl(li, `/results/${encodeURIComponent(r.userId)}`),
    scoreOf: p.lineItemUrl(li),
    userId: r.userId,
  };
  if (r.resultScore !== undefined) out.resultScore = r.resultScore;
  out.resultMaximum = r.resultMaximum;
  if (r.comment !== undefined) out.comment = r.comment;
  return out;
}

const methodNotAllowed = (allow: string): RequestHandler => (_req, res) => {
  res.set('Allow', allow);
  sendJsonError(res, 405, 'method_not_allowed', `allowed: ${allow}`);
};

export function agsRouter(p: SimulatedPlatform): Router {
  const r = express.Router();
  const guard = (endpoint: 'lineitems' | 'scores' | 'results') => [tag(endpoint, (e) => p.recordCall(e)), p.faultInjector.middleware(endpoint)];
  const read = p.tokens.requireScope(SCOPE.lineItem, SCOPE.lineItemReadonly);
  const write = p.tokens.requireScope(SCOPE.lineItem);
  const score = p.tokens.requireScope(SCOPE.score);
  const results = p.tokens.requireScope(SCOPE.resultReadonly);

  const course: RequestHandler = (req, res, next) => {
    if (!p.courses.has(String(req.params.courseId))) return sendJsonError(res, 404, 'not_found', 'no such course');
    next();
  };
  const quirk: RequestHandler = (req, res, next) => {
    if (p.canvasQuirks && req.query.type !== 'lti') return quirkError(res, req.query.type, String(req.params.lineItemId));
    next();
  };
  const item: RequestHandler = (req, res, next) => {
    const li = p.gradebook.get(String(req.params.lineItemId));
    if (!li || li.courseId !== req.params.courseId) return sendJsonError(res, 404, 'not_found', 'no such line item in this course');
    res.locals.lineItem = li;
    next();
  };
  const accepts = (mediaType: string): RequestHandler => (req, res, next) =>
    acceptsMediaType(req, mediaType) ? next() : sendJsonError(res, 406, 'not_acceptable', `Accept must allow ${mediaType}`);
  const body = (mediaType: string): RequestHandler => (req, res, next) =>
    hasContentType(req, mediaType) ? next() : sendJsonError(res, 415, 'unsupported_media_type', `Content-Type must be ${mediaType}`);

  // Checks the fields that depend on the course (resourceLinkId must be one of its links).
  const input = (req: express.Request, res: Response): LineItemInput | null => {
    const checked = validateLineItem(req.body);
    let reason = checked.ok ? null : checked.reason;
    const linkId = checked.ok ? checked.value.resourceLinkId : undefined;
    if (linkId !== undefined && p.resourceLinks.get(linkId)?.courseId !== req.params.courseId) {
      reason = 'resourceLinkId is not a resource link of this course';
    }
    if (reason !== null || !checked.ok) {
      sendJsonError(res, 400, 'invalid_line_item', reason ?? 'invalid line item');
      return null;
    }
    return checked.value;
  };

  const container = '/api/courses/:courseId/line_items';
  r.route(container)
    .get(...guard('lineitems'), read, course, accepts(MEDIA_TYPE.lineItemContainer), (req, res) => {
      const q = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : undefined);
      const all = p.gradebook.list(String(req.params.courseId), { resourceLinkId: q('resource_link_id'), resourceId: q('resource_id'), tag: q('tag') });
      const page = paginate(all, req, p.origin, p.defaultPageSize);
      if ('error' in page) return sendJsonError(res, 400, 'invalid_request', page.error);
      setLinks(res, { next: page.next });
      sendTyped(res, 200, MEDIA_TYPE.lineItemContainer, page.items.map((li) => lineItemJson(p, li)));
    })
    .post(...guard('lineitems'), write, course, body(MEDIA_TYPE.lineItem), (req, res) => {
      const value = input(req, res);
      if (!value) return;
      const li = p.gradebook.create(String(req.params.courseId), value);
      res.set('Location', p.lineItemUrl(li));
      sendTyped(res, 201, MEDIA_TYPE.lineItem, lineItemJson(p, li));
    })
    .all(methodNotAllowed('GET, POST'));

  const one = `${container}/:lineItemId`;
  r.route(one)
    .get(...guard('lineitems'), read, course, quirk, item, accepts(MEDIA_TYPE.lineItem), (_req, res) => {
      sendTyped(res, 200, MEDIA_TYPE.lineItem, lineItemJson(p, res.locals.lineItem as LineItem));
    })
    .put(...guard('lineitems'), write, course, quirk, item, body(MEDIA_TYPE.lineItem), (req, res) => {
      const li = res.locals.lineItem as LineItem;
      const bodyId = (req.body as { id?: unknown } | undefined)?.id;
      if (bodyId !== undefined && (typeof bodyId !== 'string' || lineItemIdFromUrl(bodyId) !== li.id)) {
        return sendJsonError(res, 400, 'invalid_line_item', 'id in the body does not match the line item URL');
      }
      const value = input(req, res);
      if (!value) return;
      sendTyped(res, 200, MEDIA_TYPE.lineItem, lineItemJson(p, p.gradebook.replace(li.id, value)!));
    })
    .delete(...guard('lineitems'), write, course, quirk, item, (_req, res) => {
      p.gradebook.delete((res.locals.lineItem as LineItem).id);
      res.status(204).end();
    })
    // A POST here is usually "/scores" appended after a quirk query string: say so first.
    .all(tag('lineitems', (e) => p.recordCall(e)), quirk, methodNotAllowed('GET, PUT, DELETE'));

  r.route(`${one}/scores`)
    .post(...guard('scores'), score, course, quirk, item, body(MEDIA_TYPE.score), (req, res) => {
      const li = res.locals.lineItem as LineItem;
      const rec = p.gradebook.submitScore(li, req.body, {
        allowScoreAboveMaximum: p.allowScoreAboveMaximum,
        canBeGraded: (userId) => p.users.has(userId) && p.roster.canBeGraded(li.courseId, userId),
      });
      if (rec.outcome === 'rejected') {
        const code = rec.status === 409 ? 'conflict' : rec.status === 422 ? 'unknown_user' : 'invalid_score';
        return sendJsonError(res, rec.status, code, rec.reason);
      }
      // Canvas answers 200 with the result URL; the spec also allows a bare 204.
      if (p.canvasQuirks) res.status(200).json({ resultUrl: p.lineItemUrl(li, `/results/${encodeURIComponent(rec.userId!)}`) });
      else res.status(204).end();
    })
    .all(methodNotAllowed('POST'));

  r.route(`${one}/results`)
    .get(...guard('results'), results, course, quirk, item, accepts(MEDIA_TYPE.resultContainer), (req, res) => {
      const li = res.locals.lineItem as LineItem;
      const userId = typeof req.query.user_id === 'string' ? req.query.user_id : undefined;
      const all = p.gradebook.results(li.id).filter((x) => userId === undefined || x.userId === userId);
      const page = paginate(all, req, p.origin, p.defaultPageSize);
      if ('error' in page) return sendJsonError(res, 400, 'invalid_request', page.error);
      setLinks(res, { next: page.next });
      sendTyped(res, 200, MEDIA_TYPE.resultContainer, page.items.map((x) => resultJson(p, li, x)));
    })
    .all(methodNotAllowed('GET'));

  return r;
}

/**
 * Canvas quirk mode: line item URLs carry ?type=lti. A tool that appends /scores to the
 * whole URL sends it inside the query (type=lti/scores) and must be told so plainly.
 */
function quirkError(res: Response, type: unknown, id: string): void {
  if (typeof type === 'string' && type.startsWith('lti/')) {
    const suffix = type.slice(3);
    return sendJsonError(res, 400, 'invalid_request', `"${suffix}" was appended after the line item URL's query string; put it in the path: …/line_items/${id}${suffix}?type=lti`);
  }
  sendJsonError(res, 400, 'invalid_request', 'line item URLs on this platform carry ?type=lti; keep the query string of the line item URL');
}
