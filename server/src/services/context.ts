import type { Store } from '../store/index.js';
import type { ChangeBus } from './changeBus.js';
import type { HallModel } from './hallModel.js';

/** What every service needs: storage, the hall in force, the clock and randomness (injected, so tests control them). */
export interface ServiceContext {
  store: Store;
  hall(): HallModel;
  now(): number;
  /** A fresh unguessable token (base64url). */
  token(bytes: number): string;
  bus: ChangeBus;
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
