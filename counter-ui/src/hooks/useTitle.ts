import { useEffect, useState } from 'react';

/** Each screen sets its own document title. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Vuoro`;
  }, [title]);
}

/** The server's clock, re-read every 15 seconds so waited times stay current. */
export function useNow(clockOffset: number): number {
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    setNow(Date.now() + clockOffset);
    const id = window.setInterval(() => setNow(Date.now() + clockOffset), 15_000);
    return () => window.clearInterval(id);
  }, [clockOffset]);
  return now;
}
