// lti_message_hint: opaque to the tool, meaningful to us. We carry the launch context
// (course, message type, link) in the hint itself, MAC'd so a tool cannot alter it, which
// keeps the platform stateless between login initiation and /auth (as Canvas does).
import crypto from 'node:crypto';
import type { LtiMessageType } from './lti-vocab';

export interface MessageHint {
  userSub: string;
  courseId: string | null;
  messageType: LtiMessageType;
  resourceLinkId: string | null;
  targetLinkUri: string;
}

export function encodeMessageHint(hint: MessageHint, secret: Buffer): string {
  const body = Buffer.from(JSON.stringify(hint)).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

/** Returns null if the hint is malformed or was not issued by this platform. */
export function decodeMessageHint(value: string, secret: Buffer): MessageHint | null {
  const [body, tag, extra] = value.split('.');
  if (!body || !tag || extra !== undefined) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return isMessageHint(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function mac(body: string, secret: Buffer): string {
  return crypto.createHmac('sha256', secret).update(body).digest('base64url');
}

function isMessageHint(v: unknown): v is MessageHint {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  const nullableString = (x: unknown) => x === null || typeof x === 'string';
  return (
    typeof h.userSub === 'string' &&
    nullableString(h.courseId) &&
    (h.messageType === 'LtiResourceLinkRequest' || h.messageType === 'LtiDeepLinkingRequest') &&
    nullableString(h.resourceLinkId) &&
    typeof h.targetLinkUri === 'string'
  );
}
