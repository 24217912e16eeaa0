import { useEffect, useState } from 'react';

export type Route = 'counter' | 'supervisor';

function read(): Route {
  return window.location.hash === '#/supervisor' ? 'supervisor' : 'counter';
}

/** Two screens, addressable by URL hash so a supervisor can bookmark /counter/#/supervisor. */
export function useHashRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = (r: Route) => {
    window.location.hash = r === 'supervisor' ? '#/supervisor' : '#/';
    setRoute(r);
  };
  return [route, go];
}
