// One-time confirmation of a platform-storage launch. The launch is validated and recorded
// at once, but a browser that has not proven it started the login (no binding cookie) gets
// only a code; it exchanges the code, with the state it read back from the platform's
// storage, for the panel and its launch token. Codes are stored hashed, expire quickly and
// work once, whatever the outcome.
import crypto from 'node:crypto';
import type { Database } from '../db/database';
import type { Locale, Panel, SessionView, TrellisRole } from '../http/contract';
import type { LaunchContext } from './launch-context';
import { hashBinding, randomToken } from './login';

export const LAUNCH_CONFIRMATION_TTL_SECONDS = 120;

export async function createLaunchConfirmation(
  db: Database,
  opts: { context: LaunchContext; state: string; session: SessionView },
): Promise<string> {
  const code = randomToken();
  // Unclaimed codes of abandoned launches go as new ones arrive (the table stays tiny).
  await db.query(`DELETE FROM launch_confirmation WHERE expires_at < now()`);
  await db.query(
    `INSERT INTO launch_confirmation (code_hash, session_id, state_hash, assignment_id, session_view, expires_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, now() + make_interval(secs => $6))`,
    [
      hashBinding(code),
      opts.context.sessionId,
      hashBinding(opts.state),
      opts.context.assignmentId,
      JSON.stringify(opts.session),
      LAUNCH_CONFIRMATION_TTL_SECONDS,
    ],
  );
  return code;
}

export interface ClaimedConfirmation {
  context: LaunchContext;
  session: SessionView;
  /** True when `state` is the state the launch answered (what the login stored at the platform). */
  stateMatches(state: unknown): boolean;
}

interface Row {
  state_hash: string;
  assignment_id: string | null;
  session_view: SessionView | string;
  expired: boolean;
  session_id: string;
  platform_id: string;
  deployment_id: string;
  context_id: string | null;
  user_id: string | null;
  roles: string[];
  panel: string;
  locale: string;
  session_expires_at: Date | string;
}

/** Deletes the code (it never works twice) and returns its launch, or null if unknown or expired. */
export async function claimLaunchConfirmation(db: Database, code: string): Promise<ClaimedConfirmation | null> {
  const [row] = await db.query<Row>(
    `WITH claimed AS (
       DELETE FROM launch_confirmation WHERE code_hash = $1
       RETURNING session_id, state_hash, assignment_id, session_view, expires_at
     )
     SELECT c.state_hash, c.assignment_id, c.session_view, (c.expires_at < now() OR s.expires_at < now()) AS expired,
            s.id AS session_id, s.platform_id, s.deployment_id, s.context_id, s.user_id, s.roles, s.panel, s.locale,
            s.expires_at AS session_expires_at
       FROM claimed c JOIN launch_session s ON s.id = c.session_id`,
    [hashBinding(code)],
  );
  if (!row || row.expired) return null;
  const expected = Buffer.from(row.state_hash);
  return {
    context: {
      sessionId: row.session_id,
      platformId: row.platform_id,
      deploymentId: row.deployment_id,
      courseId: row.context_id,
      userId: row.user_id,
      roles: row.roles as TrellisRole[],
      assignmentId: row.assignment_id,
      panel: row.panel as Panel,
      locale: row.locale as Locale,
      expiresAt: new Date(row.session_expires_at),
    },
    session: typeof row.session_view === 'string' ? (JSON.parse(row.session_view) as SessionView) : row.session_view,
    stateMatches(state: unknown) {
      if (typeof state !== 'string' || state.length === 0) return false;
      const actual = Buffer.from(hashBinding(state));
      return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
    },
  };
}
