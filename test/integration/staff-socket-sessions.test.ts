import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserView } from '../../server/src/protocol/index.js';
import { joinSocket, nextEvent, startServer, type ClientSocket, type TestServer } from '../support/server.js';

/** Everything a socket receives from now on, by event name. */
function record(socket: ClientSocket): string[] {
  const seen: string[] = [];
  socket.onAny((event: string) => seen.push(event));
  return seen;
}

describe('a staff socket receives staff events only while its session lives', () => {
  let server: TestServer;
  let admin: string;

  beforeEach(async () => {
    server = await startServer();
    admin = await server.login('admin');
  });
  afterEach(() => server.dispose());

  const issueAndWait = async (watcher: ClientSocket) => {
    const seen = nextEvent(watcher, 'ticket:changed');
    await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'residence', needs: ['interpreter:ar'] } });
    await seen;
  };

  const userId = async (username: string) =>
    (await server.api<UserView[]>('GET', '/api/v1/admin/users', { token: admin })).body.find((u) => u.username === username)?.id ?? 0;

  it('after signing out (DELETE /session) the socket is told and gets no more ticket events', async () => {
    const token = await server.login('city-staff');
    const { socket } = await joinSocket(server.url, { role: 'staff', token });
    const control = await joinSocket(server.url, { role: 'staff', token: await server.login('city-supervisor') });
    const ended = nextEvent(socket, 'session:ended');
    expect((await server.api('DELETE', '/api/v1/session', { token })).status).toBeLessThan(300);
    expect((await ended).reason).toBe('signed-out');
    const seen = record(socket);
    await issueAndWait(control.socket);
    expect(seen).toEqual([]);
    socket.emit('hall:snapshot', (res) => expect(res.ok).toBe(false));
    socket.close();
    control.socket.close();
  });

  it('after an admin disables the user, every socket of that user stops receiving staff events', async () => {
    const token = await server.login('city-staff');
    const a = await joinSocket(server.url, { role: 'staff', token });
    const b = await joinSocket(server.url, { role: 'staff', token: await server.login('city-staff') });
    const control = await joinSocket(server.url, { role: 'staff', token: await server.login('county-staff') });
    const ended = [nextEvent(a.socket, 'session:ended'), nextEvent(b.socket, 'session:ended')];
    const r = await server.api('PATCH', `/api/v1/admin/users/${await userId('city-staff')}`, { token: admin, body: { disabled: true } });
    expect(r.status).toBe(200);
    expect((await Promise.all(ended)).map((e) => e.reason)).toEqual(['account-changed', 'account-changed']);
    const seenA = record(a.socket);
    const seenB = record(b.socket);
    await issueAndWait(control.socket);
    expect([...seenA, ...seenB]).toEqual([]);
    for (const s of [a.socket, b.socket, control.socket]) s.close();
  });

  it('a demoted supervisor signs in again before seeing anything more', async () => {
    const token = await server.login('city-supervisor');
    const { socket } = await joinSocket(server.url, { role: 'staff', token });
    const ended = nextEvent(socket, 'session:ended');
    await server.api('PATCH', `/api/v1/admin/users/${await userId('city-supervisor')}`, { token: admin, body: { role: 'staff' } });
    expect((await ended).reason).toBe('account-changed');
    expect((await server.api('GET', '/api/v1/session', { token })).status).toBe(401);
    socket.close();
  });

  it('a session that ended without a word (expired, removed) is caught before the next staff event is sent', async () => {
    const token = await server.login('city-staff');
    const { socket } = await joinSocket(server.url, { role: 'staff', token });
    const control = await joinSocket(server.url, { role: 'staff', token: await server.login('county-staff') });
    server.app.store.db.prepare('UPDATE sessions SET expires_at = 0 WHERE user_id = ?').run(await userId('city-staff'));
    const seen = record(socket);
    await issueAndWait(control.socket);
    expect(seen).toEqual(['session:ended']);
    socket.close();
    control.socket.close();
  });
});
