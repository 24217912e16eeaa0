import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

interface Announcer {
  announce(text: string): void;
}

const AnnouncerContext = createContext<Announcer>({ announce: () => undefined });

/**
 * One polite live region, present from the first render. It is also visible as the status line, so sighted staff read
 * the same sentence a screen reader speaks. Repeating the same text clears the region first so it is spoken again.
 */
export function LiveAnnouncerProvider({ children }: { children: ReactNode }) {
  const [text, setText] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback((next: string) => {
    window.clearTimeout(timer.current);
    setText('');
    timer.current = window.setTimeout(() => setText(next), 50);
  }, []);
  const value = useMemo(() => ({ announce }), [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="status-line" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
        {text}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnouncer(): Announcer {
  return useContext(AnnouncerContext);
}
