import type { ReactNode } from 'react';
import { Kbd } from './Kbd.js';

export interface QueueView {
  mode: 'risk' | 'random';
  seed: number | null;
  mine: boolean;
  unreviewed: boolean;
}

function Toggle({
  pressed,
  onClick,
  children,
}: {
  pressed: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={`inline-flex items-center gap-2 rounded-tremor-small border px-3 py-1.5 text-tremor-default font-medium transition-colors ${
        pressed
          ? 'border-tremor-brand-muted bg-tremor-brand-faint text-tremor-brand-emphasis'
          : 'border-tremor-border bg-tremor-background text-tremor-content-emphasis hover:bg-tremor-background-muted'
      }`}
    >
      <span
        aria-hidden="true"
        className={`h-2 w-2 rounded-full ${pressed ? 'bg-tremor-brand' : 'bg-tremor-content-subtle/50'}`}
      />
      {children}
    </button>
  );
}

function ModeButton({
  active,
  onClick,
  children,
}: {
  active: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      className={`rounded-[5px] px-3 py-1 text-tremor-default font-medium transition-colors ${
        active
          ? 'bg-tremor-background text-tremor-content-strong shadow-tremor-input'
          : 'text-tremor-content hover:text-tremor-content-emphasis'
      }`}
    >
      {children}
    </button>
  );
}

/** Order (risk or a reproducible random sample) and the two narrowing toggles. */
export function QueueControls({
  view,
  onChange,
  onNewSample,
}: {
  view: QueueView;
  onChange: (change: Partial<QueueView>) => void;
  onNewSample: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div
        className="flex rounded-tremor-small bg-tremor-background-subtle p-0.5"
        role="group"
        aria-label="Order"
      >
        <ModeButton active={view.mode === 'risk'} onClick={() => onChange({ mode: 'risk' })}>
          Riskiest first
        </ModeButton>
        <ModeButton active={view.mode === 'random'} onClick={() => onChange({ mode: 'random' })}>
          Random sample
        </ModeButton>
      </div>
      {view.mode === 'random' && view.seed !== null && (
        <span className="flex items-center gap-2 text-tremor-default text-tremor-content">
          <span title="The same sample number always gives the same sample; share the link to share it">
            Sample <span className="font-mono text-tremor-content-emphasis">#{view.seed}</span>
          </span>
          <button
            type="button"
            onClick={onNewSample}
            className="font-medium text-tremor-brand hover:text-tremor-brand-emphasis"
          >
            New sample
          </button>
        </span>
      )}
      <span className="mx-1 hidden h-6 w-px bg-tremor-border sm:block" aria-hidden="true" />
      <Toggle pressed={view.mine} onClick={() => onChange({ mine: !view.mine })}>
        Assigned to me
      </Toggle>
      <Toggle pressed={view.unreviewed} onClick={() => onChange({ unreviewed: !view.unreviewed })}>
        Unreviewed only
      </Toggle>
    </div>
  );
}

/** The shortcut help line under the queue. */
export function ShortcutHelp({ canFlag }: { canFlag: boolean }) {
  return (
    <p
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-tremor-label text-tremor-content"
      data-testid="shortcut-help"
    >
      <span className="flex items-center gap-1">
        <Kbd>j</Kbd>
        <Kbd>k</Kbd> or <Kbd>↓</Kbd>
        <Kbd>↑</Kbd> move
      </span>
      <span className="flex items-center gap-1">
        <Kbd>Enter</Kbd> open
      </span>
      {canFlag && (
        <span className="flex items-center gap-1">
          <Kbd>f</Kbd> flag, then <Kbd>1</Kbd>–<Kbd>6</Kbd> reason
        </span>
      )}
      <span className="flex items-center gap-1">
        <Kbd>Esc</Kbd> close
      </span>
    </p>
  );
}
