// The tool's public keys, fetched from its registered JWKS URL. Cached briefly (like a real
// LMS) and refetched at once when a JWT names a kid the cached set lacks, so key rotation on
// the tool side works without waiting for the cache to expire.
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyOptions, type JWTVerifyResult } from 'jose';

export interface ToolJwksFetch {
  url: string;
  at: number;
  ok: boolean;
  status?: number;
  error?: string;
}

const FETCH_TIMEOUT_MS = 5000;

export class ToolKeySet {
  /** Every fetch of a tool JWKS, for cache assertions. */
  readonly fetches: ToolJwksFetch[] = [];
  private cached: { url: string; jwks: JSONWebKeySet; at: number } | null = null;

  constructor(private readonly cacheMs: () => number) {}

  /** Verifies a tool-signed JWT; throws jose errors (or Error for fetch failures). */
  async verify(jwt: string, url: string, options: JWTVerifyOptions): Promise<JWTVerifyResult> {
    const hit = this.fresh(url);
    const jwks = hit ?? (await this.fetch(url));
    try {
      return await jwtVerify(jwt, createLocalJWKSet(jwks), options);
    } catch (err) {
      if (!hit || !(err instanceof errors.JWKSNoMatchingKey)) throw err;
      return jwtVerify(jwt, createLocalJWKSet(await this.fetch(url)), options);
    }
  }

  forget(): void {
    this.cached = null;
  }

  private fresh(url: string): JSONWebKeySet | null {
    const c = this.cached;
    return c && c.url === url && Date.now() - c.at < this.cacheMs() ? c.jwks : null;
  }

  private async fetch(url: string): Promise<JSONWebKeySet> {
    const entry: ToolJwksFetch = { url, at: Date.now(), ok: false };
    this.fetches.push(entry);
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      entry.status = res.status;
      if (!res.ok) throw new Error(`tool JWKS ${url} answered ${res.status}`);
      const body: unknown = await res.json();
      if (!body || typeof body !== 'object' || !Array.isArray((body as { keys?: unknown }).keys)) {
        throw new Error(`tool JWKS ${url} is not a JWK set`);
      }
      const jwks = body as JSONWebKeySet;
      entry.ok = true;
      this.cached = { url, jwks, at: Date.now() };
      return jwks;
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
      throw new Error(`could not load the tool JWKS: ${entry.error}`);
    }
  }
}

/** A short, human-readable reason for a failed tool JWT verification. */
export function describeJwtError(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the JWT has expired (exp)';
  if (err instanceof errors.JWTClaimValidationFailed) return `claim "${err.claim}" failed: ${err.message}`;
  if (err instanceof errors.JWKSNoMatchingKey) return 'no key in the tool JWKS matches the JWT kid';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify with the tool key';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the JWT must be signed with RS256';
  if (err instanceof errors.JWTInvalid || err instanceof errors.JWSInvalid) return `malformed JWT: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
