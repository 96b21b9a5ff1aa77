// `Server-Timing: app;dur=…` on API responses: the time from the request reaching the
// handler chain to the response headers, visible in browser dev tools and read by the
// benchmarks (server time, without the client's network and queueing).
import type { RequestHandler } from 'express';

export const serverTiming: RequestHandler = (_req, res, next) => {
  const start = process.hrtime.bigint();
  const writeHead = res.writeHead;
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!this.headersSent) this.setHeader('Server-Timing', `app;dur=${ms.toFixed(3)}`);
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
};
