import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { DialogLiveRegion } from './LiveAnnouncer.js';

interface ModalProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  id: string;
  /** 'title': focus the heading (a dialog to read, opened at its top); otherwise the first control. */
  initialFocus?: 'title' | 'control';
}

/**
 * A native modal <dialog>: the page behind is inert, Escape closes, focus returns to where it was. What the status line
 * says while it is open is spoken from inside it (the status line is behind it). It opens and closes
 * in the commit that renders it so (layout effects): focus is never on nothing in between, and a parent's layout effect
 * in the same commit already finds the page behind usable again.
 */
export function Modal({ open, title, onClose, children, id, initialFocus = 'control' }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current = document.activeElement;
      d.showModal();
      d.scrollTop = 0;
      const first =
        initialFocus === 'title'
          ? d.querySelector<HTMLElement>(`#${id}-title`)
          : d.querySelector<HTMLElement>('[data-autofocus], input:checked, input, select, textarea, button');
      first?.focus({ preventScroll: initialFocus === 'title' });
    } else if (!open && d.open) {
      d.close();
    }
  }, [open, id, initialFocus]);
  useEffect(() => {
    const d = ref.current;
    if (!d) return undefined;
    const onCancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    d.addEventListener('cancel', onCancel);
    return () => d.removeEventListener('cancel', onCancel);
  }, [onClose]);
  useLayoutEffect(() => {
    if (open) return;
    const target = returnTo.current;
    if (target instanceof HTMLElement && document.contains(target) && document.activeElement === document.body) target.focus();
  }, [open]);
  return (
    <dialog ref={ref} className="modal" aria-labelledby={`${id}-title`} id={id}>
      {open ? (
        <>
          <h2 id={`${id}-title`} tabIndex={-1}>
            {title}
          </h2>
          {children}
          <DialogLiveRegion />
        </>
      ) : null}
    </dialog>
  );
}
