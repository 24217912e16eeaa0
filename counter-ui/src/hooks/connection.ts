import { createContext, useContext, useEffect, useRef } from 'react';

/** Whether the staff socket is connected; provided by StaffApp so every action can react to a reconnect. */
export const ConnectedContext = createContext(true);

/** Runs `onReconnect` when the connection comes back after it was lost. */
export function useOnReconnect(onReconnect: () => void): void {
  const connected = useContext(ConnectedContext);
  const was = useRef(connected);
  useEffect(() => {
    if (connected && !was.current) onReconnect();
    was.current = connected;
  }, [connected, onReconnect]);
}
