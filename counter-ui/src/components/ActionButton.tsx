import { forwardRef, type ReactNode } from 'react';

interface Props {
  id: string;
  shortcut: string;
  onClick(): void;
  disabled?: boolean;
  variant?: 'primary' | 'secondary' | 'warning';
  children: ReactNode;
}

/** A button that shows its keyboard shortcut and declares it to assistive technology. */
export const ActionButton = forwardRef<HTMLButtonElement, Props>(function ActionButton(
  { id, shortcut, onClick, disabled = false, variant = 'secondary', children },
  ref,
) {
  return (
    <button
      ref={ref}
      id={id}
      type="button"
      className={`button action button--${variant}`}
      onClick={onClick}
      disabled={disabled}
      aria-keyshortcuts={shortcut === '?' ? 'Shift+?' : shortcut.toUpperCase()}
    >
      <span>{children}</span> <kbd aria-hidden="true">{shortcut.toUpperCase()}</kbd>
    </button>
  );
});
