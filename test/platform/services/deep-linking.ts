// Deep Linking 2.0 return: verifies the tool's LtiDeepLinkingResponse JWT and turns each
// ltiResourceLink into a launchable resource link (with a line item when one is asked for).
import crypto from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { CLAIM, LTI_VERSION } from '../lti-vocab';
import type { SimulatedPlatform } from '../simulated-platform';
import { validateLineItem } from './gradebook';
import { describeJwtError } from './tool-jwks';

export const ACCEPT_TYPES = ['ltiResourceLink'] as const;

/** Messages the tool may show to the user or log on the platform side. */
const MESSAGE_CLAIMS = [
  ['msg', CLAIM.dlMsg],
  ['log', CLAIM.dlLog],
  ['errormsg', CLAIM.dlErrorMsg],
  ['errorlog', CLAIM.dlErrorLog],
] as const;

export interface DeepLinkRequestRecord {
  /** The opaque `data` sent in deep_linking_settings; the response must echo it. */
  data: string;
  courseId: string | null;
  userSub: string;
  issuedAt: number;
  usedAt?: number;
}

export interface DeepLinkReturnRecord {
  jwt: string | null;
  at: number;
  method: string;
  ok: boolean;
  /** Why the response was rejected. */
  reason?: string;
  /** Decoded (unverified when rejected) header and payload, for debugging. */
  header?: unknown;
  payload?: unknown;
  courseId?: string | null;
  contentItems: Record<string, unknown>[];
  /** What the platform created from the content items. */
  created: { resourceLinkId: string; lineItemId?: string }[];
  msg?: string;
  log?: string;
  errormsg?: string;
  errorlog?: string;
}

export class DeepLinking {
  readonly issued = new Map<string, DeepLinkRequestRecord>();
  readonly returns: DeepLinkReturnRecord[] = [];
  private readonly usedNonces = new Set<string>();
  private seq = 0;

  constructor(private readonly p: SimulatedPlatform) {}

  issueData(courseId: string | null, userSub: string): string {
    const data = crypto.randomUUID();
    this.issued.set(data, { data, courseId, userSub, issuedAt: Date.now() });
    return data;
  }

  async receive(jwt: string | null, method: string): Promise<DeepLinkReturnRecord> {
    const rec: DeepLinkReturnRecord = { jwt, at: Date.now(), method, ok: false, contentItems: [], created: [] };
    this.returns.push(rec);
    const reason = await this.verifyAndApply(rec);
    if (reason) rec.reason = reason;
    else rec.ok = true;
    return rec;
  }

  /** Returns the rejection reason, or null once the content is added. */
  private async verifyAndApply(rec: DeepLinkReturnRecord): Promise<string | null> {
    const { jwt } = rec;
    if (!jwt) return 'the JWT form parameter is required';
    try {
      rec.header = decodeProtectedHeader(jwt);
      rec.payload = decodeJwt(jwt);
    } catch (err) {
      return `JWT is not decodable: ${err instanceof Error ? err.message : String(err)}`;
    }
    const tool = this.p.tool;
    if (!tool.jwksUrl) return 'the tool registration has no jwksUrl to verify the response with';
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await this.p.toolKeys.verify(jwt, tool.jwksUrl, {
        algorithms: ['RS256'],
        issuer: tool.clientId,
        audience: this.p.issuer,
        requiredClaims: ['exp', 'iat', 'nonce'],
        clockTolerance: 5,
      }));
    } catch (err) {
      return `verification failed: ${describeJwtError(err)}`;
    }
    if (claims[CLAIM.messageType] !== 'LtiDeepLinkingResponse') return 'message_type must be LtiDeepLinkingResponse';
    if (claims[CLAIM.version] !== LTI_VERSION) return `version must be ${LTI_VERSION}`;
    if (claims[CLAIM.deploymentId] !== tool.deploymentId) return 'deployment_id does not match the tool deployment';
    const nonce = claims.nonce;
    if (typeof nonce !== 'string' || !nonce) return 'nonce must be a non-empty string';
    if (this.usedNonces.has(nonce)) return 'nonce was already used (replay)';
    this.usedNonces.add(nonce);
    for (const [k, claim] of MESSAGE_CLAIMS) {
      const v = claims[claim];
      if (typeof v === 'string') rec[k] = v;
    }

    const data = claims[CLAIM.dlData];
    if (data === undefined) return 'the data value from deep_linking_settings must be echoed in the data claim';
    const request = typeof data === 'string' ? this.issued.get(data) : undefined;
    if (!request) return 'data was not issued by this platform';
    if (request.usedAt) return 'this deep linking request was already answered';
    request.usedAt = Date.now();
    rec.courseId = request.courseId;

    const items = claims[CLAIM.dlContentItems] ?? [];
    if (!Array.isArray(items)) return 'content_items must be an array';
    rec.contentItems = items as Record<string, unknown>[];
    for (const [i, item] of items.entries()) {
      const problem = this.checkItem(item);
      if (problem) return `content_items[${i}]: ${problem}`;
    }
    if (items.length && request.courseId === null) return 'the deep linking request had no course to add content to';
    for (const item of rec.contentItems) rec.created.push(this.create(request.courseId!, item));
    return null;
  }

  private checkItem(item: unknown): string | null {
    if (typeof item !== 'object' || item === null) return 'must be an object';
    const it = item as Record<string, unknown>;
    if (!ACCEPT_TYPES.includes(it.type as never)) return `type "${String(it.type)}" is not in accept_types (${ACCEPT_TYPES.join(', ')})`;
    if (it.url !== undefined) {
      let url: URL;
      try {
        url = new URL(String(it.url));
      } catch {
        return 'url is not a URL';
      }
      if (!['http:', 'https:'].includes(url.protocol)) return 'url must be http(s)';
      if (!this.p.toolHostnames().includes(url.hostname)) return `url host ${url.hostname} is not the tool's domain`;
    }
    if (it.title !== undefined && typeof it.title !== 'string') return 'title must be a string';
    if (it.custom !== undefined) {
      if (typeof it.custom !== 'object' || it.custom === null || Array.isArray(it.custom)) return 'custom must be an object';
      for (const [k, v] of Object.entries(it.custom)) if (typeof v !== 'string') return `custom.${k} must be a string`;
    }
    if (it.lineItem !== undefined) {
      if (typeof it.lineItem !== 'object' || it.lineItem === null) return 'lineItem must be an object';
      const li = it.lineItem as Record<string, unknown>;
      const checked = validateLineItem({ ...li, label: li.label ?? it.title ?? 'Untitled' });
      if (!checked.ok) return `lineItem: ${checked.reason}`;
    }
    return null;
  }

  private create(courseId: string, it: Record<string, unknown>): { resourceLinkId: string; lineItemId?: string } {
    const id = `rl-dl-${++this.seq}`;
    const title = typeof it.title === 'string' ? it.title : 'Untitled activity';
    this.p.resourceLinks.set(id, {
      id,
      courseId,
      title,
      ...(typeof it.url === 'string' ? { url: it.url } : {}),
      ...(it.custom ? { custom: { ...(it.custom as Record<string, string>) } } : {}),
    });
    if (it.lineItem === undefined) return { resourceLinkId: id };
    const li = it.lineItem as Record<string, unknown>;
    const checked = validateLineItem({ ...li, label: li.label ?? title, resourceLinkId: id });
    if (!checked.ok) throw new Error(checked.reason); // checkItem already passed
    return { resourceLinkId: id, lineItemId: this.p.gradebook.create(courseId, checked.value).id };
  }
}
