import { useCallback, useEffect, useState } from 'react';
import type { CourseMemberView } from '../../../server/http/contract';
import { getCourseMembers, toApiError, type ApiError } from '../api';

export type CourseMembersState =
  | { status: 'loading' }
  | { status: 'ready'; members: CourseMemberView[] }
  | { status: 'error'; error: ApiError; reload: () => void };

/** Loads a course's members; re-fetches when the course changes or `reload` is called. */
export function useCourseMembers(courseId: string): CourseMembersState {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CourseMembersState>({ status: 'loading' });
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    // Abort on unmount/change so a slow old response can't overwrite a newer one.
    const controller = new AbortController();
    setState({ status: 'loading' });
    getCourseMembers(courseId, { signal: controller.signal }).then(
      (response) => setState({ status: 'ready', members: response.members }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error), reload });
      },
    );
    return () => controller.abort();
  }, [courseId, attempt, reload]);

  return state;
}
