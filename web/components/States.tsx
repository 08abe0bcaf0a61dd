import type { ReactNode } from 'react';
import { Button, Card } from '@tremor/react';
import { errorMessage } from '../lib/api.js';

/** A quiet placeholder while data loads; announced to screen readers. */
export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex items-center gap-3 py-10 text-tremor-default text-tremor-content"
    >
      <span
        className="h-4 w-4 animate-spin rounded-full border-2 border-tremor-brand-muted border-t-tremor-brand"
        aria-hidden="true"
      />
      {label}
    </div>
  );
}

/** An API or network failure, with the server's message and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  title = 'Could not load this data',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-3 rounded-tremor-default border border-red-200 bg-red-50 p-4"
    >
      <div>
        <p className="text-tremor-default font-semibold text-red-800">{title}</p>
        <p className="mt-1 text-tremor-default text-red-700">{errorMessage(error)}</p>
      </div>
      {onRetry && (
        <Button size="xs" variant="secondary" color="red" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/** Nothing to show, said plainly: what would be here, and (optionally) what to do about it. */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 rounded-tremor-default border border-dashed border-tremor-border px-6 py-12 text-center">
      <p className="text-tremor-default font-semibold text-tremor-content-strong">{title}</p>
      {children && <div className="max-w-md text-tremor-default text-tremor-content">{children}</div>}
      {action}
    </div>
  );
}

/** A card holding an EmptyState, for pages whose data arrives in a later release. */
export function PlannedCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <EmptyState title={title}>{children}</EmptyState>
    </Card>
  );
}
