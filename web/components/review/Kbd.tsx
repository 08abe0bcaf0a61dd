import type { ReactNode } from 'react';

/** A key cap, for shortcut hints. */
export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="inline-flex min-w-[1.35rem] items-center justify-center rounded border border-tremor-border bg-tremor-background-muted px-1 py-px font-mono text-[11px] font-medium leading-4 text-tremor-content-emphasis shadow-[0_1px_0_rgba(0,0,0,0.06)]">
      {children}
    </kbd>
  );
}
