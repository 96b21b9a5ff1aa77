import { isClientErrorCode, type ApiError } from './api';
import type { Translate } from './i18n/translate';

/**
 * A failed action in words a person can use. The server's messages are already in the
 * launch's language (e.g. "Your LMS has not shared a class roster…"); the client's own
 * codes carry English developer text, so those get a translated message instead.
 */
export function apiErrorText(error: ApiError, t: Translate): string {
  if (error.code === 'network_error') return t('error.network');
  if (isClientErrorCode(error.code)) return error.status === 401 ? t('error.unauthenticated') : t('error.generic');
  return error.message;
}
