import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreatedApiKey,
  ErrorBody,
  HallConfigInput,
  IssueTicketResponse,
  NotificationsStatusView,
  NotifyOptionsView,
  OutboxMessageView,
} from '../../server/src/protocol/index.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { startSmsGateway, startSmtp } from '../support/notifyGateways.js';
import { waitFor } from '../support/webhookReceiver.js';

const FAST = { retryBaseMs: 40, retryMaxMs: 200, pollMs: 50, timeoutMs: 2000 };

function hallWith(smtpPort: number, smsUrl: string): HallConfigInput {
  const hall = demoHall();
  hall.hall.publicUrl = 'https://queue.example.org';
  hall.notifications = {
    email: { host: '127.0.0.1', port: smtpPort, from: 'Service Centre <hall@example.org>' },
    sms: { url: smsUrl, token: 'gateway-secret', sender: 'Riverside', defaultCountryCode: '+358' },
  };
  return hall;
}

describe('visitors are told when it is their turn: a durable outbox, email over SMTP, SMS over HTTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let smsBehaviour: (n: number) => number = () => 200;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let server: TestServer;
  let staff: string;
  let supervisor: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    sms = await startSmsGateway((n) => smsBehaviour(n));
    server = await startServer({ hall: hallWith(smtp.port, sms.url), notifications: FAST });
    staff = await server.login('county-staff');
    supervisor = await server.login('county-supervisor');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: staff, body: {} })).status).toBe(200);
  });
  afterAll(async () => {
    await server.dispose();
    await smtp.close();
    await sms.close();
  });

  const issue = async (serviceId = 'vehicles', language = 'en'): Promise<IssueTicketResponse['ticket']> => {
    const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId, language } });
    expect(r.status).toBe(201);
    return r.body.ticket;
  };
  const optIn = (token: string, body: Record<string, unknown>) =>
    server.api<NotifyOptionsView & ErrorBody>('PUT', `/api/v1/tickets/status/${token}/notify`, { body });
  const next = async () => {
    const r = await server.api<{ number: string }>('POST', '/api/v1/counters/4/next', { token: staff });
    expect(r.status).toBe(200);
    return r.body.number;
  };
  const finish = async () => {
    expect((await server.api('POST', '/api/v1/counters/4/start', { token: staff })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/finish', { token: staff, body: {} })).status).toBe(200);
  };
  const outbox = async (query = '') => {
    const r = await server.api<OutboxMessageView[]>('GET', `/api/v1/notifications${query}`, { token: supervisor });
    expect(r.status).toBe(200);
    return r.body;
  };
  const contactsOf = (ticketId: number) =>
    server.app.store.db.prepare('SELECT count(*) AS n FROM notify_contacts WHERE ticket_id = ?').get(ticketId) as { n: number };

  it('an email "when called" arrives once, in the visitor\'s language, naming the counter; staff see only a masked address', async () => {
    const t = await issue('vehicles', 'en');
    const r = await optIn(t.statusToken, { channel: 'email', address: ' jane.doe@example.org ', onCall: true, language: 'fi' });
    expect(r.status).toBe(200);
    expect(r.body.contacts).toEqual([{ channel: 'email', masked: 'j•••@example.org', ahead: null, onCall: true }]);
    expect(r.body.channels).toMatchObject({ email: true, sms: true, push: { available: true, reason: null } });
    expect(await next()).toBe(t.number);
    await waitFor('the email', () => smtp.mails.length === 1);
    const mail = smtp.mails[0];
    expect(mail?.to).toEqual(['jane.doe@example.org']);
    expect(mail?.subject).toMatch(new RegExp(`: vuoronumero ${t.number}$`));
    expect(mail?.text).toContain(`Vuoronumero ${t.number}: mene nyt palvelupisteeseen 4.`);
    expect(mail?.text).toContain(`https://queue.example.org/t/${t.statusToken}`);
    expect(mail?.reference).toMatch(/^vuoro-\d+:called:\d+$/);
    await waitFor('the message marked sent', async () => (await outbox()).some((m) => m.ticketId === t.id && m.status === 'sent'));
    const list = await outbox();
    const mine = list.filter((m) => m.ticketId === t.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channel: 'email', kind: 'called', masked: 'j•••@example.org', number: t.number, attempts: 1 });
    expect(JSON.stringify(list)).not.toContain('jane.doe');
    // The city's supervisor does not see the county's visitors' messages.
    const city = await server.login('city-supervisor');
    const cityList = await server.api<OutboxMessageView[]>('GET', '/api/v1/notifications', { token: city });
    expect(cityList.status).toBe(200);
    expect(cityList.body.filter((m) => m.ticketId === t.id)).toEqual([]);
    // The visit ends: the address is deleted at once.
    await finish();
    await waitFor('the contact deleted', () => contactsOf(t.id).n === 0);
    const after = await server.api<NotifyOptionsView>('GET', `/api/v1/tickets/status/${t.statusToken}/notify`);
    expect(after.body.contacts).toEqual([]);
    expect(after.body.open).toBe(false);
    // Nothing more is sent for it.
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails).toHaveLength(1);
  });

  it('an SMS "when N ahead" through a gateway that fails twice: tried again, accepted once, never repeated', async () => {
    const before = sms.requests.length;
    smsBehaviour = (n) => (n - before < 2 ? 503 : 202);
    const first = await issue();
    const second = await issue();
    const third = await issue();
    const r = await optIn(third.statusToken, { channel: 'sms', address: '040 123 4567', ahead: 1 });
    expect(r.status).toBe(200);
    expect(r.body.contacts).toEqual([{ channel: 'sms', masked: '+358 ••• ••67', ahead: 1, onCall: false }]);
    await new Promise((res) => setTimeout(res, 150));
    expect(sms.requests.length).toBe(before);
    expect(await next()).toBe(first.number);
    await waitFor('the accepted SMS', () => sms.requests.some((q, i) => i >= before && q.answered === 202));
    await new Promise((res) => setTimeout(res, 300));
    const mine = sms.requests.slice(before);
    expect(mine.map((q) => q.answered)).toEqual([503, 503, 202]);
    expect(new Set(mine.map((q) => q.body.reference)).size).toBe(1);
    expect(mine[0]?.headers['idempotency-key']).toBe(mine[0]?.body.reference);
    expect(mine[0]?.headers.authorization).toBe('Bearer gateway-secret');
    expect(mine[0]?.body).toMatchObject({
      to: '+358401234567',
      from: 'Riverside',
      language: 'en',
      text: `Ticket ${third.number} (Vehicle registration): your turn is near, 1 ahead of you. Please come back to the waiting area.`,
    });
    const msg = (await outbox()).find((m) => m.ticketId === third.id);
    expect(msg).toMatchObject({ status: 'sent', attempts: 3, kind: 'ahead' });
    // Later calls do not repeat the "ahead" message.
    await finish();
    expect(await next()).toBe(second.number);
    await finish();
    expect(await next()).toBe(third.number);
    await finish();
    await new Promise((res) => setTimeout(res, 200));
    expect(sms.requests.length).toBe(before + 3);
    smsBehaviour = () => 200;
  });

  it('a restart in the middle of a retry sequence sends exactly once', async () => {
    let down = true;
    const before = sms.requests.length;
    smsBehaviour = () => (down ? 500 : 200);
    const t = await issue();
    expect((await optIn(t.statusToken, { channel: 'sms', address: '+358 50 765 4321', onCall: true })).status).toBe(200);
    expect(await next()).toBe(t.number);
    await waitFor('a first failed attempt', () => sms.requests.length > before);
    // As if the process died before it recorded how far it had read the event log: the call is read again.
    server.app.store.hall.setState('notify.mark', '0');
    await server.stop();
    const failedBeforeRestart = sms.requests.length - before;
    down = false;
    server = await server.restart();
    // Let the client notice that the old server closed its kept-alive connections.
    await new Promise((res) => setTimeout(res, 100));
    staff = await server.login('county-staff');
    supervisor = await server.login('county-supervisor');
    await waitFor('the accepted SMS after the restart', () => sms.requests.slice(before).some((q) => q.answered === 200));
    await new Promise((res) => setTimeout(res, 400));
    const mine = sms.requests.slice(before);
    expect(mine.filter((q) => q.answered === 200)).toHaveLength(1);
    expect(mine.length).toBe(failedBeforeRestart + 1);
    expect(new Set(mine.map((q) => q.body.reference)).size).toBe(1);
    const rows = (await outbox()).filter((m) => m.ticketId === t.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', kind: 'called' });
    await finish();
    smsBehaviour = () => 200;
  });

  it('a message the gateway refuses for good is failed, visible to the supervisor, and can be sent again', async () => {
    let refuse = true;
    const before = sms.requests.length;
    smsBehaviour = () => (refuse ? 400 : 200);
    const t = await issue();
    expect((await optIn(t.statusToken, { channel: 'sms', address: '+358401111111', onCall: true })).status).toBe(200);
    expect(await next()).toBe(t.number);
    await waitFor('a failed message', async () => (await outbox('?status=failed')).some((m) => m.ticketId === t.id));
    const failed = (await outbox('?status=failed')).find((m) => m.ticketId === t.id);
    expect(failed).toMatchObject({ attempts: 1, masked: '+358 ••• ••11' });
    expect(failed?.lastError).toContain('HTTP 400');
    const status = await server.api<NotificationsStatusView>('GET', '/api/v1/notifications/status', { token: supervisor });
    expect(status.body.counts.failed).toBeGreaterThanOrEqual(1);
    // Staff may not; the supervisor may send it again.
    expect((await server.api('POST', `/api/v1/notifications/${failed?.id}/retry`, { token: staff })).status).toBe(403);
    refuse = false;
    const retried = await server.api<OutboxMessageView>('POST', `/api/v1/notifications/${failed?.id}/retry`, { token: supervisor });
    expect(retried.status).toBe(200);
    await waitFor('sent after the retry', async () => (await outbox('?status=sent')).some((m) => m.id === failed?.id));
    expect(sms.requests.slice(before).map((q) => q.answered)).toEqual([400, 200]);
    // A message that is not failed cannot be retried.
    expect((await server.api('POST', `/api/v1/notifications/${failed?.id}/retry`, { token: supervisor })).status).toBe(409);
    await finish();
    smsBehaviour = () => 200;
  });

  it('a pending message whose visit ends is dropped: the address is gone with the visit', async () => {
    smsBehaviour = () => 503;
    const t = await issue();
    expect((await optIn(t.statusToken, { channel: 'sms', address: '+358402222222', onCall: true })).status).toBe(200);
    const before = sms.requests.length;
    expect(await next()).toBe(t.number);
    await waitFor('a first failed attempt', () => sms.requests.length > before);
    await finish();
    await waitFor('the message dropped', async () => (await outbox('?status=dropped')).some((m) => m.ticketId === t.id));
    expect(contactsOf(t.id).n).toBe(0);
    smsBehaviour = () => 200;
  });

  it('malformed addresses, an empty choice or an unknown channel get a clear 4xx and change nothing', async () => {
    const t = await issue();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ channel: 'email', address: 'not-an-address', onCall: true }, 422, /email address/],
      [{ channel: 'email', address: 'a@b', onCall: true }, 422, /email address/],
      [{ channel: 'sms', address: '12ab34', onCall: true }, 422, /mobile number/],
      [{ channel: 'sms', address: '+0123', onCall: true }, 422, /mobile number/],
      [{ channel: 'sms', address: '+358401234567' }, 422, /when N people are ahead/],
      [{ channel: 'sms', address: '+358401234567', ahead: 99, onCall: true }, 422, /./],
      [{ channel: 'fax', address: '+358401234567', onCall: true }, 422, /./],
      [{ channel: 'push', subscription: { endpoint: 'https://evil.example/x', keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) } }, onCall: true }, 422, /push service/],
    ];
    for (const [body, status, message] of cases) {
      const r = await optIn(t.statusToken, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.message).toMatch(message);
    }
    expect(contactsOf(t.id).n).toBe(0);
    expect((await optIn('no-such-token', { channel: 'sms', address: '+358401234567', onCall: true })).status).toBe(404);
    expect((await server.api('DELETE', `/api/v1/tickets/status/${t.statusToken}/notify/fax`)).status).toBe(404);
    expect((await server.api('PUT', `/api/v1/tickets/status/${t.statusToken}/notify`, { body: '{"channel":' })).status).toBe(400);
    // Opting out deletes the address.
    expect((await optIn(t.statusToken, { channel: 'sms', address: '+358401234567', onCall: true })).status).toBe(200);
    expect(contactsOf(t.id).n).toBe(1);
    const out = await server.api<NotifyOptionsView>('DELETE', `/api/v1/tickets/status/${t.statusToken}/notify/sms`);
    expect(out.status).toBe(200);
    expect(out.body.contacts).toEqual([]);
    expect(contactsOf(t.id).n).toBe(0);
    expect(await next()).toBe(t.number);
    await finish();
  });
});

