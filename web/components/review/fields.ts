/** Compact native form controls for the review panel (native selects are keyboard- and test-friendly). */
export const FIELD =
  'h-8 rounded-tremor-small border border-tremor-border bg-tremor-background px-2 text-tremor-default text-tremor-content-strong outline-none focus:border-tremor-brand-subtle focus:ring-2 focus:ring-tremor-brand-muted';

export const LABEL = 'text-tremor-label font-medium text-tremor-content';
