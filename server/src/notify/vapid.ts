import webPush from 'web-push';
import { z } from 'zod';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const Stored = z.object({ publicKey: z.string().min(80), privateKey: z.string().min(40) });

/** Where the keys live: the hall's key–value state in the database (so a backup keeps them with the subscriptions). */
export interface VapidStore {
  get(): string | undefined;
  set(value: string): void;
}

/**
 * The server's VAPID key pair: generated on the first start and stored; browsers' push subscriptions are bound to
 * its public key, so it must never change while they are in use.
 */
export function vapidKeys(store: VapidStore): VapidKeys {
  const raw = store.get();
  if (raw !== undefined) {
    const parsed = Stored.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  }
  const keys = webPush.generateVAPIDKeys();
  store.set(JSON.stringify({ publicKey: keys.publicKey, privateKey: keys.privateKey }));
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}
