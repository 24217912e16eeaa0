import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * Moves focus in the commit that changes the view, never a task later (no `setTimeout`): a key pressed in between, or a
 * screen reader asking "where am I", must not land on the page body. `focusInCommit(id)` asks for the element with that
 * id; the component's next commit in which it exists focuses it (a layout effect, before the browser paints).
 * Ask only when the view is about to change (a state update follows), so the request is never left for later.
 */
export function useFocusInCommit(): (id: string) => void {
  const wanted = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = wanted.current;
    if (id === null) return;
    const el = document.getElementById(id);
    if (!el) return;
    wanted.current = null;
    el.focus();
  });
  return useCallback((id: string) => {
    wanted.current = id;
  }, []);
}
