import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntryView, IssueTicketResponse, StaffSnapshot, TicketView } from '../../server/src/protocol/index.js';
import { joinSocket, nextEvent, startServer, type TestServer } from '../support/server.js';

describe('organisations sharing a hall act only on their own work unless allowed to help', () => {
  let server: TestServer;
  let cityStaff: string;
  let citySup: string;

  beforeEach(async () => {
    server = await startServer();
    cityStaff = await server.login('city-staff');
    citySup = await server.login('city-supervisor');
  });
  afterEach(() => server.dispose());

  const issue = async (serviceId: string, needs: string[] = []) =>
    (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId, needs } })).body.ticket;

  it('city staff cannot open, steer or call at a county counter, nor stop a county service', async () => {
    const open = await server.api<{ error: { code: string; message: string } }>('POST', '/api/v1/counters/4/open', { token: cityStaff });
    expect(open.status).toBe(403);
    expect(open.body.error.message).toMatch(/Counter 4 serves another organisation/);
    expect((await server.api('PUT', '/api/v1/counters/4/profile', { token: citySup, body: { services: [{ serviceId: 'vehicles', weight: 1 }] } })).status).toBe(403);
    expect((await server.api('PUT', '/api/v1/services/vehicles/stopped', { token: citySup, body: { stopped: true } })).status).toBe(403);
    expect((await server.api('PUT', '/api/v1/services/parking/stopped', { token: citySup, body: { stopped: true } })).status).toBe(200);

    // The county's own staff open counter 4; a city supervisor cannot close or pause it.
    const county = await server.login('county-staff');
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: county })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/4/close', { token: citySup })).status).toBe(403);
  });

  it("a city supervisor changes the city part of the shared counter's profile; the county part stays as it was", async () => {
    type Profile = { services: { serviceId: string; weight: number }[] };
    // Open with every service (an admin acts for the whole hall), as a county member of staff helping there would be.
    expect((await server.api('POST', '/api/v1/counters/7/open', { token: await server.login('admin') })).status).toBe(200);
    const before = (await server.api<Profile>('PUT', '/api/v1/counters/7/profile', { token: citySup, body: { services: [{ serviceId: 'identity', weight: 3 }] } }));
    expect(before.status).toBe(200);
    const county = before.body.services.filter((p) => ['vehicles', 'licences', 'immigration'].includes(p.serviceId));
    expect(county.length).toBeGreaterThan(0);
    expect(before.body.services.filter((p) => !county.includes(p))).toEqual([{ serviceId: 'identity', weight: 3 }]);
    // Repeating the county part unchanged is allowed (a form may send the whole profile); changing it is not.
    const same = await server.api<Profile>('PUT', '/api/v1/counters/7/profile', { token: citySup, body: { services: [{ serviceId: 'parking', weight: 2 }, ...county] } });
    expect(same.status).toBe(200);
    expect(same.body.services).toEqual([{ serviceId: 'parking', weight: 2 }, ...county]);
    const first = county[0] ?? { serviceId: 'vehicles', weight: 1 };
    const reweigh = await server.api('PUT', '/api/v1/counters/7/profile', { token: citySup, body: { services: [{ serviceId: first.serviceId, weight: first.weight + 1 }] } });
    expect(reweigh.status).toBe(403);
  });

  it('at the shared roaming counter city staff serve only city services, and cannot call a county ticket by name', async () => {
    const k = await issue('vehicles', ['interpreter:ar']);
    const a = await issue('identity');
    const opened = await server.api<{ services: { serviceId: string }[] }>('POST', '/api/v1/counters/7/open', { token: cityStaff });
    expect(opened.status).toBe(200);
    expect(opened.body.services.map((s) => s.serviceId).sort()).toEqual(['identity', 'lost-found', 'parking', 'residence']);
    expect((await server.api('POST', '/api/v1/counters/7/open', { token: cityStaff, body: { services: ['vehicles'] } })).status).toBe(403);
    expect((await server.api('POST', '/api/v1/counters/7/call', { token: cityStaff, body: { ticketId: k.id } })).status).toBe(403);
    const next = await server.api<TicketView>('POST', '/api/v1/counters/7/next', { token: cityStaff });
    expect(next.body.number).toBe(a.number);
    expect((await server.api('POST', `/api/v1/tickets/${k.id}/note`, { token: cityStaff, body: { note: 'x' } })).status).toBe(403);
  });

  it("city staff do not read county visitors' needs: not by the API, not in their snapshot, not in live events", async () => {
    const k = await issue('vehicles', ['interpreter:ar']);
    const list = await server.api<TicketView[]>('GET', '/api/v1/tickets', { token: cityStaff });
    expect(list.body.map((t) => t.id)).not.toContain(k.id);
    expect((await server.api('GET', `/api/v1/tickets/${k.id}`, { token: cityStaff })).status).toBe(404);

    const city = await joinSocket(server.url, { role: 'staff', token: cityStaff });
    expect((city.snapshot as StaffSnapshot).tickets.map((t) => t.id)).not.toContain(k.id);
    // Every numbered message the city receives from now on (the queue picture of k's issue may still come first).
    const citySeqs: number[] = [];
    city.socket.onAny((_event: string, payload: unknown) => {
      if (typeof payload === 'object' && payload !== null && 'seq' in payload && typeof payload.seq === 'number') citySeqs.push(payload.seq);
    });
    const county = await joinSocket(server.url, { role: 'staff', token: await server.login('county-staff') });
    const cityEvent = nextEvent(city.socket, 'ticket:changed');
    const countyEvent = nextEvent(county.socket, 'ticket:changed');
    const k2 = await issue('licences', ['interpreter:so']);
    const [seenByCity, seenByCounty] = await Promise.all([cityEvent, countyEvent]);
    expect(seenByCity).toMatchObject({ ticketId: k2.id, ticket: null });
    expect(seenByCounty.ticket?.needs).toEqual(['interpreter:so']);
    // The city's sequence stays whole up to k2's message, which tells it nothing of k2's needs.
    const upToK2 = citySeqs.slice(0, citySeqs.indexOf(seenByCity.seq) + 1);
    expect(upToK2.length).toBeGreaterThan(0);
    expect(upToK2).toEqual(upToK2.map((_, i) => (city.snapshot as StaffSnapshot).seq + 1 + i));
    city.socket.close();
    county.socket.close();
  });

  it('an admin lets the city help the county (audited); city staff may then work at county counters and see county tickets', async () => {
    const k = await issue('vehicles', ['hearing-loop']);
    const city = await joinSocket(server.url, { role: 'staff', token: cityStaff });
    expect((await server.api('PUT', '/api/v1/admin/organisations/city/may-help', { token: citySup, body: { helps: ['county'] } })).status).toBe(403);
    const admin = await server.login('admin');
    expect((await server.api('PUT', '/api/v1/admin/organisations/city/may-help', { token: admin, body: { helps: ['nowhere'] } })).status).toBe(422);
    const resync = nextEvent(city.socket, 'hall:config');
    const set = await server.api('PUT', '/api/v1/admin/organisations/city/may-help', { token: admin, body: { helps: ['county'] } });
    expect(set.status).toBe(200);
    await resync;
    expect((await server.api<Record<string, string[]>>('GET', '/api/v1/admin/organisations/may-help', { token: admin })).body).toEqual({ city: ['county'], county: [] });
    const audit = await server.api<AuditEntryView[]>('GET', '/api/v1/audit?kind=organisation.may-help', { token: admin });
    expect(audit.body[0]).toMatchObject({ target: 'city', before: { helps: [] }, after: { helps: ['county'] } });

    city.socket.emit('hall:snapshot', () => undefined);
    const again = await joinSocket(server.url, { role: 'staff', token: cityStaff });
    expect((again.snapshot as StaffSnapshot).tickets.map((t) => t.id)).toContain(k.id);
    expect((await server.api('POST', '/api/v1/counters/4/open', { token: cityStaff })).status).toBe(200);
    const called = await server.api<TicketView>('POST', '/api/v1/counters/4/next', { token: cityStaff });
    expect(called.body.id).toBe(k.id);
    // The other way round is a separate setting: the county may not help the city.
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: await server.login('county-staff') })).status).toBe(403);
    city.socket.close();
    again.socket.close();
  });
});
