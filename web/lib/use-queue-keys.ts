import { useEffect, useRef } from 'react';

/** True when a key press belongs to a field the user is typing in, so shortcuts must stay out of it. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  // Tremor's selects and comboboxes are buttons with a listbox; their own keys win.
  return target.getAttribute('role') === 'combobox' || target.closest('[role="listbox"]') !== null;
}

/** Buttons and links keep Enter for themselves: it means "press this", not "open the row". */
const ownsEnter = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('button, a, input, [role="button"]') !== null;

export interface QueueKeyActions {
  count: number;
  active: number;
  setActive: (index: number) => void;
  onOpen: (index: number) => void;
  /** Absent when the user's role cannot flag: `f` then does nothing. */
  onFlag?: (index: number) => void;
  /** False while a dialog owns the keyboard. */
  enabled: boolean;
}

/**
 * The review queue's shortcuts: j / ArrowDown and k / ArrowUp move the selection, Enter opens
 * the selected conversation, f flags it. Nothing fires while typing in a field or with a
 * modifier held (so the browser's own shortcuts keep working).
 */
export function useQueueKeys(actions: QueueKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const { count, active, setActive, onOpen, onFlag, enabled } = latest.current;
      if (!enabled || count === 0 || event.defaultPrevented) return;
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const key = event.key;
      if (key === 'j' || key === 'ArrowDown') {
        setActive(Math.min(count - 1, active + 1));
      } else if (key === 'k' || key === 'ArrowUp') {
        setActive(Math.max(0, active - 1));
      } else if (key === 'Enter' && active >= 0 && !ownsEnter(event.target)) {
        onOpen(active);
      } else if (key === 'f' && onFlag) {
        const index = Math.max(0, active);
        if (active < 0) setActive(index);
        onFlag(index);
      } else {
        return;
      }
      event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
