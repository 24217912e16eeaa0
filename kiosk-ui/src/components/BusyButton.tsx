import type { ButtonHTMLAttributes, MouseEvent } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-disabled'> & {
  /** Its request is running: the button does nothing, but stays focusable. */
  busy: boolean;
};

/**
 * A button whose action may be running. Busy is `aria-disabled`, not `disabled`: a focused button that becomes
 * disabled loses focus to the page body at the next frame, so a slow request would leave a keyboard or screen-reader
 * user nowhere (and a failed one would leave them there). While busy its click is cancelled and not passed on: a
 * click, Enter or Space does nothing, and for a submit button neither does Enter in a field of its form (which clicks
 * it). `disabled` stays for a button that cannot do anything at all. It is also `aria-busy` while busy, which the
 * style sheets draw as a turning ring and a progress cursor. (The counter has its own copy: the apps share no
 * UI code.)
 */
export function BusyButton({ busy, onClick, type = 'button', ...rest }: Props) {
  const click = (e: MouseEvent<HTMLButtonElement>) => {
    if (busy) e.preventDefault();
    else onClick?.(e);
  };
  return <button type={type} {...rest} aria-disabled={busy || undefined} aria-busy={busy || undefined} onClick={click} />;
}
