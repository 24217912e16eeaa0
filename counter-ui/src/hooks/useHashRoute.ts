import { useEffect, useState } from 'react';

export type Route = 'counter' | 'supervisor' | 'statistics' | 'admin' | 'knowledge' | 'appointments';

const HASHES: Record<Route, string> = { counter: '#/', supervisor: '#/supervisor', statistics: '#/statistics', admin: '#/admin', knowledge: '#/knowledge', appointments: '#/appointments' };

function read(): Route {
  const found = (Object.keys(HASHES) as Route[]).find((r) => r !== 'counter' && HASHES[r] === window.location.hash);
  return found ?? 'counter';
}

export function hashOf(r: Route): string {
  return HASHES[r];
}

/** The screens, addressable by URL hash so a supervisor can bookmark /counter/#/statistics. */
export function useHashRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    // In-page anchors (the skip link's #main) are not routes: only "#/…" changes the screen.
    const on = () => {
      if (window.location.hash === '' || window.location.hash.startsWith('#/')) setRoute(read());
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = (r: Route) => {
    window.location.hash = HASHES[r];
    setRoute(r);
  };
  return [route, go];
}
