// OAuth2 client_credentials tokens for LTI Advantage services (1EdTech Security Framework
// §4.1): a JWT client assertion signed with the tool's key, a unique jti and a short exp.
// Tokens are cached per platform, token URL and scope set until a minute before they
// expire, and only one request per cache key is in flight at a time.
import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import type { ToolKeyStore } from '../tool-keys';

export interface TokenPlatform {
  id: string;
  clientId: string;
  authTokenUrl: string;
  /** The `aud` the platform wants in assertions; defaults to the token URL (Canvas, Moodle). */
  authServer?: string | null;
}

export class ServiceTokenError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ServiceTokenError';
  }
}

const REFRESH_MARGIN_MS = 60_000;
const ASSERTION_LIFETIME_SECONDS = 300;

interface Cached {
  token: string;
  expiresAt: number;
}

export class ServiceTokenClient {
  private readonly cache = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<Cached>>();
  /** Token requests sent, for the benchmark and tests. */
  requests = 0;

  constructor(
    private readonly keys: ToolKeyStore,
    private readonly userAgent: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async token(platform: TokenPlatform, scopes: readonly string[]): Promise<string> {
    const key = cacheKey(platform, scopes);
    const hit = this.cache.get(key);
    if (hit && Date.now() < hit.expiresAt - REFRESH_MARGIN_MS) return hit.token;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.request(platform, scopes)
        .then((fresh) => {
          this.cache.set(key, fresh);
          return fresh;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return (await pending).token;
  }

  /** Drops a token the platform refused (401), so the next call fetches a new one. */
  invalidate(platform: TokenPlatform, scopes: readonly string[], token: string): void {
    const key = cacheKey(platform, scopes);
    if (this.cache.get(key)?.token === token) this.cache.delete(key);
  }

  private async request(platform: TokenPlatform, scopes: readonly string[]): Promise<Cached> {
    const { kid, privateKey } = await this.keys.signingKey();
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(platform.clientId)
      .setSubject(platform.clientId)
      .setAudience(platform.authServer || platform.authTokenUrl)
      .setIssuedAt()
      .setExpirationTime(`${ASSERTION_LIFETIME_SECONDS}s`)
      .setJti(crypto.randomUUID())
      .sign(privateKey);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: [...scopes].sort().join(' '),
    });
    this.requests++;
    let res: Response;
    try {
      res = await fetch(platform.authTokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': this.userAgent },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ServiceTokenError(`token request failed: ${(err as Error).message}`, 0, true);
    }
    const json = (await res.json().catch(() => null)) as { access_token?: string; expires_in?: number; error?: string } | null;
    if (!res.ok || !json?.access_token) {
      const retryable = res.status === 429 || res.status >= 500;
      throw new ServiceTokenError(
        `token endpoint answered ${res.status}${json?.error ? ` (${json.error})` : ''}`,
        res.status,
        retryable,
        retryAfterMs(res.headers.get('retry-after')),
      );
    }
    const lifetimeMs = Math.max(Number(json.expires_in ?? 3600), 1) * 1000;
    return { token: json.access_token, expiresAt: Date.now() + lifetimeMs };
  }
}

const cacheKey = (p: TokenPlatform, scopes: readonly string[]) => `${p.id}\n${p.authTokenUrl}\n${[...scopes].sort().join(' ')}`;

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
