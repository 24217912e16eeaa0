import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';

/** One push message as the push service received it: checked (VAPID) and decrypted (RFC 8291) like a browser would. */
export interface PushDelivery {
  headers: IncomingHttpHeaders;
  /** The VAPID JWT verified against the key the request names (`k=`), with its claims. */
  vapid: { valid: boolean; publicKey: string; claims: { aud?: string; exp?: number; sub?: string } };
  /** The decrypted payload (JSON text), or the error that stopped decryption. */
  payload: string | null;
  error: string | null;
  answered: number;
}

const b64u = (b: Buffer) => b.toString('base64url');

/** Checks an ES256 JWT signed by the VAPID key `k` (an uncompressed P-256 point, base64url). */
function verifyVapid(header: string | undefined): PushDelivery['vapid'] {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m || !m[1] || !m[2]) return { valid: false, publicKey: '', claims: {} };
  const [h, p, s] = m[1].split('.');
  const point = Buffer.from(m[2], 'base64url');
  if (!h || !p || !s || point.length !== 65 || point[0] !== 4) return { valid: false, publicKey: m[2], claims: {} };
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) }, format: 'jwk' });
  const head = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string; typ?: string };
  const ok = head.alg === 'ES256' && verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  return { valid: ok, publicKey: m[2], claims: JSON.parse(Buffer.from(p, 'base64url').toString()) as PushDelivery['vapid']['claims'] };
}

/**
 * A local push service with one browser subscribed: it verifies each request's VAPID JWT, decrypts the aes128gcm
 * payload with the subscription's private key and auth secret, and answers `behave(n)` (default 201).
 */
export async function startPushService(behave: (n: number) => number = () => 201) {
  const browser = createECDH('prime256v1');
  browser.generateKeys();
  const auth = randomBytes(16);
  const deliveries: PushDelivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let payload: string | null = null;
      let error: string | null = null;
      try {
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`content-encoding ${String(req.headers['content-encoding'])}`);
        payload = decrypt(body, { version: 'aes128gcm', privateKey: browser, authSecret: auth }).toString('utf8');
      } catch (err) {
        error = (err as Error).message;
      }
      const answered = behave(deliveries.length);
      deliveries.push({ headers: req.headers, vapid: verifyVapid(req.headers.authorization), payload, error, answered });
      res.writeHead(answered);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    deliveries,
    /** What the browser's PushSubscription.toJSON() would give. */
    subscription: { endpoint: `${origin}/push/${b64u(randomBytes(8))}`, expirationTime: null, keys: { p256dh: b64u(browser.getPublicKey()), auth: b64u(auth) } },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
