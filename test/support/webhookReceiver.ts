import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  type: string;
  body: { id: string; type: string; timestamp: string; data: Record<string, unknown> };
  /** The signature matched the subscription's secret. */
  valid: boolean;
  /** What the receiver answered. */
  answered: number | 'hung';
}

/**
 * A real HTTP webhook receiver that checks Standard Webhooks signatures the way an integrator would (own HMAC code,
 * not Vuoro's). `behave` decides each answer: a status, or 'hang' (never answers).
 */
export async function startReceiver(behave: (n: number, id: string) => number | 'hang' = () => 200): Promise<{
  url: string;
  received: Received[];
  /** Ids answered with 2xx, in arrival order. */
  accepted(): string[];
  setSecret(secret: string): void;
  close(): Promise<void>;
}> {
  let secret = '';
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id'] ?? '');
      const ts = String(req.headers['webhook-timestamp'] ?? '');
      const sig = String(req.headers['webhook-signature'] ?? '');
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      const expected = `v1,${createHmac('sha256', key).update(`${id}.${ts}.${raw}`).digest('base64')}`;
      const valid =
        Math.abs(Date.now() / 1000 - Number(ts)) < 300 &&
        sig.split(' ').some((s) => s.length === expected.length && timingSafeEqual(Buffer.from(s), Buffer.from(expected)));
      const body = JSON.parse(raw) as Received['body'];
      const answer = behave(received.length, id);
      received.push({ id, type: body.type, body, valid, answered: answer === 'hang' ? 'hung' : answer });
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    accepted: () => received.filter((r) => typeof r.answered === 'number' && r.answered < 300).map((r) => r.id),
    setSecret: (s) => {
      secret = s;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `check` until it is true, failing with `what` after `ms`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
