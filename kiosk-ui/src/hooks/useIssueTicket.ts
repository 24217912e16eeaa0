import { useCallback, useMemo, useRef, useState } from 'react';
import type { ErrorBody, IssueTicketRequest, IssueTicketResponse, Language, Need } from '@vuoro/server/protocol';
import { credentialHeader } from './kioskCredential';
import { path } from '@vuoro/server/protocol/client';

export type IssueOutcome =
  | { ok: true; response: IssueTicketResponse }
  | { ok: false; code: string; network: boolean };

interface Pending {
  signature: string;
  key: string;
  promise: Promise<IssueOutcome> | null;
}

/** A random Idempotency-Key; crypto.getRandomValues also works on a kiosk served over plain http. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Takes a ticket. The same choice (service, language, needs) keeps the same Idempotency-Key until the visit ends,
 * and a request in flight is shared: a double tap, a repeated Enter or a retry never makes two tickets.
 */
export function useIssueTicket(kioskId: string | undefined) {
  const pending = useRef<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  const issue = useCallback(
    (serviceId: string, language: Language, needs: readonly Need[]): Promise<IssueOutcome> => {
      const signature = JSON.stringify([serviceId, language, [...needs].sort()]);
      if (pending.current?.signature !== signature) pending.current = { signature, key: newKey(), promise: null };
      const current = pending.current;
      if (current.promise) return current.promise;
      const body: IssueTicketRequest = { serviceId, language, needs: [...needs], ...(kioskId ? { kioskId } : {}) };
      setBusy(true);
      current.promise = post(body, current.key).finally(() => {
        setBusy(false);
        current.promise = null;
      });
      return current.promise;
    },
    [kioskId],
  );

  /** The visit is over: the next choice gets a new key. */
  const reset = useCallback(() => {
    pending.current = null;
  }, []);

  return useMemo(() => ({ issue, reset, busy }), [issue, reset, busy]);
}

async function post(body: IssueTicketRequest, key: string): Promise<IssueOutcome> {
  let res: Response;
  try {
    res = await fetch(path('issueTicket', {}), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, ...credentialHeader() },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, code: 'network', network: true };
  }
  if (res.ok) return { ok: true, response: (await res.json()) as IssueTicketResponse };
  let code = 'internal';
  try {
    code = ((await res.json()) as ErrorBody).error.code;
  } catch {
    // A proxy's HTML error page: keep the generic code.
  }
  return { ok: false, code, network: res.status >= 502 };
}
