// Deep Linking 2.0 response: the teacher's picks become assignments and one signed
// LtiDeepLinkingResponse the browser posts back to the LMS. Each item is an
// ltiResourceLink whose custom parameter names the assignment, with a lineItem so the
// LMS creates the gradebook column.
import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { Database } from '../db/database';
import type { AssignmentSettings, DeepLinkResponseView } from '../http/contract';
import { AppError } from '../http/errors';
import type { DeepLinkingSettings } from './claims';
import type { LaunchContext } from './launch-context';
import type { PlatformRegistry } from './platform-registry';
import type { ToolKeyStore } from './tool-keys';

export const DeepLinkItems = z.object({
  items: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(200),
        skills: z.array(z.string().trim().min(1).max(50)).min(1).max(60),
        goal: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('items'), count: z.number().int().min(1).max(200) }),
          z.object({ kind: z.literal('mastery') }),
        ]),
        dueAt: z.iso.datetime({ offset: true }).nullable(),
        points: z.number().min(0).max(1000),
        spacedReview: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(20),
});
export type DeepLinkItems = z.infer<typeof DeepLinkItems>;

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

export async function respondToDeepLinking(
  deps: { db: Database; registry: PlatformRegistry; toolKeys: ToolKeyStore; publicUrl: string },
  opts: { launch: LaunchContext; picks: DeepLinkItems },
): Promise<DeepLinkResponseView> {
  const { launch, picks } = opts;
  const [session] = await deps.db.query<{ deep_linking: DeepLinkingSettings | null; deployment_id: string }>(
    `SELECT s.deep_linking, d.deployment_id FROM launch_session s JOIN deployment d ON d.id = s.deployment_id
      WHERE s.id = $1 AND s.platform_id = $2 AND s.expires_at > now()`,
    [launch.sessionId, launch.platformId],
  );
  const settings = session?.deep_linking;
  if (!settings) throw new AppError('not_deep_linking', 409, 'deepLinking.notDeepLinking');
  if (!settings.accept_types.includes('ltiResourceLink')) throw new AppError('deep_linking_unsupported', 409, 'deepLinking.unsupported');
  if (picks.items.length > 1 && settings.accept_multiple === false) {
    throw new AppError('deep_linking_single_item', 400, 'deepLinking.singleItem');
  }
  const platform = await deps.registry.findById(launch.platformId);
  if (!platform) throw new AppError('platform_unknown', 400, 'login.unknownPlatform');

  const assignments = await deps.db.transaction(async (tx) => {
    const created: { id: string; title: string; settings: AssignmentSettings }[] = [];
    for (const item of picks.items) {
      const settingsJson: AssignmentSettings = {
        skills: item.skills,
        goal: item.goal,
        dueAt: item.dueAt,
        points: item.points,
        ...(item.spacedReview === undefined ? {} : { spacedReview: item.spacedReview }),
      };
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO assignment (deployment_id, context_id, title, settings, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [launch.deploymentId, launch.courseId, item.title, settingsJson, launch.userId],
      );
      created.push({ id: row!.id, title: item.title, settings: settingsJson });
    }
    return created;
  });

  const contentItems = assignments.map((a) => ({
    type: 'ltiResourceLink',
    title: a.title,
    url: `${deps.publicUrl}/lti/launch`,
    custom: { trellis_assignment: a.id },
    ...(a.settings.points > 0
      ? { lineItem: { scoreMaximum: a.settings.points, label: a.title, resourceId: `trellis:${a.id}`, tag: 'trellis-practice' } }
      : {}),
    ...(a.settings.dueAt ? { submission: { endDateTime: a.settings.dueAt } } : {}),
  }));

  const { kid, privateKey } = await deps.toolKeys.signingKey();
  const jwt = await new SignJWT({
    nonce: crypto.randomBytes(16).toString('base64url'),
    [`${LTI}message_type`]: 'LtiDeepLinkingResponse',
    [`${LTI}version`]: '1.3.0',
    [`${LTI}deployment_id`]: session.deployment_id,
    [`${DL}content_items`]: contentItems,
    ...(settings.data !== undefined ? { [`${DL}data`]: settings.data } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
  return { returnUrl: settings.deep_link_return_url, jwt };
}
