import type { Store } from '../store/index.js';
import type { HallModel } from './hallModel.js';

/**
 * What every service needs: storage, the hall in force, the clock and randomness (injected, so tests control them).
 * Services only: routers, realtime and devices reach the store through named service methods, never this.
 * Events appended in a `store.transaction` are published to the event bus when it commits.
 */
export interface ServiceContext {
  store: Store;
  hall(): HallModel;
  now(): number;
  /**
   * A clock that never jumps (milliseconds from an arbitrary origin): lockouts, rate windows and timers use it, so a
   * wall-clock correction neither extends nor ends them.
   */
  monotonic(): number;
  /** A fresh unguessable token (base64url). */
  token(bytes: number): string;
}

/** The acting staff member, recorded with every event. */
export interface Actor {
  userId: number;
  name: string;
  role: 'staff' | 'supervisor' | 'admin';
  organisationId: string | null;
  /** The account's username, for the audit log. */
  username?: string;
  /** The client address of the request, for the audit log. */
  from?: string | null;
}
