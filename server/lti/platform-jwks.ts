// Platform public keys for id_token verification. ltijs fetches the platform's JWKS on
// every launch; we cache it (honouring Cache-Control max-age within our bounds) and
// refetch at most once per launch when a token names a kid we have not seen — that is
// how a platform's key rotation reaches us without trusting anything in the token header.
import { createLocalJWKSet, type CompactJWSHeaderParameters, type JSONWebKeySet, type KeyLike } from 'jose';
import { AppError } from '../http/errors';

interface Entry {
  jwks: JSONWebKeySet;
  fetchedAt: number;
  maxAgeMs: number;
}

// Unknown-kid refetches per JWKS URL are spaced at least this far apart, so tokens with
// made-up kids cannot make us hammer the platform.
const UNKNOWN_KID_REFETCH_INTERVAL_MS = 1_000;
const FETCH_TIMEOUT_MS = 5_000;

export class PlatformJwksCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly lastUnknownKidRefetch = new Map<string, number>();

  constructor(private readonly defaultMaxAgeMs: number) {}

  /** Resolves the verification key for a token header, or throws a launch error. */
  async keyFor(jwksUrl: string, header: CompactJWSHeaderParameters): Promise<KeyLike | Uint8Array> {
    if (!header.kid) throw new AppError('unknown_kid', 401, 'launch.unknownKey', 'token header has no kid');
    let entry = this.entries.get(jwksUrl);
    const fresh = entry && Date.now() - entry.fetchedAt < entry.maxAgeMs;
    if (!entry || !fresh) entry = await this.refresh(jwksUrl);
    if (!hasKid(entry.jwks, header.kid) && fresh) {
      const last = this.lastUnknownKidRefetch.get(jwksUrl) ?? 0;
      if (Date.now() - last >= UNKNOWN_KID_REFETCH_INTERVAL_MS) {
        this.lastUnknownKidRefetch.set(jwksUrl, Date.now());
        entry = await this.refresh(jwksUrl); // the one refetch an unknown kid earns
      }
    }
    if (!hasKid(entry.jwks, header.kid)) {
      throw new AppError('unknown_kid', 401, 'launch.unknownKey', `kid ${header.kid} not in ${jwksUrl}`);
    }
    try {
      // Only RS256 keys from the registered JWKS: jku/x5u/jwk headers are never consulted.
      return await createLocalJWKSet(entry.jwks)({ ...header, alg: 'RS256' });
    } catch (err) {
      throw new AppError('unknown_kid', 401, 'launch.unknownKey', (err as Error).message);
    }
  }

  private refresh(jwksUrl: string): Promise<Entry> {
    let pending = this.inflight.get(jwksUrl);
    if (!pending) {
      pending = this.fetchJwks(jwksUrl).finally(() => this.inflight.delete(jwksUrl));
      this.inflight.set(jwksUrl, pending);
    }
    return pending;
  }

  private async fetchJwks(jwksUrl: string): Promise<Entry> {
    let res: Response;
    try {
      res = await fetch(jwksUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
    } catch (err) {
      throw new AppError('platform_keys_unavailable', 502, 'launch.keysUnavailable', `${jwksUrl}: ${(err as Error).message}`);
    }
    if (!res.ok) throw new AppError('platform_keys_unavailable', 502, 'launch.keysUnavailable', `${jwksUrl}: HTTP ${res.status}`);
    const body = (await res.json().catch(() => null)) as JSONWebKeySet | null;
    if (!body || !Array.isArray(body.keys)) {
      throw new AppError('platform_keys_unavailable', 502, 'launch.keysUnavailable', `${jwksUrl}: not a JWKS`);
    }
    const entry: Entry = { jwks: body, fetchedAt: Date.now(), maxAgeMs: this.maxAge(res.headers.get('cache-control')) };
    this.entries.set(jwksUrl, entry);
    return entry;
  }

  /** Cache-Control max-age, clamped to [1 min, our configured default]; no-store → 0. */
  private maxAge(cacheControl: string | null): number {
    if (!cacheControl) return this.defaultMaxAgeMs;
    if (/no-store|no-cache/i.test(cacheControl)) return 0;
    const m = /max-age=(\d+)/i.exec(cacheControl);
    if (!m) return this.defaultMaxAgeMs;
    return Math.min(Math.max(Number(m[1]) * 1000, 60_000), this.defaultMaxAgeMs);
  }
}

const hasKid = (jwks: JSONWebKeySet, kid: string) => jwks.keys.some((k) => k.kid === kid);
