import { forwardRef, useEffect, useLayoutEffect, useRef, useState, type ButtonHTMLAttributes, type MouseEvent } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-disabled' | 'aria-busy'> & {
  /** A request is running (this button's, or another of the screen's): the button does nothing, but stays focusable. */
  busy: boolean;
  /**
   * The action is not possible in the present state, which can change while the button has focus (a call answered,
   * the visitor gone): the button does nothing but stays focusable, and a click says why (`onUnavailableClick`).
   */
  unavailable?: boolean;
  onUnavailableClick?(): void;
};

/**
 * What pressing a button that may be busy or unavailable does, however it is pressed (a click, Enter, Space, or a
 * keyboard shortcut for the same action): nothing while its request runs; when the action is not possible now,
 * `explain` says why; otherwise the action.
 */
export function press(state: { busy: boolean; unavailable: boolean }, action: () => void, explain?: () => void): void {
  if (state.busy) return;
  if (state.unavailable) explain?.();
  else action();
}

/**
 * A button whose action may be running or not possible now. Both are `aria-disabled`, not `disabled`: a focused button
 * that becomes disabled loses focus to the page body at the next frame, so a slow request, or a change of state that
 * makes the action impossible, would leave a keyboard or screen-reader user nowhere. While busy or unavailable its
 * click is cancelled and not passed on: a click, Enter or Space does nothing (an unavailable one explains itself), and
 * for a submit button neither does Enter in a field of its form (which clicks it). `disabled` stays for a button that
 * cannot do anything at all and never holds focus when that changes (nothing selected, the form incomplete).
 *
 * The button whose press started the running request is also `aria-busy`, which the style sheet draws as a turning
 * ring and a progress cursor, unlike the faded look of an unavailable one. Several buttons often share one request
 * runner (the action bar, the queue's rows): only the pressed one turns its ring, the others just wait. A press that
 * starts no request in the same task (one that opens a dialog) leaves the button as it was.
 */
export const BusyButton = forwardRef<HTMLButtonElement, Props>(function BusyButton(
  { busy, unavailable = false, onUnavailableClick, onClick, type = 'button', ...rest },
  ref,
) {
  const [pressed, setPressed] = useState(false);
  const busyNow = useRef(busy);
  useLayoutEffect(() => {
    busyNow.current = busy;
    if (!busy) setPressed(false);
  }, [busy]);
  // A press whose request has not started by the next task started none (a submit button's request starts in the
  // form's submit event, after its click, in the same task).
  useEffect(() => {
    if (!pressed) return;
    const check = setTimeout(() => {
      if (!busyNow.current) setPressed(false);
    }, 0);
    return () => clearTimeout(check);
  }, [pressed]);
  const click = (e: MouseEvent<HTMLButtonElement>) => {
    if (busy || unavailable) e.preventDefault();
    press(
      { busy, unavailable },
      () => {
        setPressed(true);
        onClick?.(e);
      },
      onUnavailableClick,
    );
  };
  return <button ref={ref} type={type} {...rest} aria-disabled={busy || unavailable || undefined} aria-busy={(busy && pressed) || undefined} onClick={click} />;
});
