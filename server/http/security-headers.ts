import type { RequestHandler } from 'express';

/**
 * Trellis pages live in LMS iframes, so framing is allowed (frame-ancestors *); everything
 * else is locked down: own scripts only, no plugins, no referrer leaks of launch URLs.
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors *",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  next();
};
