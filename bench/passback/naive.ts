// The baseline: a naive LTI Advantage grade client, as often written. Every service call
// first fetches a brand-new access token (client_credentials with a JWT client assertion
// signed by Trellis's own tool key, so the LMS accepts it), then makes the call. No token
// cache, no outbox, no retries; scores are sent straight from the code that computed them,
// several at a time.
import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import type { ToolKeyStore } from '../../server/lti/tool-keys';

const SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
} as const;

export interface NaivePlatform {
  clientId: string;
  authTokenUrl: string;
  authServer?: string | null;
}

export interface NaiveScore {
  userSub: string;
  scoreGiven: number;
  scoreMaximum: number;
}

export class NaiveAgsClient {
  constructor(
    private readonly keys: ToolKeyStore,
    private readonly platform: NaivePlatform,
    private readonly userAgent = 'NaiveAgsClient/1.0',
  ) {}

  /** A new token for every call: sign an assertion, POST /token. */
  async token(scopes: string[]): Promise<string> {
    const { kid, privateKey } = await this.keys.signingKey();
    const p = this.platform;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(p.clientId)
      .setSubject(p.clientId)
      .setAudience(p.authServer || p.authTokenUrl)
      .setIssuedAt()
      .setExpirationTime('300s')
      .setJti(crypto.randomUUID())
      .sign(privateKey);
    const res = await fetch(p.authTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': this.userAgent },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: scopes.join(' '),
      }),
    });
    const json = (await res.json().catch(() => null)) as { access_token?: string; error?: string } | null;
    if (!res.ok || !json?.access_token) throw new NaiveCallError(`token endpoint answered ${res.status} ${json?.error ?? ''}`, res.status);
    return json.access_token;
  }

  /** Finds the link's line item by resourceId, or creates it (two calls, two tokens). */
  async findOrCreateLineItem(lineItemsUrl: string, item: { resourceId: string; resourceLinkId: string; label: string; scoreMaximum: number; tag: string }): Promise<string> {
    const url = new URL(lineItemsUrl);
    url.searchParams.set('resource_id', item.resourceId);
    const list = await fetch(url, {
      headers: { authorization: `Bearer ${await this.token([SCOPE.lineItem])}`, accept: 'application/vnd.ims.lis.v2.lineitemcontainer+json', 'user-agent': this.userAgent },
    });
    if (!list.ok) throw new NaiveCallError(`GET line items answered ${list.status}`, list.status);
    const found = ((await list.json()) as { id: string; resourceId?: string }[]).find((li) => li.resourceId === item.resourceId);
    if (found) return found.id;
    const created = await fetch(lineItemsUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await this.token([SCOPE.lineItem])}`,
        accept: 'application/vnd.ims.lis.v2.lineitem+json',
        'content-type': 'application/vnd.ims.lis.v2.lineitem+json',
        'user-agent': this.userAgent,
      },
      body: JSON.stringify(item),
    });
    if (!created.ok) throw new NaiveCallError(`POST line item answered ${created.status}`, created.status);
    return ((await created.json()) as { id: string }).id;
  }

  /** Token, then the score POST. Resolves with the LMS's status (no retry). */
  async postScore(lineItemUrl: string, score: NaiveScore & { timestamp: string }): Promise<number> {
    const token = await this.token([SCOPE.score]);
    const url = new URL(lineItemUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        'content-type': 'application/vnd.ims.lis.v1.score+json',
        'user-agent': this.userAgent,
      },
      body: JSON.stringify({
        userId: score.userSub,
        scoreGiven: score.scoreGiven,
        scoreMaximum: score.scoreMaximum,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        timestamp: score.timestamp,
      }),
    });
    await res.arrayBuffer();
    return res.status;
  }
}

export class NaiveCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'NaiveCallError';
  }
}
