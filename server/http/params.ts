// Route parameters that name rows: validated before any query so bad input is a clear 4xx.
import { AppError } from './errors';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A course id from the URL; anything but a UUID cannot be the launch's course. */
export function courseParam(raw: unknown): string {
  const id = String(raw);
  if (!UUID.test(id)) throw new AppError('course_mismatch', 403, 'api.courseMismatch');
  return id;
}
