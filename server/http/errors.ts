// One error type for everything a user or client can be told. `code` is stable (tests
// and API clients match on it); the message a person sees comes from the i18n catalog.
import type { MessageKey } from '../i18n/catalog';

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: MessageKey,
    /** Detail for logs only; never shown to users. */
    readonly detail?: string,
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'AppError';
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
