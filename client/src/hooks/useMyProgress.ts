import { useCallback, useEffect, useState } from 'react';
import type { MyProgressView } from '../../../server/http/contract';
import { getMyProgress, toApiError, type ApiError } from '../api';

export type MyProgressState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; progress: MyProgressView };

/**
 * The student's own progress (GET /api/me/progress). Mounted only when "My progress" is
 * opened, so it costs the practice page nothing until asked for; each opening loads afresh.
 */
export function useMyProgress(): { state: MyProgressState; reload: () => void } {
  const [state, setState] = useState<MyProgressState>({ status: 'loading' });
  const [loadCount, setLoadCount] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getMyProgress({ signal: controller.signal }).then(
      (progress) => setState({ status: 'ready', progress }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [loadCount]);

  const reload = useCallback(() => setLoadCount((n) => n + 1), []);
  return { state, reload };
}
