import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../api';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'ready'; key: string; data: T }
  | { status: 'error'; error: ApiError };

export interface Resource<T> {
  state: ResourceState<T>;
  /**
   * Loads again. The data on screen stays while it fetches (no flash of "loading", so focus
   * and reading position survive); resolves true once the new data is in state.
   */
  reload: () => Promise<boolean>;
  /** Changes the loaded data in place (e.g. a note just added), without a request. */
  update: (change: (data: T) => T) => void;
}

/**
 * One insights request, keyed (course, student…): a new key loads from scratch, and only the
 * newest request may write state, so a slow old response never wins.
 */
export function useInsightsResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const current = useRef<AbortController | null>(null);

  const reload = useCallback(async (): Promise<boolean> => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState((prev) => (prev.status === 'ready' && prev.key === key ? prev : { status: 'loading' }));
    try {
      const data = await load(controller.signal);
      if (controller.signal.aborted) return false;
      setState({ status: 'ready', key, data });
      return true;
    } catch (error) {
      if (controller.signal.aborted) return false;
      setState({ status: 'error', error: toApiError(error) });
      return false;
    }
  }, [key, load]);

  useEffect(() => {
    void reload();
    return () => current.current?.abort();
  }, [reload]);

  const update = useCallback((change: (data: T) => T) => {
    setState((prev) => (prev.status === 'ready' ? { ...prev, data: change(prev.data) } : prev));
  }, []);

  return { state, reload, update };
}
