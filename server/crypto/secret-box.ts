// Authenticated encryption for secrets at rest (tool private keys, service tokens).
// AES-256-GCM with a key derived from TRELLIS_ENCRYPTION_KEY for one named purpose.
import crypto from 'node:crypto';

export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'trellis', purpose, 32));
}

export interface Sealed {
  iv: string;
  data: string;
}

export function seal(plaintext: string, key: Buffer): Sealed {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { iv: iv.toString('hex'), data: body.toString('hex') };
}

export function open(sealed: Sealed, key: Buffer): string {
  const body = Buffer.from(sealed.data, 'hex');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'hex'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
}
