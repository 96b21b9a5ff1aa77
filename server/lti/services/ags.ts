// Assignment and Grade Services 2.0 client: line items (find-or-create, paginated),
// scores and results. URLs from the LMS may carry a query string (Canvas does); service
// paths such as /scores are inserted into the path, never appended after the query.
import { linkRel, type PlatformClient } from './platform-client';
import type { TokenPlatform } from './service-token';

export const AGS_SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
} as const;

const MEDIA = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  lineItems: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  results: 'application/vnd.ims.lis.v2.resultcontainer+json',
} as const;

export interface LineItem {
  id: string;
  scoreMaximum: number;
  label: string;
  resourceId?: string;
  resourceLinkId?: string;
  tag?: string;
}

export type ActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
export type GradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';

export interface Score {
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  /** Created once when the score is computed and reused on every retry (AGS orders by it). */
  timestamp: string;
  /** Canvas: when the work was submitted, so a late retry is not marked late. */
  submittedAt?: string;
}

export interface Result {
  userId: string;
  resultScore?: number;
  resultMaximum?: number;
  comment?: string;
}

/** Inserts a path segment before the query string: …/line_items/7?x=1 → …/line_items/7/scores?x=1. */
export function serviceUrl(lineItemUrl: string, segment: 'scores' | 'results'): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${segment}`;
  return url.toString();
}

export class AgsClient {
  constructor(private readonly client: PlatformClient) {}

  /** Every line item in the container, following Link rel="next" pages. */
  async listLineItems(platform: TokenPlatform, lineItemsUrl: string, filter: { resourceLinkId?: string; resourceId?: string; tag?: string } = {}): Promise<LineItem[]> {
    const first = new URL(lineItemsUrl);
    if (filter.resourceLinkId) first.searchParams.set('resource_link_id', filter.resourceLinkId);
    if (filter.resourceId) first.searchParams.set('resource_id', filter.resourceId);
    if (filter.tag) first.searchParams.set('tag', filter.tag);
    const items: LineItem[] = [];
    let next: string | null = first.toString();
    for (let page = 0; next && page < 1000; page++) {
      const res = await this.client.call(platform, { method: 'GET', url: next, scopes: [AGS_SCOPE.lineItem], accept: MEDIA.lineItems });
      items.push(...((res.json as LineItem[] | null) ?? []));
      next = linkRel(res.headers.get('link'), 'next');
    }
    return items;
  }

  /** The line item with this resourceId (and tag), created if the LMS has none yet. */
  async findOrCreateLineItem(
    platform: TokenPlatform,
    lineItemsUrl: string,
    wanted: { resourceId: string; label: string; scoreMaximum: number; tag?: string; resourceLinkId?: string },
  ): Promise<LineItem> {
    const existing = (await this.listLineItems(platform, lineItemsUrl, { resourceId: wanted.resourceId })).find(
      (li) => li.resourceId === wanted.resourceId && (wanted.tag === undefined || li.tag === wanted.tag),
    );
    if (existing) return existing;
    const res = await this.client.call(platform, {
      method: 'POST',
      url: lineItemsUrl,
      scopes: [AGS_SCOPE.lineItem],
      accept: MEDIA.lineItem,
      contentType: MEDIA.lineItem,
      body: wanted,
    });
    return res.json as LineItem;
  }

  async postScore(platform: TokenPlatform, lineItemUrl: string, score: Score): Promise<void> {
    const { submittedAt, ...body } = score;
    await this.client.call(platform, {
      method: 'POST',
      url: serviceUrl(lineItemUrl, 'scores'),
      scopes: [AGS_SCOPE.score],
      accept: 'application/json',
      contentType: MEDIA.score,
      body: submittedAt ? { ...body, 'https://canvas.instructure.com/lti/submission': { submitted_at: submittedAt } } : body,
    });
  }

  /** Gradebook results for the line item (all pages), including teacher overrides made in the LMS. */
  async getResults(platform: TokenPlatform, lineItemUrl: string, userId?: string): Promise<Result[]> {
    const first = new URL(serviceUrl(lineItemUrl, 'results'));
    if (userId) first.searchParams.set('user_id', userId);
    const results: Result[] = [];
    let next: string | null = first.toString();
    for (let page = 0; next && page < 1000; page++) {
      const res = await this.client.call(platform, { method: 'GET', url: next, scopes: [AGS_SCOPE.resultReadOnly], accept: MEDIA.results });
      results.push(...((res.json as Result[] | null) ?? []));
      next = linkRel(res.headers.get('link'), 'next');
    }
    return results;
  }
}
