// Registered platforms and deployments. ltijs keeps the platform entry and generates the
// tool's key pair for it; our table adds what the launch checks need (JWKS URL, status,
// deployments). Lookups are cached briefly because every launch needs them.
import type { Database } from '../db/database';
import type { LtijsProvider } from './ltijs-provider';

export interface PlatformRecord {
  id: string;
  issuer: string;
  clientId: string;
  name: string;
  authLoginUrl: string;
  authTokenUrl: string;
  jwksUrl: string;
  /** `aud` for service client assertions when it is not the token URL (Brightspace). */
  authServer: string | null;
  status: 'active' | 'pending' | 'disabled';
  ltijsKid: string | null;
  registeredVia: 'manual' | 'dynamic' | 'demo';
  /** Learn deployment ids from signed launches (Dynamic Registration without one). */
  acceptNewDeployments: boolean;
}

export interface DeploymentRecord {
  id: string;
  platformId: string;
  deploymentId: string;
  status: 'active' | 'disabled';
}

export interface RegisterPlatformInput {
  issuer: string;
  clientId: string;
  name: string;
  authLoginUrl: string;
  authTokenUrl: string;
  jwksUrl: string;
  authServer?: string | null;
  deploymentIds: string[];
  registeredVia?: PlatformRecord['registeredVia'];
  acceptNewDeployments?: boolean;
  /** Only for a new platform; re-registering keeps the status an admin chose. */
  status?: PlatformRecord['status'];
}

interface PlatformRow {
  id: string;
  issuer: string;
  client_id: string;
  name: string;
  auth_login_url: string;
  auth_token_url: string;
  jwks_url: string;
  auth_server: string | null;
  status: PlatformRecord['status'];
  ltijs_kid: string | null;
  registered_via: PlatformRecord['registeredVia'];
  accept_new_deployments: boolean;
}

const toRecord = (r: PlatformRow): PlatformRecord => ({
  id: r.id,
  issuer: r.issuer,
  clientId: r.client_id,
  name: r.name,
  authLoginUrl: r.auth_login_url,
  authTokenUrl: r.auth_token_url,
  jwksUrl: r.jwks_url,
  authServer: r.auth_server,
  status: r.status,
  ltijsKid: r.ltijs_kid,
  registeredVia: r.registered_via,
  acceptNewDeployments: r.accept_new_deployments,
});

export class PlatformRegistry {
  private readonly cache = new Map<string, { at: number; value: unknown }>();

  constructor(
    private readonly db: Database,
    private readonly ltijs: LtijsProvider,
    private readonly cacheMs = 30_000,
  ) {}

  /** Creates or updates a platform and its deployments. Idempotent. */
  async register(input: RegisterPlatformInput): Promise<PlatformRecord> {
    const ltiPlatform = await this.ltijs.registerPlatform({
      url: input.issuer,
      name: input.name,
      clientId: input.clientId,
      authenticationEndpoint: input.authLoginUrl,
      accesstokenEndpoint: input.authTokenUrl,
      authConfig: { method: 'JWK_SET', key: input.jwksUrl },
    });
    const kid = await ltiPlatform.platformKid();
    const record = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<PlatformRow>(
        `INSERT INTO platform (issuer, client_id, name, auth_login_url, auth_token_url, jwks_url, auth_server, ltijs_kid,
                               registered_via, accept_new_deployments, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (issuer, client_id) DO UPDATE SET
           name = excluded.name, auth_login_url = excluded.auth_login_url,
           auth_token_url = excluded.auth_token_url, jwks_url = excluded.jwks_url,
           auth_server = excluded.auth_server, ltijs_kid = excluded.ltijs_kid,
           accept_new_deployments = excluded.accept_new_deployments, updated_at = now()
         RETURNING *`,
        [
          input.issuer,
          input.clientId,
          input.name,
          input.authLoginUrl,
          input.authTokenUrl,
          input.jwksUrl,
          input.authServer ?? null,
          kid,
          input.registeredVia ?? 'manual',
          input.acceptNewDeployments ?? false,
          input.status ?? 'active',
        ],
      );
      for (const deploymentId of input.deploymentIds) {
        await tx.query(
          `INSERT INTO deployment (platform_id, deployment_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [row!.id, deploymentId],
        );
      }
      return toRecord(row!);
    });
    this.cache.clear();
    return record;
  }

  async setStatus(platformId: string, status: PlatformRecord['status']): Promise<void> {
    await this.db.query(`UPDATE platform SET status = $2, updated_at = now() WHERE id = $1`, [platformId, status]);
    this.cache.clear();
  }

  /** Platforms for an issuer, optionally narrowed to one client id. */
  findByIssuer(issuer: string, clientId?: string): Promise<PlatformRecord[]> {
    return this.cached(`iss:${issuer}:${clientId ?? ''}`, async () => {
      const rows = await this.db.query<PlatformRow>(
        `SELECT * FROM platform WHERE issuer = $1 AND ($2::text IS NULL OR client_id = $2) ORDER BY created_at`,
        [issuer, clientId ?? null],
      );
      return rows.map(toRecord);
    });
  }

  findById(id: string): Promise<PlatformRecord | null> {
    return this.cached(`id:${id}`, async () => {
      const [row] = await this.db.query<PlatformRow>(`SELECT * FROM platform WHERE id = $1`, [id]);
      return row ? toRecord(row) : null;
    });
  }

  /** A deployment id first seen in a signed launch, for platforms that allow it. */
  async learnDeployment(platformId: string, deploymentId: string): Promise<DeploymentRecord> {
    await this.db.query(`INSERT INTO deployment (platform_id, deployment_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [platformId, deploymentId]);
    this.cache.delete(`dep:${platformId}:${deploymentId}`);
    return (await this.findDeployment(platformId, deploymentId))!;
  }

  findDeployment(platformId: string, deploymentId: string): Promise<DeploymentRecord | null> {
    return this.cached(`dep:${platformId}:${deploymentId}`, async () => {
      const [row] = await this.db.query<{ id: string; platform_id: string; deployment_id: string; status: DeploymentRecord['status'] }>(
        `SELECT id, platform_id, deployment_id, status FROM deployment WHERE platform_id = $1 AND deployment_id = $2`,
        [platformId, deploymentId],
      );
      return row ? { id: row.id, platformId: row.platform_id, deploymentId: row.deployment_id, status: row.status } : null;
    });
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.value as T;
    const value = await load();
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }
}
