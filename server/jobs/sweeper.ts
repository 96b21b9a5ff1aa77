// Deletes expired security state (login states, nonces, launch sessions, ltijs caches)
// and retires rotated-out signing keys whose grace period is over.
import type { Database } from '../db/database';

export async function sweepExpired(db: Database): Promise<void> {
  await db.query(`DELETE FROM lti_login_state WHERE expires_at < now()`);
  await db.query(`DELETE FROM lti_nonce WHERE expires_at < now()`);
  await db.query(`DELETE FROM launch_confirmation WHERE expires_at < now()`);
  await db.query(`DELETE FROM launch_session WHERE expires_at < now() - interval '1 day'`);
  await db.query(`DELETE FROM ltijs_document WHERE expires_at < now()`);
  // Rotated-out keys past their grace period are no longer published (see ToolKeyStore).
  await db.query(`UPDATE tool_key SET status = 'retired' WHERE status = 'retiring' AND retire_at <= now()`);
}

export function startSweeper(db: Database, onError: (err: unknown) => void, everyMs = 10 * 60_000): () => void {
  const timer = setInterval(() => sweepExpired(db).catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
