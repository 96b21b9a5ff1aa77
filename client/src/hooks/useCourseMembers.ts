import { useCallback, useEffect, useState } from 'react';
import type { CourseMemberView } from '../../../server/http/contract';
import { getCourseMembers, toApiError, type ApiError } from '../api';

export type CourseMembersState =
  | { status: 'loading' }
  | { status: 'ready'; courseId: string; members: CourseMemberView[] }
  | { status: 'error'; error: ApiError; reload: () => void };

/**
 * Loads a course's members; re-fetches when the course or `refreshKey` changes (e.g. after
 * a roster sync) or `reload` is called. A refresh keeps the current list on screen until
 * the new one arrives, so the table doesn't flash away under the reader.
 */
export function useCourseMembers(courseId: string, refreshKey: number = 0): CourseMembersState {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CourseMembersState>({ status: 'loading' });
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    // Abort on unmount/change so a slow old response can't overwrite a newer one.
    const controller = new AbortController();
    setState((prev) => (prev.status === 'ready' && prev.courseId === courseId ? prev : { status: 'loading' }));
    getCourseMembers(courseId, { signal: controller.signal }).then(
      (response) => setState({ status: 'ready', courseId, members: response.members }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error), reload });
      },
    );
    return () => controller.abort();
  }, [courseId, attempt, refreshKey, reload]);

  return state;
}
