import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from './api.js';
import type { ApiState } from './use-api.js';

/**
 * GETs several API URLs together (one state for all of them), re-fetching when the list changes.
 * Used for breakdowns the API has no single endpoint for yet (one /api/metrics call per topic).
 */
export function useApiMany<T>(urls: readonly string[] | null): ApiState<T[]> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T[]>>({ status: 'loading', data: undefined, error: undefined });
  const [generation, setGeneration] = useState(0);
  const key = urls === null ? null : JSON.stringify(urls);

  useEffect(() => {
    if (key === null) return;
    const list = JSON.parse(key) as string[];
    const controller = new AbortController();
    setState((prev) => ({ status: 'loading', data: prev.data, error: undefined }));
    Promise.all(list.map((url) => apiFetch<T>(url, { signal: controller.signal }))).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data, error: undefined });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((prev) => ({ status: 'error', data: prev.data, error }));
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
