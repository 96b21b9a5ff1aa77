// The short-lived bearer token the client uses for /api calls. It is bound to the launch:
// platform, deployment, course, user and roles. HS256 with a key derived for this purpose
// only, so it can be verified by any Trellis instance without a database round trip.
import { SignJWT, jwtVerify, errors } from 'jose';
import { z } from 'zod';
import { deriveKey } from '../crypto/secret-box';
import { AppError } from '../http/errors';
import type { LaunchContext } from './launch-context';

const AUDIENCE = 'trellis-api';

const TokenClaims = z.object({
  sid: z.string(),
  plat: z.string(),
  dep: z.string(),
  ctx: z.string().nullable(),
  usr: z.string().nullable(),
  asg: z.string().nullable().default(null),
  roles: z.array(z.enum(['learner', 'instructor', 'teaching-assistant', 'mentor', 'administrator', 'content-developer'])),
  panel: z.enum(['student', 'teacher', 'mentor', 'admin', 'deep-linking', 'no-role']),
  loc: z.enum(['en', 'es']),
  exp: z.number(),
});

export class LaunchTokens {
  private readonly key: Uint8Array;

  constructor(
    encryptionKey: string,
    private readonly issuer: string,
  ) {
    this.key = deriveKey(encryptionKey, 'launch-token');
  }

  sign(launch: LaunchContext): Promise<string> {
    return new SignJWT({
      sid: launch.sessionId,
      plat: launch.platformId,
      dep: launch.deploymentId,
      ctx: launch.courseId,
      usr: launch.userId,
      asg: launch.assignmentId,
      roles: launch.roles,
      panel: launch.panel,
      loc: launch.locale,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(launch.expiresAt.getTime() / 1000))
      .sign(this.key);
  }

  async verify(token: string): Promise<LaunchContext> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: this.issuer, audience: AUDIENCE, algorithms: ['HS256'] }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new AppError('token_expired', 401, 'api.unauthenticated');
      throw new AppError('token_invalid', 401, 'api.unauthenticated', (err as Error).message);
    }
    const claims = TokenClaims.safeParse(payload);
    if (!claims.success) throw new AppError('token_invalid', 401, 'api.unauthenticated', 'unexpected claims');
    const c = claims.data;
    return {
      sessionId: c.sid,
      platformId: c.plat,
      deploymentId: c.dep,
      courseId: c.ctx,
      userId: c.usr,
      assignmentId: c.asg,
      roles: c.roles,
      panel: c.panel,
      locale: c.loc,
      expiresAt: new Date(c.exp * 1000),
    };
  }
}
