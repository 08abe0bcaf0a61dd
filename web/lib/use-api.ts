import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from './api.js';

export type ApiState<T> =
  | { status: 'loading'; data: T | undefined; error: undefined }
  | { status: 'success'; data: T; error: undefined }
  | { status: 'error'; data: T | undefined; error: unknown };

/**
 * GETs one API URL and re-fetches when the URL changes or `reload()` is called. The URL alone
 * identifies the request, so there is no dependency list to get wrong; a stale answer to an
 * earlier URL is dropped (its request is aborted). A null URL fetches nothing.
 * While a new URL loads, the previous data stays available so tables do not flash empty.
 */
export function useApi<T>(url: string | null): ApiState<T> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading', data: undefined, error: undefined });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    setState((prev) => ({ status: 'loading', data: prev.data, error: undefined }));
    apiFetch<T>(url, { signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data, error: undefined });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((prev) => ({ status: 'error', data: prev.data, error }));
      },
    );
    return () => controller.abort();
  }, [url, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
