/**
 * A kiosk's credential: an API key with the tickets:issue scope that an admin creates for it. The kiosk is enrolled by
 * opening its address once with `#credential=vuoro_…`; the credential is kept in this browser's storage and the
 * address bar is cleaned, so it is neither bookmarked nor shown. Without one, the kiosk still issues tickets at the
 * server's anonymous rate per address.
 */
const STORAGE_KEY = 'vuoro.kioskCredential';
const PREFIX = 'vuoro_';

export function enrolFromAddress(): void {
  const m = /(?:^#|&)credential=([\w-]+)/.exec(window.location.hash);
  const secret = m?.[1];
  if (!secret?.startsWith(PREFIX)) return;
  try {
    window.localStorage.setItem(STORAGE_KEY, secret);
  } catch {
    return; // storage refused (private mode): the kiosk works at the anonymous rate
  }
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** The Authorization header of an enrolled kiosk; empty when it has no credential. */
export function credentialHeader(): Record<string, string> {
  let secret: string | null = null;
  try {
    secret = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    secret = null;
  }
  return secret?.startsWith(PREFIX) ? { authorization: `Bearer ${secret}` } : {};
}
