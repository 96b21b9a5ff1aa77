import pino from 'pino';

export type Logger = pino.Logger;

/** Structured logs: JSON in production, readable lines in development. */
export function createLogger(level: string, pretty: boolean): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'id_token'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, colorize: false } } } : {}),
  });
}
