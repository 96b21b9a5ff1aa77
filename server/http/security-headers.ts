import type { RequestHandler } from 'express';

/**
 * Trellis pages live in LMS iframes, so framing is allowed (frame-ancestors *); everything
 * else is locked down: own scripts only, no plugins, no base-URI tricks, no referrer leaks.
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    // No form-action: the deep-linking picker posts its signed response to the LMS's return URL.
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors *",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  next();
};