describe('notification routes are limited per client address, and channels that are not set up are refused', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: { VUORO_NOTIFY_REQUESTS_PER_MINUTE: '5' } });
  });
  afterAll(() => server.dispose());

  it('the sixth request in a minute gets 429 with Retry-After; email and SMS without a gateway, and push without https, get 409', async () => {
    const t = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } })).body.ticket;
    const options = await server.api<NotifyOptionsView>('GET', `/api/v1/tickets/status/${t.statusToken}/notify`);
    expect(options.body.channels).toEqual({ email: false, sms: false, push: { available: false, reason: 'not-https', publicKey: null } });
    const email = await server.api<ErrorBody>('PUT', `/api/v1/tickets/status/${t.statusToken}/notify`, { body: { channel: 'email', address: 'a@example.org', onCall: true } });
    expect(email.status).toBe(409);
    const sms = await server.api<ErrorBody>('PUT', `/api/v1/tickets/status/${t.statusToken}/notify`, { body: { channel: 'sms', address: '+358401234567', onCall: true } });
    expect(sms.status).toBe(409);
    const push = await server.api<ErrorBody>('PUT', `/api/v1/tickets/status/${t.statusToken}/notify`, {
      body: { channel: 'push', subscription: { endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) } }, onCall: true },
    });
    expect(push.status).toBe(409);
    expect(push.body.error.message).toMatch(/https/);
    expect((await server.api('DELETE', `/api/v1/tickets/status/${t.statusToken}/notify/sms`)).status).toBe(200);
    const limited = await fetch(`${server.url}/api/v1/tickets/status/${t.statusToken}/notify`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other routes are not affected.
    expect((await server.api('GET', `/api/v1/tickets/status/${t.statusToken}`)).status).toBe(200);
    // An enrolled kiosk (its API key) is held to its key's rate, not to the per-address one.
    const admin = await server.login('admin');
    const key = await server.api<CreatedApiKey>('POST', '/api/v1/admin/api-keys', { token: admin, body: { name: 'kiosk', scopes: ['tickets:issue'] } });
    expect(key.status).toBe(201);
    const asKiosk = await server.api('GET', `/api/v1/tickets/status/${t.statusToken}/notify`, { token: key.body.secret });
    expect(asKiosk.status).toBe(200);
  });
});

