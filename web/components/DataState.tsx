import type { ReactNode } from 'react';
import type { ApiState } from '../lib/use-api.js';
import { ErrorState, LoadingState } from './States.js';

/**
 * Loading, error, or the data: the one way a panel waits for the API. While a newer request
 * loads, the previous data stays on screen (dimmed), so changing a filter does not flash.
 */
export function DataState<T>({
  state,
  children,
  label = 'Loading…',
}: {
  state: ApiState<T> & { reload: () => void };
  children: (data: T) => ReactNode;
  label?: string;
}) {
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <LoadingState label={label} />;
  return (
    <div
      className={state.status === 'loading' ? 'opacity-60 transition-opacity' : 'transition-opacity'}
      aria-busy={state.status === 'loading'}
    >
      {children(state.data)}
    </div>
  );
}
