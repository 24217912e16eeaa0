import { useEffect, useState } from 'react';
import type { NotifyOptionsView } from '@vuoro/server/protocol';
import { path } from '@vuoro/server/protocol/client';
import { credentialHeader } from './kioskCredential';

/** Which channels the kiosk may offer for this ticket: text messages and email (asked once per ticket). */
export function useKioskChannels(token: string | null): { sms: boolean; email: boolean } {
  const [offered, setOffered] = useState({ sms: false, email: false });
  useEffect(() => {
    setOffered({ sms: false, email: false });
    if (token === null) return;
    let live = true;
    fetch(path('visitorNotify', { token }), { headers: credentialHeader() })
      .then((r) => (r.ok ? (r.json() as Promise<NotifyOptionsView>) : null))
      .then((o) => {
        if (live) setOffered({ sms: o !== null && o.open && o.channels.sms, email: o !== null && o.open && o.channels.email });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [token]);
  return offered;
}