describe('delivery never blocks the queue, and contact details do not outlive the visit', () => {
  it('a gateway that never answers holds four sends at most; the counters call and finish on regardless', async () => {
    const held: unknown[] = [];
    const hanging = createServer((_req, res) => held.push(res));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const hall = demoHall();
    hall.notifications = { sms: { url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/send`, timeoutSeconds: 60 } };
    const server = await startServer({ hall, notifications: { timeoutMs: 60_000, pollMs: 50 } });
    try {
      const staff = await server.login('county-staff');
      expect((await server.api('POST', '/api/v1/counters/4/open', { token: staff, body: {} })).status).toBe(200);
      const tickets: IssueTicketResponse['ticket'][] = [];
      for (let i = 0; i < 6; i += 1) {
        const t = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } })).body.ticket;
        expect((await server.api('PUT', `/api/v1/tickets/status/${t.statusToken}/notify`, { body: { channel: 'sms', address: `+35840100000${i}`, onCall: true } })).status).toBe(200);
        tickets.push(t);
      }
      for (const t of tickets.slice(0, 5)) {
        const called = await server.api<{ number: string }>('POST', '/api/v1/counters/4/next', { token: staff });
        expect(called.status).toBe(200);
        expect(called.body.number).toBe(t.number);
        if (t !== tickets[4]) {
          expect((await server.api('POST', '/api/v1/counters/4/start', { token: staff })).status).toBe(200);
          expect((await server.api('POST', '/api/v1/counters/4/finish', { token: staff, body: {} })).status).toBe(200);
        }
      }
      await waitFor('four sends in flight', () => held.length === 4);
      await new Promise((r) => setTimeout(r, 200));
      expect(held.length).toBe(4);
      // The queue is served meanwhile: the last called visitor is at the counter, the sixth still waits.
      expect((await server.api<{ state: string }>('GET', `/api/v1/tickets/status/${tickets[4]?.statusToken}`)).body.state).toBe('called');
      expect((await server.api<{ state: string }>('GET', `/api/v1/tickets/status/${tickets[5]?.statusToken}`)).body.state).toBe('waiting');
    } finally {
      await server.dispose();
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('the scheduled purge deletes the contacts of visits that ended unseen, and any older than a day', async () => {
    let clock = Date.parse('2026-03-04T08:00:00Z');
    const hall = demoHall();
    hall.notifications = { sms: { url: 'http://127.0.0.1:9/never' } };
    const server = await startServer({ hall, now: () => clock, notifications: { pollMs: 50 } });
    const count = (id: number) => (server.app.store.db.prepare('SELECT count(*) AS n FROM notify_contacts WHERE ticket_id = ?').get(id) as { n: number }).n;
    try {
      const issue = async () => (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } })).body.ticket;
      const ended = await issue();
      const waiting = await issue();
      for (const t of [ended, waiting]) {
        expect((await server.api('PUT', `/api/v1/tickets/status/${t.statusToken}/notify`, { body: { channel: 'sms', address: '+358401234567', ahead: 0 } })).status).toBe(200);
      }
      // As after an erasure or a repair by hand: the ticket is over, but no event said so.
      server.app.store.db.prepare("UPDATE tickets SET state = 'done' WHERE id = ?").run(ended.id);
      await new Promise((r) => setTimeout(r, 200));
      expect(count(ended.id)).toBe(1);
      clock += 11 * 60_000;
      await waitFor('the ended visit\'s contact purged', () => count(ended.id) === 0);
      expect(count(waiting.id)).toBe(1);
      // A no-show keeps its contact while it may be put back in the queue (30 minutes in the demo hall), not after.
      const missed = await issue();
      expect((await server.api('PUT', `/api/v1/tickets/status/${missed.statusToken}/notify`, { body: { channel: 'sms', address: '+358401234567', onCall: true } })).status).toBe(200);
      server.app.store.db.prepare("UPDATE tickets SET state = 'no-show', no_show_at = ? WHERE id = ?").run(clock, missed.id);
      clock += 11 * 60_000;
      await new Promise((r) => setTimeout(r, 300));
      expect(count(missed.id)).toBe(1);
      clock += 25 * 60_000;
      await waitFor("the no-show's contact purged after its grace", () => count(missed.id) === 0);
      clock += 24 * 3_600_000;
      await waitFor('the day-old contact purged', () => count(waiting.id) === 0);
    } finally {
      await server.dispose();
    }
  });
});
