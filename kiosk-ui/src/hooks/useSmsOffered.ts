import { useEffect, useState } from 'react';
import type { NotifyOptionsView } from '@vuoro/server/protocol';
import { credentialHeader } from './kioskCredential';

/** Whether the hall sends text messages for this ticket (asked once per ticket). */
export function useSmsOffered(token: string | null): boolean {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    setOffered(false);
    if (token === null) return;
    let live = true;
    fetch(`/api/v1/tickets/status/${encodeURIComponent(token)}/notify`, { headers: credentialHeader() })
      .then((r) => (r.ok ? (r.json() as Promise<NotifyOptionsView>) : null))
      .then((o) => {
        if (live) setOffered(o !== null && o.open && o.channels.sms);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [token]);
  return offered;
}
