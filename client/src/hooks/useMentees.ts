import { useCallback, useEffect, useState } from 'react';
import type { MenteeView } from '../../../server/http/contract';
import { getMentees, toApiError, type ApiError } from '../api';

export type MenteesState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; mentees: MenteeView[] };

/** The mentor's learners (GET /api/mentor/mentees), with a reload for the error notice's retry. */
export function useMentees(): { state: MenteesState; reload: () => void } {
  const [state, setState] = useState<MenteesState>({ status: 'loading' });
  const [loadCount, setLoadCount] = useState(0);

  useEffect(() => {
    // Abort on unmount or reload so a slow old response can't replace a newer one.
    const controller = new AbortController();
    setState({ status: 'loading' });
    getMentees({ signal: controller.signal }).then(
      (response) => setState({ status: 'ready', mentees: response.mentees }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [loadCount]);

  const reload = useCallback(() => setLoadCount((n) => n + 1), []);
  return { state, reload };
}
