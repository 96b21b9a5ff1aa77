import { useCallback, useEffect, useRef, useState } from 'react';
import type { GradeSyncItemView } from '../../../server/http/contract';
import { getGradeSync, toApiError, type ApiError } from '../api';

export type GradeSyncState =
  | { status: 'loading' }
  | { status: 'ready'; courseId: string; items: GradeSyncItemView[] }
  | { status: 'error'; error: ApiError };

/**
 * Loads a course's grade deliveries. `reload` keeps the current table on screen while it
 * fetches (no flash of "loading", so focus and reading position survive) and resolves
 * once the new list is in state: true if it loaded, false if it failed or was superseded.
 */
export function useGradeSync(courseId: string): { state: GradeSyncState; reload: () => Promise<boolean> } {
  const [state, setState] = useState<GradeSyncState>({ status: 'loading' });
  const current = useRef<AbortController | null>(null);

  const reload = useCallback(async (): Promise<boolean> => {
    // Only the newest request may write state: a slow old response must not win.
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState((prev) => (prev.status === 'ready' && prev.courseId === courseId ? prev : { status: 'loading' }));
    try {
      const { items } = await getGradeSync(courseId, { signal: controller.signal });
      if (controller.signal.aborted) return false;
      setState({ status: 'ready', courseId, items });
      return true;
    } catch (error) {
      if (controller.signal.aborted) return false;
      setState({ status: 'error', error: toApiError(error) });
      return false;
    }
  }, [courseId]);

  useEffect(() => {
    void reload();
    return () => current.current?.abort();
  }, [reload]);

  return { state, reload };
}
