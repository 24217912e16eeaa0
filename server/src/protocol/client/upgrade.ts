/**
 * A screen and an upgraded server: the screen remembers the server version it was loaded from (`ServerVersion`, fed
 * by `screen:hello`'s answers) and, once the server reports another one, reloads at a quiet moment
 * (`reloadWhenQuiet`), so nobody loses a call on screen or a ticket half taken. Framework-free: each screen wraps
 * `reloadWhenQuiet` in a small React hook.
 */

/** How often a screen that waits to reload asks whether it is quiet. */
export const QUIET_CHECK_MS = 2_000;

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

/** Asks `isQuiet()` every QUIET_CHECK_MS and calls `reload()` the first time it says yes; returns the stop. */
export function reloadWhenQuiet(isQuiet: () => boolean, reload: () => void, checkMs = QUIET_CHECK_MS): () => void {
  const timer = setInterval(() => {
    if (!isQuiet()) return;
    clearInterval(timer);
    reload();
  }, checkMs);
  return () => clearInterval(timer);
}
