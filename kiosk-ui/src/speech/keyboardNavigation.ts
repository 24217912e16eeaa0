/** Moving between options with arrow keys, as on a kiosk keypad: the same order as Tab, inside an open dialog if any. */

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function focusableElements(): HTMLElement[] {
  const dialog = document.querySelector<HTMLElement>('dialog[open]');
  const scope: ParentNode = dialog ?? document;
  return Array.from(scope.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.hasAttribute('disabled') && el.getClientRects().length > 0 && !el.closest('[inert]'),
  );
}

/** Moves focus to the next (+1) or previous (-1) option; wraps around. */
export function moveFocus(direction: 1 | -1): HTMLElement | null {
  const items = focusableElements();
  if (items.length === 0) return null;
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const current = active ? items.indexOf(active) : -1;
  let next: number;
  if (current !== -1) next = (current + direction + items.length) % items.length;
  else {
    // Focus is on a heading or the page: go to the first option after it (or the last before it).
    const after = active ? items.findIndex((el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) : -1;
    if (direction === 1) next = after === -1 ? 0 : after;
    else next = after <= 0 ? items.length - 1 : after - 1;
  }
  const el = items[next] ?? null;
  el?.focus();
  return el;
}

export const KEYS = {
  /** Starts speech mode; in speech mode repeats the screen. The keypad's star key, F1 (Help) or "h". */
  help: new Set(['*', 'Multiply', 'F1', 'h', 'H']),
  repeat: new Set(['r', 'R']),
  next: new Set(['ArrowDown', 'ArrowRight']),
  previous: new Set(['ArrowUp', 'ArrowLeft']),
  louder: new Set(['+', 'Add', 'AudioVolumeUp']),
  quieter: new Set(['-', 'Subtract', 'AudioVolumeDown']),
  stop: new Set(['Escape']),
} as const;
