import { useEffect, useRef } from 'react';
import { reloadWhenQuiet } from '@vuoro/server/protocol/client';

/**
 * The server was upgraded (it answers `screen:hello` with another version than the one this page was loaded from):
 * reload the page at a quiet moment. The rule and the version memory (`ServerVersion`) are shared by the screens in
 * `@vuoro/server/protocol/client` (upgrade.ts); this hook only ties them to React, which the protocol does not load.
 */
export function useReloadWhenQuiet(newVersion: boolean, isQuiet: () => boolean, reload: () => void = () => window.location.reload()): void {
  const latest = useRef({ isQuiet, reload });
  latest.current = { isQuiet, reload };
  useEffect(() => {
    if (!newVersion) return;
    return reloadWhenQuiet(
      () => latest.current.isQuiet(),
      () => latest.current.reload(),
    );
  }, [newVersion]);
}
