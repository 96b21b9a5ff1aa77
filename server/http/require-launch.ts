// Authenticates /api requests by the launch token in `Authorization: Bearer …`.
import type { RequestHandler } from 'express';
import type { LaunchContext } from '../lti/launch-context';
import type { LaunchTokens } from '../lti/launch-token';
import { AppError } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    launch?: LaunchContext;
  }
}

export function requireLaunch(tokens: LaunchTokens): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthenticated', 401, 'api.unauthenticated');
    req.launch = await tokens.verify(match[1]!);
    res.locals.locale = req.launch.locale;
    next();
  };
}

/** The launch of an authenticated request (requireLaunch must have run). */
export function launchOf(req: { launch?: LaunchContext }): LaunchContext {
  if (!req.launch) throw new AppError('unauthenticated', 401, 'api.unauthenticated');
  return req.launch;
}
