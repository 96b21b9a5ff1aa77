import { useCallback, useRef, useState } from 'react';
import type { RosterSyncResponse } from '../../../server/http/contract';
import { syncRoster, toApiError, type ApiError } from '../api';

export type RosterSyncState =
  | { status: 'idle' }
  | { status: 'syncing' }
  /** `attempt` lets the same result or error be announced again after another click. */
  | { status: 'done'; result: RosterSyncResponse; attempt: number }
  | { status: 'error'; error: ApiError; attempt: number };

/** Asks Trellis to read the course roster from the LMS now; `onSynced` runs after a success. */
export function useRosterSync(courseId: string, onSynced?: () => void) {
  const [state, setState] = useState<RosterSyncState>({ status: 'idle' });
  // A ref, not state: a double click must not start two syncs before React re-renders.
  const busy = useRef(false);
  const attempts = useRef(0);

  const sync = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const attempt = ++attempts.current;
    setState({ status: 'syncing' });
    try {
      const result = await syncRoster(courseId);
      setState({ status: 'done', result, attempt });
      onSynced?.();
    } catch (error) {
      setState({ status: 'error', error: toApiError(error), attempt });
    } finally {
      busy.current = false;
    }
  }, [courseId, onSynced]);

  return { state, sync };
}
