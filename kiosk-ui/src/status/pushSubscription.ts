/** Whether this browser can take Web Push here: it needs a secure page (https or localhost), a service worker and PushManager. */
export function pushSupport(): 'supported' | 'insecure' | 'unsupported' {
  if (!window.isSecureContext) return 'insecure';
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
  return 'supported';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * The registration once its worker is active (push needs one). Not `navigator.serviceWorker.ready`: that waits for a
 * worker controlling this page, and /t/… is outside the worker's scope (/kiosk/).
 */
async function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorkerRegistration> {
  const worker = registration.installing ?? registration.waiting;
  if (registration.active || !worker) return registration;
  await new Promise<void>((resolve) => {
    const check = () => {
      if (worker.state === 'activated' || worker.state === 'redundant') resolve();
    };
    worker.addEventListener('statechange', check);
    check();
  });
  return registration;
}

export type PushResult = { ok: true; subscription: PushSubscriptionJSON } | { ok: false; reason: 'denied' | 'failed' };

/**
 * Asks for permission, registers the status page's service worker (/kiosk/status-sw.js, which shows the messages)
 * and subscribes with the server's VAPID public key.
 */
export async function subscribePush(publicKey: string): Promise<PushResult> {
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return { ok: false, reason: 'denied' };
    const registration = await activated(await navigator.serviceWorker.register('/kiosk/status-sw.js', { scope: '/kiosk/' }));
    const existing = await registration.pushManager.getSubscription();
    const subscription = existing ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
    return { ok: true, subscription: subscription.toJSON() };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}
