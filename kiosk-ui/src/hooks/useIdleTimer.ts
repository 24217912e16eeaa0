import { useCallback, useEffect, useRef, useState } from 'react';

export interface IdleState {
  /** The "do you need more time?" warning is showing. */
  warning: boolean;
  secondsLeft: number;
  /** "More time": hides the warning and starts counting again. */
  extend(): void;
}

/**
 * Returns to the start after inactivity, but warns first (WCAG 2.2.1): after `idleMs` without a touch or key the
 * warning shows for `warnMs`, then `onTimeout` runs. Any touch or key before the warning counts as activity.
 */
export function useIdleTimer(enabled: boolean, idleMs: number, warnMs: number, onTimeout: () => void): IdleState {
  const [warning, setWarning] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(Math.ceil(warnMs / 1000));
  const [restart, setRestart] = useState(0);
  const lastActivity = useRef(Date.now());
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;
  const warningRef = useRef(false);
  warningRef.current = warning;

  useEffect(() => {
    if (!enabled) {
      setWarning(false);
      return;
    }
    lastActivity.current = Date.now();
    const activity = () => {
      if (!warningRef.current) lastActivity.current = Date.now();
    };
    window.addEventListener('pointerdown', activity, true);
    window.addEventListener('keydown', activity, true);
    const tick = setInterval(() => {
      const idle = Date.now() - lastActivity.current;
      if (idle >= idleMs + warnMs) {
        setWarning(false);
        timeout.current();
      } else if (idle >= idleMs) {
        setWarning(true);
        setSecondsLeft(Math.max(0, Math.ceil((idleMs + warnMs - idle) / 1000)));
      }
    }, 250);
    return () => {
      clearInterval(tick);
      window.removeEventListener('pointerdown', activity, true);
      window.removeEventListener('keydown', activity, true);
    };
  }, [enabled, idleMs, warnMs, restart]);

  const extend = useCallback(() => {
    lastActivity.current = Date.now();
    setWarning(false);
    setRestart((n) => n + 1);
  }, []);

  return { warning: enabled && warning, secondsLeft, extend };
}
