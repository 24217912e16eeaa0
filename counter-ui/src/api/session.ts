import type { SessionView, UserView } from '@vuoro/server/protocol';
import { api } from './client.js';

const KEY = 'vuoro.counter.session';

export interface StoredSession {
  token: string;
  expiresAt: number;
  user: UserView;
}

/** The staff session lives in sessionStorage: it ends when the browser tab closes. */
export function loadSession(): StoredSession | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as StoredSession;
    if (typeof s.token !== 'string' || s.expiresAt <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export async function signIn(username: string, password: string): Promise<StoredSession> {
  const s = await api('signIn', null, { body: { username, password } });
  const stored: StoredSession = { token: s.token, expiresAt: s.expiresAt, user: s.user };
  sessionStorage.setItem(KEY, JSON.stringify(stored));
  return stored;
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

export async function signOut(token: string): Promise<void> {
  forgetSession();
  try {
    await api('signOut', token);
  } catch {
    // Signing out locally is enough when the server cannot be reached.
  }
}
