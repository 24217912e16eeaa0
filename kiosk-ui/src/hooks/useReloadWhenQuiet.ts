import { useEffect, useRef } from 'react';

const CHECK_MS = 2_000;

/**
 * The server was upgraded (it answers `screen:hello` with another version than the one this page was loaded from):
 * reload the page, but only at a quiet moment, so nobody loses a call on screen or a ticket half taken.
 */
export function useReloadWhenQuiet(newVersion: boolean, isQuiet: () => boolean, reload: () => void = () => window.location.reload()): void {
  const latest = useRef({ isQuiet, reload });
  latest.current = { isQuiet, reload };
  useEffect(() => {
    if (!newVersion) return;
    const timer = setInterval(() => {
      if (latest.current.isQuiet()) latest.current.reload();
    }, CHECK_MS);
    return () => clearInterval(timer);
  }, [newVersion]);
}

/** Remembers the server version the page was loaded from; a different one later means an upgrade. */
export class ServerVersion {
  private loaded: string | null = null;
  changed = false;

  get version(): string | null {
    return this.loaded;
  }

  /** Records the version a (re)connection reported; true when it differs from the first one seen. */
  seen(version: string): boolean {
    if (this.loaded === null) this.loaded = version;
    else if (version !== this.loaded) this.changed = true;
    return this.changed;
  }
}
