import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

interface Announcer {
  announce(text: string): void;
}

const AnnouncerContext = createContext<Announcer>({ announce: () => undefined });
/** The sentence the live region holds now, for the copy an open dialog carries (`DialogLiveRegion`). */
const SpokenContext = createContext('');

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
      <SpokenContext.Provider value={text}>
        {children}
        <div className="status-line" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
          {text}
        </div>
      </SpokenContext.Provider>
    </AnnouncerContext.Provider>
  );
}

export function useAnnouncer(): Announcer {
  return useContext(AnnouncerContext);
}

/**
 * The live region's copy inside an open modal dialog. Everything behind a modal dialog, the status line included, is
 * hidden from assistive technology, so an answer that comes while a dialog is open (a call made before the help was
 * opened) would never be spoken. This region, mounted with the dialog's content, says each sentence announced after
 * the dialog opened (not the one the status line already held); sighted staff still read it on the status line.
 */
export function DialogLiveRegion() {
  const text = useContext(SpokenContext);
  const [atOpen] = useState(text);
  const [changed, setChanged] = useState(false);
  if (!changed && text !== atOpen) setChanged(true);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {changed ? text : ''}
    </div>
  );
}
