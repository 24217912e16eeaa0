import { useCallback, useRef, useState } from 'react';
import { ApiFailure } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { playSound } from './sounds.js';
import { useOnReconnect } from './connection.js';

export interface ActionRunner {
  busy: boolean;
  error: string | null;
  failure: ApiFailure | null;
  clearError(): void;
  /** Runs one request; on failure shows its message and resolves undefined. An expired session signs out. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
}

export function useAction(onExpired: () => void): ActionRunner {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setBusy(true);
      setFailure(null);
      try {
        return await fn();
      } catch (err) {
        const f = err instanceof ApiFailure ? err : new ApiFailure(0, 'internal', t('error.unknown'));
        if (f.code === 'unauthorized') {
          onExpired();
          return undefined;
        }
        playSound('failure');
        setFailure(f);
        return undefined;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [onExpired, t],
  );

  // "The server cannot be reached" is about a moment that has passed once the connection is back.
  useOnReconnect(useCallback(() => setFailure((f) => (f?.code === 'network' ? null : f)), []));

  const error = failure ? (failure.code === 'network' ? t('error.network') : failure.message) : null;
  return { busy, error, failure, clearError: useCallback(() => setFailure(null), []), run };
}
