// Body validation for JSON routes: a zod schema, and a 400 naming the first bad field.
import type { z } from 'zod';
import { AppError } from './errors';

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new AppError('invalid_input', 400, 'api.invalidInput', `${issue.path.join('.') || 'body'}: ${issue.message}`);
}
