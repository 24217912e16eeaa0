import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BookedView,
  ErrorBody,
  HallConfigInput,
  IssueTicketResponse,
  NotifyOptionsView,
  OutboxMessageView,
  RemoteJoined,
  TicketView,
} from '../../server/src/protocol/index.js';
import { appointmentHall, helsinki } from '../support/appointmentHall.js';
import { startSmsGateway, startSmtp } from '../support/notifyGateways.js';
import { startServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/webhookReceiver.js';

/**
 * The notifications that follow a booking or a ticket from home: a booking's reminders (the day before and two hours
 * before, by email and SMS, in the booking's language, through the outbox), its contact deleted when the booking ends,
 * and a remote ticket's holder told when it was skipped and when it expired.
 */

const FAST = { retryBaseMs: 40, retryMaxMs: 200, pollMs: 50, timeoutMs: 2000 };

function hall(smtpPort: number, smsUrl: string): HallConfigInput {
  const h = appointmentHall();
  h.hall.publicUrl = 'https://queue.example.org';
  h.services = h.services.map((s) => (s.id === 'residence' ? { ...s, remote: { dailyCap: 20, maxEstimateMinutes: 120, graceMinutes: 10 } } : s));
  h.notifications = {
    email: { host: '127.0.0.1', port: smtpPort, from: 'Service Centre <hall@example.org>' },
    sms: { url: smsUrl, token: 'gateway-secret', defaultCountryCode: '+358' },
    reminders: { minutesBefore: [1440, 120] },
  };
  return h;
}

describe('booking reminders and a remote ticket told it was skipped or expired', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let smsBehaviour: (n: number) => number = () => 202;
  let server: TestServer;
  let clock = helsinki(8, 0);
  let staff: string;
  let supervisor: string;
  let address = 1;
  const from = () => ({ 'x-forwarded-for': `198.51.100.${address++}` });

  beforeAll(async () => {
    smtp = await startSmtp();
    sms = await startSmsGateway((n) => smsBehaviour(n));
    server = await startServer({ hall: hall(smtp.port, sms.url), now: () => clock, notifications: FAST });
    staff = await server.login('city-staff');
    supervisor = await server.login('city-supervisor');
    expect((await server.api('POST', '/api/v1/counters/2/open', { token: staff, body: { services: ['residence'] } })).status).toBe(200);
  });
  afterAll(async () => {
    await server.dispose();
    await smtp.close();
    await sms.close();
  });

  const book = (body: Record<string, unknown>) => server.api<BookedView & ErrorBody>('POST', '/api/v1/appointments', { body, headers: from() });
  const count = (sql: string, ...args: unknown[]) => (server.app.store.db.prepare(sql).get(...args) as { n: number }).n;
  const idOf = (code: string) => (server.app.store.db.prepare('SELECT id FROM appointments WHERE code = ?').get(code.replace('-', '')) as { id: number }).id;
  const bookingContacts = (code: string) => count('SELECT count(*) AS n FROM booking_contacts WHERE appointment_id = ?', idOf(code));
  const outbox = async () => {
    // The test's clock jumps days ahead: a fresh session each time.
    supervisor = await server.login('city-supervisor');
    const r = await server.api<OutboxMessageView[]>('GET', '/api/v1/notifications', { token: supervisor });
    expect(r.status).toBe(200);
    return r.body;
  };
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('a remote ticket\'s holder is told by email when it was skipped, and again when it expired; then the address is gone', async () => {
    clock = helsinki(8, 0);
    const joined = await server.api<RemoteJoined & ErrorBody>('POST', '/api/v1/remote', { body: { serviceId: 'residence', language: 'sv' }, headers: from() });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    const token = joined.body.ticket.statusPath.replace('/t/', '');
    const opt = await server.api<NotifyOptionsView>('PUT', `/api/v1/tickets/status/${token}/notify`, {
      body: { channel: 'email', address: 'remote.holder@example.org', onCall: true, language: 'sv' },
      headers: from(),
    });
    expect(opt.status).toBe(200);
    const walkIn = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'residence' }, headers: from() })).body.ticket;
    clock = helsinki(8, 2);
    const called = await server.api<TicketView>('POST', '/api/v1/counters/2/next', { token: staff });
    expect(called.body.number).toBe(walkIn.number);
    await server.api('POST', '/api/v1/counters/2/start', { token: staff });
    await server.api('POST', '/api/v1/counters/2/finish', { token: staff, body: {} });

    const mine = () => smtp.mails.filter((m) => m.to.includes('remote.holder@example.org'));
    await waitFor('the "skipped" email', () => mine().length === 1);
    expect(mine()[0]?.text).toContain(`Kölapp ${joined.body.ticket.number}`);
    expect(mine()[0]?.text).toContain('Din plats sparas i 10 minuter');
    expect(mine()[0]?.text).toContain(`https://queue.example.org/t/${token}`);

    clock = helsinki(8, 12) + 1;
    expect(server.app.services.remote.expireHeld()).toBe(1);
    await waitFor('the "expired" email', () => mine().length === 2);
    expect(mine()[1]?.text).toContain(`Kölapp ${joined.body.ticket.number}`);
    expect(mine()[1]?.text).toContain('har gått ut');
    // Its last message sent, the visit's address is deleted.
    await waitFor('the contact deleted', () => count('SELECT count(*) AS n FROM notify_contacts WHERE ticket_id = ?', joined.body.ticket.id) === 0);
    await waitFor('both marked sent', async () => (await outbox()).filter((m) => m.ticketId === joined.body.ticket.id && m.status === 'sent').length === 2);
    const kinds = (await outbox()).filter((m) => m.ticketId === joined.body.ticket.id).map((m) => m.kind).sort();
    expect(kinds).toEqual(['expired', 'skipped']);
    // Nothing repeated.
    await pause(250);
    expect(mine()).toHaveLength(2);
  });

  it('malformed reminder addresses are refused with a clear 422 and nothing is booked or stored', async () => {
    clock = helsinki(9, 0);
    const bookings = count('SELECT count(*) AS n FROM appointments');
    const contacts = count('SELECT count(*) AS n FROM booking_contacts');
    for (const [extra, field] of [
      [{ email: 'jane@' }, 'email'],
      [{ email: 'not an address' }, 'email'],
      [{ phone: '12' }, 'phone'],
      [{ phone: 'call me maybe' }, 'phone'],
      [{ email: 'jane@example.org', phone: '+1' }, 'phone'],
    ] as const) {
      const r = await book({ serviceId: 'residence', at: helsinki(10, 30, 18), ...extra });
      expect(r.status, JSON.stringify(extra)).toBe(422);
      expect(r.body.error.message).toMatch(/email address|mobile number|at least|too small/i);
      if (r.body.error.details && 'field' in r.body.error.details) expect(r.body.error.details.field).toBe(field);
    }
    expect(count('SELECT count(*) AS n FROM appointments')).toBe(bookings);
    expect(count('SELECT count(*) AS n FROM booking_contacts')).toBe(contacts);
  });

  it('a booking with an email and a phone gets one reminder the day before and one two hours before, in its language', async () => {
    clock = helsinki(9, 0);
    const slot = helsinki(10, 30, 18);
    const r = await book({ serviceId: 'residence', at: slot, language: 'de', email: ' Jana.Berg@example.org ', phone: '040 765 4321' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.reminders).toEqual([
      { channel: 'email', masked: 'J•••@example.org' },
      { channel: 'sms', masked: '+358 ••• ••21' },
    ]);
    const code = r.body.appointment.code;
    const id = idOf(code);
    expect(bookingContacts(code)).toBe(2);
    // Nothing before the day before.
    await pause(200);
    const mailsBefore = smtp.mails.length;
    const smsBefore = sms.requests.length;
    clock = helsinki(10, 29, 17);
    await pause(200);
    expect(smtp.mails.length).toBe(mailsBefore);

    clock = helsinki(10, 30, 17);
    await waitFor('the day-before email', () => smtp.mails.length === mailsBefore + 1);
    await waitFor('the day-before SMS', () => sms.requests.length === smsBefore + 1);
    const mail = smtp.mails.at(-1);
    expect(mail?.to).toEqual(['Jana.Berg@example.org']);
    expect(mail?.subject).toContain('10:30');
    expect(mail?.text).toContain('Erinnerung: Ihr Termin');
    expect(mail?.text).toContain('Mittwoch, 18. März um 10:30');
    expect(mail?.text).toContain(`https://queue.example.org/book/manage/`);
    expect(mail?.text).toContain('Ihre Adresse wird gelöscht');
    const text = sms.requests.at(-1)?.body;
    expect(text).toMatchObject({ to: '+358407654321', language: 'de' });
    expect(text?.text).toContain('10:30');

    // The next polls add nothing; two hours before, the second reminder, once.
    clock = helsinki(12, 0, 17);
    await pause(250);
    expect(smtp.mails.length).toBe(mailsBefore + 1);
    clock = helsinki(8, 30, 18);
    await waitFor('the two-hours-before email', () => smtp.mails.length === mailsBefore + 2);
    await waitFor('the two-hours-before SMS', () => sms.requests.length === smsBefore + 2);
    await pause(250);
    expect(smtp.mails.length).toBe(mailsBefore + 2);
    expect(sms.requests.length).toBe(smsBefore + 2);

    // Staff see them masked, as reminders of a booking (no ticket yet).
    await waitFor('the reminders marked sent', async () => (await outbox()).filter((m) => m.appointmentId === id && m.status === 'sent').length === 4);
    const list = (await outbox()).filter((m) => m.appointmentId === id);
    expect(list.map((m) => [m.kind, m.channel, m.masked, m.ticketId]).sort()).toEqual([
      ['reminder', 'email', 'J•••@example.org', null],
      ['reminder', 'email', 'J•••@example.org', null],
      ['reminder', 'sms', '+358 ••• ••21', null],
      ['reminder', 'sms', '+358 ••• ••21', null],
    ]);
    expect(JSON.stringify(await outbox())).not.toContain('Jana.Berg');

    // The slot begins: the scheduled purge deletes the contact.
    clock = helsinki(10, 31, 18) + 11 * 60_000;
    await waitFor('the contact purged after the slot', () => bookingContacts(code) === 0);
  });

  it('a cancelled booking loses its contact at once and gets no reminder; a checked-in one too', async () => {
    clock = helsinki(9, 0, 20);
    const a = await book({ serviceId: 'residence', at: helsinki(14, 0, 22), email: 'anna@example.org' });
    expect(a.status).toBe(201);
    const b = await book({ serviceId: 'residence', at: helsinki(10, 0, 21), phone: '+46 70 123 45 67' });
    expect(b.status).toBe(201);
    expect(bookingContacts(a.body.appointment.code)).toBe(1);
    expect(bookingContacts(b.body.appointment.code)).toBe(1);

    const cancelled = await server.api('POST', `/api/v1/appointments/${a.body.appointment.code}/cancel`, { body: {}, headers: from() });
    expect(cancelled.status).toBe(200);
    await waitFor('the cancelled booking\'s contact deleted', () => bookingContacts(a.body.appointment.code) === 0);

    clock = helsinki(9, 50, 21);
    const mailsBefore = smtp.mails.length;
    const checked = await server.api('POST', '/api/v1/appointments/check-in', { body: { code: b.body.appointment.code }, headers: from() });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    await waitFor('the checked-in booking\'s contact deleted', () => bookingContacts(b.body.appointment.code) === 0);
    // The cancelled booking's day-before moment passes: nothing is sent to it.
    clock = helsinki(14, 0, 21);
    await pause(250);
    expect(smtp.mails.filter((m) => m.to.includes('anna@example.org'))).toEqual([]);
    expect(smtp.mails.length).toBe(mailsBefore);
  });

  it('a booking made inside the reminder window is not reminded of what it was just told', async () => {
    clock = helsinki(9, 0, 23);
    const smsBefore = sms.requests.length;
    const r = await book({ serviceId: 'residence', at: helsinki(10, 0, 23), phone: '0401112233' });
    expect(r.status).toBe(201);
    await pause(300);
    expect(sms.requests.length).toBe(smsBefore);
  });


  it('a moved booking is reminded of its new time, once, through a gateway that fails twice first', async () => {
    clock = helsinki(9, 0, 24);
    const r = await book({ serviceId: 'residence', at: helsinki(10, 0, 26), phone: '+358 40 999 8877', language: 'fi' });
    expect(r.status).toBe(201);
    const code = r.body.appointment.code;
    const moved = await server.api('POST', `/api/v1/appointments/${code}/move`, { body: { at: helsinki(11, 0, 26) }, headers: from() });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const before = sms.requests.length;
    smsBehaviour = (n) => (n - before < 2 ? 503 : 202);
    // The old time's moment passes: nothing.
    clock = helsinki(10, 0, 25);
    await pause(250);
    expect(sms.requests.length).toBe(before);
    // The new time's: tried three times (the clock moves a second per look, past each retry), accepted once.
    clock = helsinki(11, 0, 25);
    await waitFor('the reminder accepted', () => {
      clock += 1_000;
      return sms.requests.slice(before).some((q) => q.answered === 202);
    });
    await pause(250);
    clock += 60_000;
    await pause(250);
    const mine = sms.requests.slice(before);
    expect(mine.map((q) => q.answered)).toEqual([503, 503, 202]);
    expect(new Set(mine.map((q) => q.body.reference)).size).toBe(1);
    expect(mine[2]?.body.text).toContain('torstai 26. maaliskuuta klo 11.00'); // Finnish writes times with a dot
    expect(mine[2]?.body.to).toBe('+358409998877');
    const rows = (await outbox()).filter((m) => m.appointmentId === idOf(code));
    expect(rows.map((m) => [m.kind, m.status, m.attempts])).toEqual([['reminder', 'sent', 3]]);
    smsBehaviour = () => 202;
  });
});
