// Names and Role Provisioning Services 2.0: the context membership container, paged with
// Link rel="next", and a rel="differences" link on the last page for incremental syncs.
import express, { type Router } from 'express';
import { acceptsMediaType, paginate, requestUrl, sendJsonError, sendTyped, setLinks } from '../http-util';
import { MEDIA_TYPE, SCOPE } from '../lti-vocab';
import { tag } from '../recorder';
import type { SimulatedPlatform } from '../simulated-platform';
import type { Membership } from './roster';

const PII_FIELDS = ['name', 'given_name', 'family_name', 'email'] as const;

function memberJson(p: SimulatedPlatform, m: Membership): Record<string, unknown> {
  const out: Record<string, unknown> = { status: m.status, user_id: m.userSub, roles: [...m.roles] };
  const user = p.users.get(m.userSub);
  // Only what the user has and the tool may see (same privacy rule as launches).
  for (const f of PII_FIELDS) if (user?.[f] && p.mayShare(f)) out[f] = user[f];
  return out;
}

/** Matches a full role URI, or a short name such as "Learner" against the role's fragment. */
function hasRole(m: Membership, role: string): boolean {
  return m.roles.some((r) => r === role || r.endsWith(`#${role}`));
}

export function nrpsRouter(p: SimulatedPlatform): Router {
  const r = express.Router();
  r.route('/api/courses/:courseId/memberships')
    .get(
      tag('memberships', (e) => p.recordCall(e)),
      p.faultInjector.middleware('memberships'),
      p.tokens.requireScope(SCOPE.contextMembershipReadonly),
      (req, res) => {
        const courseId = String(req.params.courseId);
        const course = p.courses.get(courseId);
        if (!course) return sendJsonError(res, 404, 'not_found', 'no such course');
        if (!acceptsMediaType(req, MEDIA_TYPE.membershipContainer)) {
          return sendJsonError(res, 406, 'not_acceptable', `Accept must allow ${MEDIA_TYPE.membershipContainer}`);
        }
        const str = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : undefined);
        const rlid = str('rlid');
        const role = str('role');
        const since = str('since');
        if (since !== undefined && !/^\d+$/.test(since)) return sendJsonError(res, 400, 'invalid_request', 'since is not a differences token from this platform');
        const link = rlid === undefined ? undefined : p.resourceLinks.get(rlid);
        if (rlid !== undefined && link?.courseId !== courseId) return sendJsonError(res, 400, 'invalid_request', 'rlid is not a resource link of this course');

        const base = since === undefined ? p.roster.current(courseId) : p.roster.changedSince(courseId, Number(since));
        const members = base.filter(
          (m) => (!role || hasRole(m, role)) && (!link?.memberSubs || link.memberSubs.includes(m.userSub)),
        );
        // The differences token is the roster version when the last page is served.
        const version = p.roster.version;
        const page = paginate(members, req, p.origin, p.defaultPageSize);
        if ('error' in page) return sendJsonError(res, 400, 'invalid_request', page.error);
        let differences: string | null = null;
        if (page.next === null) {
          const url = requestUrl(req, p.origin);
          for (const k of ['page', 'since']) url.searchParams.delete(k);
          url.searchParams.set('since', String(version));
          differences = url.toString();
        }
        setLinks(res, { next: page.next, differences });
        sendTyped(res, 200, MEDIA_TYPE.membershipContainer, {
          id: requestUrl(req, p.origin).toString(),
          context: { id: course.id, label: course.label, title: course.title },
          members: page.items.map((m) => memberJson(p, m)),
        });
      },
    )
    .all((_req, res) => {
      res.set('Allow', 'GET');
      sendJsonError(res, 405, 'method_not_allowed', 'allowed: GET');
    });
  return r;
}
