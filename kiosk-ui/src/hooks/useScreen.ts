import { useEffect, useRef } from 'react';

/** Each screen names itself in the tab title and moves focus to its heading, so a screen reader starts there. */
export function useScreen<T extends HTMLElement>(title: string, focusKey: string = title) {
  const heading = useRef<T>(null);
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
  }, [focusKey]);
  return heading;
}
