import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, NotifyOptionsView, OutboxMessageView } from '../../server/src/protocol/index.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { startPushService } from '../support/pushService.js';
import { waitFor } from '../support/webhookReceiver.js';

interface Payload {
  title: string;
  body: string;
  url: string | null;
  tag: string;
}

describe('Web Push: VAPID keys of the server, messages a push service can verify and a browser can decrypt', () => {
  let push: Awaited<ReturnType<typeof startPushService>>;
  let server: TestServer;
  let staff: string;

  beforeAll(async () => {
    push = await startPushService();
    const hall = demoHall();
    hall.hall.publicUrl = 'https://queue.example.org';
    hall.notifications = { push: { allowedEndpoints: [`${push.origin}/push/`], contact: 'mailto:it@example.org' } };
    server = await startServer({ hall, notifications: { retryBaseMs: 40, retryMaxMs: 200, pollMs: 50 } });
    staff = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: staff, body: {} })).status).toBe(200);
  });
  afterAll(async () => {
    await server.dispose();
    await push.close();
  });

  it('the key pair is made on the first start and kept across restarts', async () => {
    const t = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } })).body.ticket;
    const first = (await server.api<NotifyOptionsView>('GET', `/api/v1/tickets/status/${t.statusToken}/notify`)).body.channels.push;
    expect(first).toMatchObject({ available: true, reason: null });
    expect(Buffer.from(first.publicKey ?? '', 'base64url')).toHaveLength(65);
    server = await server.restart();
    await new Promise((r) => setTimeout(r, 100));
    staff = await server.login('county-staff');
    const again = (await server.api<NotifyOptionsView>('GET', `/api/v1/tickets/status/${t.statusToken}/notify`)).body.channels.push;
    expect(again.publicKey).toBe(first.publicKey);
    expect((await server.api('POST', '/api/v1/counters/4/next', { token: staff })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/start', { token: staff })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/finish', { token: staff, body: {} })).status).toBe(200);
  });

  it('"when I am next" and "when called" arrive as signed, encrypted pushes in the visitor\'s language', async () => {
    const issue = async () => (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles', language: 'de' } })).body.ticket;
    const first = await issue();
    const second = await issue();
    const opt = await server.api<NotifyOptionsView>('PUT', `/api/v1/tickets/status/${second.statusToken}/notify`, {
      body: { channel: 'push', subscription: push.subscription, ahead: 0, onCall: true },
    });
    expect(opt.status).toBe(200);
    expect(opt.body.contacts).toEqual([{ channel: 'push', masked: `push via ${new URL(push.origin).host}`, ahead: 0, onCall: true }]);
    const publicKey = opt.body.channels.push.publicKey;
    expect((await server.api('POST', '/api/v1/counters/4/next', { token: staff })).status).toBe(200);
    await waitFor('the "you are next" push', () => push.deliveries.length === 1);
    expect((await server.api('POST', '/api/v1/counters/4/start', { token: staff })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/finish', { token: staff, body: {} })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/next', { token: staff })).status).toBe(200);
    await waitFor('the "called" push', () => push.deliveries.length === 2);
    for (const d of push.deliveries) {
      expect(d.error).toBeNull();
      expect(d.vapid.valid).toBe(true);
      expect(d.vapid.publicKey).toBe(publicKey);
      expect(d.vapid.claims.aud).toBe(push.origin);
      expect(d.vapid.claims.sub).toBe('mailto:it@example.org');
      expect(d.vapid.claims.exp ?? 0).toBeGreaterThan(Date.now() / 1000);
      expect(d.vapid.claims.exp ?? 0).toBeLessThanOrEqual(Date.now() / 1000 + 24 * 3600);
      expect(Number(d.headers.ttl)).toBeGreaterThan(0);
      expect(d.headers.urgency).toBe('high');
    }
    const [next, called] = push.deliveries.map((d) => JSON.parse(d.payload ?? '{}') as Payload);
    expect(next).toMatchObject({ tag: 'vuoro-ahead', url: `https://queue.example.org/t/${second.statusToken}` });
    expect(next?.body).toBe(`Nummer ${second.number} (Fahrzeugzulassung): Sie sind als Nächstes dran. Bitte kommen Sie in den Wartebereich zurück.`);
    expect(called).toMatchObject({ tag: 'vuoro-call', body: `Nummer ${second.number}: Bitte gehen Sie jetzt zu Schalter 4.` });
    expect(first.number).not.toBe(second.number);
    expect((await server.api('POST', '/api/v1/counters/4/start', { token: staff })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/finish', { token: staff, body: {} })).status).toBe(200);
  });

  it('a subscription the push service says is gone (410) fails at once, without retries', async () => {
    const gone = await startPushService(() => 410);
    const hall = demoHall();
    hall.hall.publicUrl = 'https://queue.example.org';
    hall.notifications = { push: { allowedEndpoints: [`${gone.origin}/push/`] } };
    const other = await startServer({ hall, notifications: { retryBaseMs: 40, pollMs: 50 } });
    try {
      const t = (await other.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } })).body.ticket;
      expect(
        (await other.api('PUT', `/api/v1/tickets/status/${t.statusToken}/notify`, { body: { channel: 'push', subscription: gone.subscription, onCall: true } })).status,
      ).toBe(200);
      const s = await other.login('county-staff');
      expect((await other.api('POST', '/api/v1/counters/4/open', { token: s, body: {} })).status).toBe(200);
      expect((await other.api('POST', '/api/v1/counters/4/next', { token: s })).status).toBe(200);
      const sup = await other.login('county-supervisor');
      await waitFor('the failed push', async () => (await other.api<OutboxMessageView[]>('GET', '/api/v1/notifications?status=failed', { token: sup })).body.length === 1);
      const [failed] = (await other.api<OutboxMessageView[]>('GET', '/api/v1/notifications?status=failed', { token: sup })).body;
      expect(failed).toMatchObject({ channel: 'push', attempts: 1 });
      expect(failed?.lastError).toMatch(/subscription ended/);
      expect(gone.deliveries).toHaveLength(1);
      expect(gone.deliveries[0]?.vapid.claims.sub).toBe('https://queue.example.org');
    } finally {
      await other.dispose();
      await gone.close();
    }
  });
});
