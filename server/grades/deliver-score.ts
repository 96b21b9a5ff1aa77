// Delivers one outbox score to the LMS: finds (or creates, once) the link's line item,
// then posts the score with the timestamp fixed when it was enqueued. Delivering the same
// row twice is harmless: the LMS orders scores by timestamp and keeps the newest.
import type { Database } from '../db/database';
import { PermanentDeliveryError, type OutboxRow } from '../jobs/outbox';
import type { PlatformRegistry } from '../lti/platform-registry';
import { AGS_SCOPE, type AgsClient } from '../lti/services/ags';
import { ServiceCallError } from '../lti/services/platform-client';
import type { ScorePayload } from './enqueue-score';

interface LinkRow {
  link_id: string;
  title: string | null;
  ags_lineitems_url: string | null;
  ags_lineitem_url: string | null;
  ags_scopes: string[];
}

/** Retryable: another delivery is creating this link's line item right now. */
export class LineItemPendingError extends Error {
  override name = 'LineItemPendingError';
}

export function scoreDelivery(deps: { db: Database; registry: PlatformRegistry; ags: AgsClient }) {
  // One line-item creation per link in this process; other processes are held off by a
  // lease row (LineItemPendingError makes the outbox retry them a little later).
  const creating = new Map<string, Promise<string>>();
  const lineItemFor = (platform: Parameters<typeof ensureLineItem>[1], p: ScorePayload, link: LinkRow) => {
    let pending = creating.get(p.resourceLinkId);
    if (!pending) {
      pending = ensureLineItem(deps, platform, p, link).finally(() => creating.delete(p.resourceLinkId));
      creating.set(p.resourceLinkId, pending);
    }
    return pending;
  };

  return async function deliverScore(row: OutboxRow): Promise<void> {
    const p = row.payload as unknown as ScorePayload;
    const platform = await deps.registry.findById(row.platform_id);
    if (!platform) throw new PermanentDeliveryError('platform no longer registered');
    const [link] = await deps.db.query<LinkRow>(
      `SELECT rl.link_id, rl.title, rl.ags_lineitems_url, rl.ags_lineitem_url, rl.ags_scopes
         FROM resource_link rl JOIN deployment d ON d.id = rl.deployment_id
        WHERE rl.id = $1 AND d.platform_id = $2`,
      [p.resourceLinkId, row.platform_id],
    );
    if (!link) throw new PermanentDeliveryError('resource link no longer exists');
    if (!link.ags_scopes.includes(AGS_SCOPE.score)) {
      throw new PermanentDeliveryError('the LMS did not grant the score scope for this link (enable Assignment and Grade Services)');
    }

    try {
      const lineItemUrl = link.ags_lineitem_url ?? (await lineItemFor(platform, p, link));
      await deps.ags.postScore(platform, lineItemUrl, {
        userId: p.userSub,
        scoreGiven: p.scoreGiven,
        scoreMaximum: p.scoreMaximum,
        activityProgress: p.activityProgress,
        gradingProgress: p.gradingProgress,
        timestamp: p.timestamp,
        ...(p.comment ? { comment: p.comment } : {}),
        ...(p.submittedAt ? { submittedAt: p.submittedAt } : {}),
      });
    } catch (err) {
      if (!(err instanceof ServiceCallError) || err.retryable) throw err;
      // 409: the LMS already holds this or a newer score (e.g. a redelivery after a crash).
      if (err.status === 409) return;
      throw new PermanentDeliveryError(err.message);
    }
  };
}

async function ensureLineItem(
  deps: { db: Database; ags: AgsClient },
  platform: NonNullable<Awaited<ReturnType<PlatformRegistry['findById']>>>,
  p: ScorePayload,
  link: LinkRow,
): Promise<string> {
  if (!link.ags_lineitems_url || !link.ags_scopes.includes(AGS_SCOPE.lineItem)) {
    throw new PermanentDeliveryError('the LMS gave this link no line item and no way to create one');
  }
  const [lease] = await deps.db.query<{ ags_lineitem_url: string | null }>(
    `UPDATE resource_link SET ags_lineitem_lease_until = now() + interval '60 seconds'
      WHERE id = $1 AND (ags_lineitem_url IS NOT NULL OR ags_lineitem_lease_until IS NULL OR ags_lineitem_lease_until < now())
      RETURNING ags_lineitem_url`,
    [p.resourceLinkId],
  );
  if (!lease) throw new LineItemPendingError('another worker is creating the line item');
  if (lease.ags_lineitem_url) return lease.ags_lineitem_url;
  const item = await deps.ags.findOrCreateLineItem(platform, link.ags_lineitems_url, {
    resourceId: `trellis:${link.link_id}`,
    resourceLinkId: link.link_id,
    label: link.title ?? 'Trellis practice',
    scoreMaximum: p.scoreMaximum,
    tag: 'trellis',
  });
  await deps.db.query(`UPDATE resource_link SET ags_lineitem_url = $2, ags_lineitem_lease_until = NULL WHERE id = $1`, [
    p.resourceLinkId,
    item.id,
  ]);
  return item.id;
}
