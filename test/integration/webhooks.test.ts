import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditEntryView,
  CreatedWebhook,
  ErrorBody,
  IssueTicketResponse,
  WebhookDeliveryView,
  WebhookView,
} from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';
import { startReceiver, waitFor } from '../support/webhookReceiver.js';

describe('signed webhooks from a durable outbox', () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startServer({ webhooks: { retryBaseMs: 20, retryMaxMs: 100, pollMs: 50, timeoutMs: 1000, deadAfterMs: 120_000 } });
    admin = await server.login('admin');
  });
  afterAll(() => server.dispose());

  const subscribe = async (body: Record<string, unknown>): Promise<CreatedWebhook> => {
    const r = await server.api<CreatedWebhook>('POST', '/api/v1/admin/webhooks', { token: admin, body: { allowHttp: true, ...body } });
    if (r.status !== 201) throw new Error(`not subscribed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const issue = async (serviceId = 'identity'): Promise<IssueTicketResponse> =>
    (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId } })).body;
  const unsubscribe = (id: number) => server.api('DELETE', `/api/v1/admin/webhooks/${id}`, { token: admin });

  it('a receiver that fails the first deliveries gets every event once, in order, signed', async () => {
    const receiver = await startReceiver((n) => (n < 4 ? 500 : 200));
    const { webhook, secret } = await subscribe({ url: receiver.url, eventTypes: ['ticket.issued', 'ticket.called'] });
    receiver.setSecret(secret);
    expect(secret).toMatch(/^whsec_/);
    const numbers: string[] = [];
    for (let i = 0; i < 10; i++) numbers.push((await issue()).ticket.number);
    await waitFor('10 accepted deliveries', () => receiver.accepted().length === 10);
    const accepted = receiver.accepted();
    expect(new Set(accepted).size).toBe(10);
    expect(accepted.map(Number)).toEqual([...accepted.map(Number)].sort((a, b) => a - b));
    expect(receiver.received.every((r) => r.valid)).toBe(true);
    expect(receiver.received.slice(0, 4).every((r) => r.id === accepted[0])).toBe(true);
    const delivered = receiver.received.filter((r) => r.answered === 200);
    expect(delivered.map((r) => r.body.data.ticketNumber)).toEqual(numbers);
    expect(delivered[0]?.body).toMatchObject({ type: 'ticket.issued', data: { serviceId: 'identity', details: { number: numbers[0] } } });
    const list = (await server.api<WebhookView[]>('GET', '/api/v1/admin/webhooks', { token: admin })).body;
    expect(list.find((w) => w.id === webhook.id)?.counts).toEqual({ pending: 0, delivered: 10, dead: 0 });
    expect(JSON.stringify(list)).not.toContain(secret);
    await unsubscribe(webhook.id);
    await receiver.close();
  });

  it('a delivery failing past the retry window is dead, shown with its last error, and can be replayed', async () => {
    // A server whose retry window is short, so a delivery dies within the test.
    const main = { server, admin };
    server = await startServer({ webhooks: { retryBaseMs: 20, retryMaxMs: 100, pollMs: 50, timeoutMs: 1000, deadAfterMs: 1500 } });
    admin = await server.login('admin');
    try {
      await deadAndReplayed();
    } finally {
      await server.dispose();
      ({ server, admin } = main);
    }
  });

  async function deadAndReplayed(): Promise<void> {
    let up = false;
    const receiver = await startReceiver(() => (up ? 204 : 503));
    const { webhook, secret } = await subscribe({ url: receiver.url, eventTypes: ['ticket.issued'] });
    receiver.setSecret(secret);
    const first = await issue();
    const deliveries = async () => {
      const r = await server.api<WebhookDeliveryView[]>('GET', `/api/v1/admin/webhooks/${webhook.id}/deliveries`, { token: admin });
      if (r.status !== 200) throw new Error(`deliveries: ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    };
    await waitFor('a dead delivery', async () => (await deliveries()).body.some((d) => d.status === 'dead'));
    const dead = (await server.api<WebhookDeliveryView[]>('GET', `/api/v1/admin/webhooks/${webhook.id}/deliveries?status=dead`, { token: admin })).body;
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ eventType: 'ticket.issued', lastStatus: 503, lastError: 'The receiver answered HTTP 503.' });
    expect(dead[0]?.attempts).toBeGreaterThan(3);
    up = true;
    const second = await issue();
    await waitFor('the next event after the dead one', () => receiver.accepted().length === 1);
    const replay = await server.api<WebhookDeliveryView>('POST', `/api/v1/admin/webhooks/deliveries/${dead[0]?.id}/replay`, { token: admin });
    expect(replay.body.status).toBe('pending');
    await waitFor('the replayed delivery', () => receiver.accepted().length === 2);
    expect(receiver.received.filter((r) => r.answered === 204).map((r) => r.body.data.ticketNumber)).toEqual([second.ticket.number, first.ticket.number]);
    const again = await server.api<ErrorBody>('POST', `/api/v1/admin/webhooks/deliveries/${dead[0]?.id}/replay`, { token: admin });
    expect(again.status).toBe(409);
    const audit = (await server.api<AuditEntryView[]>('GET', '/api/v1/audit?kind=webhook.replay', { token: admin })).body;
    expect(audit[0]?.target).toBe(String(webhook.id));
    await unsubscribe(webhook.id);
    await receiver.close();
  }

  it('organisation and service filters pick the events; a paused subscription queues nothing', async () => {
    const receiver = await startReceiver();
    const county = await subscribe({ url: receiver.url, eventTypes: ['ticket.issued'], organisationId: 'county' });
    const parking = await subscribe({ url: receiver.url, eventTypes: ['ticket.issued'], serviceIds: ['parking'] });
    await issue('identity');
    const vehicles = await issue('vehicles');
    const park = await issue('parking');
    await waitFor('two deliveries', () => receiver.accepted().length === 2);
    expect(receiver.received.map((r) => r.body.data.ticketNumber).sort()).toEqual([vehicles.ticket.number, park.ticket.number].sort());
    await server.api('PATCH', `/api/v1/admin/webhooks/${parking.webhook.id}`, { token: admin, body: { active: false } });
    await issue('parking');
    await issue('vehicles');
    await waitFor('the county delivery', () => receiver.accepted().length === 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.accepted()).toHaveLength(3);
    const paused = (await server.api<WebhookView[]>('GET', '/api/v1/admin/webhooks', { token: admin })).body.find((w) => w.id === parking.webhook.id);
    expect(paused).toMatchObject({ active: false, counts: { pending: 0, delivered: 1, dead: 0 } });
    await unsubscribe(county.webhook.id);
    await unsubscribe(parking.webhook.id);
    await receiver.close();
  });

  it('a feedback event names the rating and service but never the visit, counter or staff member (feedback is anonymous)', async () => {
    const receiver = await startReceiver();
    const { webhook, secret } = await subscribe({ url: receiver.url, eventTypes: ['feedback.given'] });
    receiver.setSecret(secret);
    const staff = await server.login('city-staff');
    const visit = await issue('residence');
    for (const [step, body] of [['open', undefined], ['call', { ticketId: visit.ticket.id }], ['start', undefined], ['finish', { outcome: 'resolved' }], ['close', undefined]] as const) {
      const r = await server.api('POST', `/api/v1/counters/2/${step}`, { token: staff, ...(body ? { body } : {}) });
      expect([step, r.status]).toEqual([step, 200]);
    }
    expect((await server.api('POST', `/api/v1/tickets/status/${visit.ticket.statusToken}/feedback`, { body: { rating: 4, comment: 'Fine' } })).status).toBe(201);
    await waitFor('the feedback delivery', () => receiver.accepted().length === 1);
    const data = receiver.received.find((r) => typeof r.answered === 'number' && r.answered < 300)?.body.data;
    expect(data).toMatchObject({ ticketId: null, ticketNumber: null, counterId: null, userId: null, serviceId: 'residence', details: { rating: 4, comment: 'Fine' } });
    await unsubscribe(webhook.id);
    await receiver.close();
  });

  it('a receiver that hangs does not slow ticket issue', async () => {
    // Receivers get 60 s here: a request that waited for one would take that long.
    const main = { server, admin };
    server = await startServer({ webhooks: { timeoutMs: 60_000 } });
    admin = await server.login('admin');
    try {
      await hangingReceiver();
    } finally {
      await server.dispose();
      ({ server, admin } = main);
    }
  });

  async function hangingReceiver(): Promise<void> {
    const receiver = await startReceiver(() => 'hang');
    const { webhook } = await subscribe({ url: receiver.url, eventTypes: ['ticket.issued'] });
    await issue();
    await waitFor('the first delivery to hang', () => receiver.received.length === 1);
    let slowest = 0;
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      expect((await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'residence' } })).status).toBe(201);
      slowest = Math.max(slowest, performance.now() - t0);
    }
    // Generous (a loaded machine), and far below the 60 s a request waiting for the receiver would take.
    expect(slowest).toBeLessThan(5000);
    expect(receiver.received.every((r) => r.answered === 'hung')).toBe(true);
    await unsubscribe(webhook.id);
    await receiver.close();
  }

  it('refuses bad subscriptions with a 4xx and changes nothing', async () => {
    const count = () => (server.app.store.db.prepare('SELECT count(*) AS n FROM webhook_subscriptions').get() as { n: number }).n;
    const before = count();
    const bad: [unknown, number][] = [
      [{}, 422],
      [{ url: 'http://10.0.0.5/hook', eventTypes: ['ticket.issued'] }, 422],
      [{ url: 'ftp://x/hook', eventTypes: ['ticket.issued'], allowHttp: true }, 422],
      [{ url: 'not a url', eventTypes: ['ticket.issued'] }, 422],
      [{ url: 'https://example.org/hook', eventTypes: [] }, 422],
      [{ url: 'https://example.org/hook', eventTypes: ['ticket.exploded'] }, 422],
      [{ url: 'https://example.org/hook', eventTypes: ['ticket.issued'], organisationId: 'nowhere' }, 422],
      [{ url: 'https://example.org/hook', eventTypes: ['ticket.issued'], serviceIds: ['nope'] }, 422],
      [{ url: 'https://example.org/hook', eventTypes: ['ticket.issued'], secret: 'mine' }, 422],
      ['[1', 400],
    ];
    for (const [body, status] of bad) {
      const r = await server.api<ErrorBody>('POST', '/api/v1/admin/webhooks', { token: admin, body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.message.length).toBeGreaterThan(5);
    }
    expect((await server.api('PATCH', '/api/v1/admin/webhooks/999', { token: admin, body: { active: true } })).status).toBe(404);
    expect((await server.api('PATCH', '/api/v1/admin/webhooks/1', { token: admin, body: { active: 'yes' } })).status).toBe(422);
    expect((await server.api('DELETE', '/api/v1/admin/webhooks/999', { token: admin })).status).toBe(404);
    expect((await server.api('GET', '/api/v1/admin/webhooks/999/deliveries', { token: admin })).status).toBe(404);
    expect((await server.api('GET', '/api/v1/admin/webhooks/1/deliveries?status=lost', { token: admin })).status).toBe(422);
    expect((await server.api('POST', '/api/v1/admin/webhooks/deliveries/999999/replay', { token: admin })).status).toBe(404);
    const supervisor = await server.login('city-supervisor');
    expect((await server.api('POST', '/api/v1/admin/webhooks', { token: supervisor, body: { url: 'https://example.org/h', eventTypes: ['ticket.issued'] } })).status).toBe(403);
    expect(count()).toBe(before);
  });
});
