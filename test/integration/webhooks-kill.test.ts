import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CreatedWebhook, EventView, SessionView } from '../../server/src/protocol/index.js';
import { ADMIN_PASSWORD } from '../support/server.js';
import { startReceiver, waitFor } from '../support/webhookReceiver.js';

const MAIN = path.resolve(import.meta.dirname, '../../server/dist/main.js');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** The real process, as `npm start` runs it; ready when /api/v1/health answers. */
async function launch(dataDir: string, port: number): Promise<ChildProcess> {
  if (!existsSync(MAIN)) throw new Error('server/dist/main.js is missing: run "npm run build" first (npm test does it).');
  const proc = spawn(process.execPath, [MAIN], {
    // A burst from one address: the anonymous issue limit has its own test.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', VUORO_DATA_DIR: dataDir, VUORO_ADMIN_PASSWORD: ADMIN_PASSWORD, VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '100000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited = false;
  proc.once('exit', () => (exited = true));
  await waitFor('the server to start', async () => {
    if (exited) throw new Error('the server exited at start');
    return fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
  }, 30_000);
  return proc;
}

async function post<T>(url: string, p: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url + p, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('webhooks survive kill -9', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vuoro-hook-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('killed during a burst and restarted, the server delivers every committed event (duplicates only as at-least-once allows)', { timeout: 120_000 }, async () => {
    const receiver = await startReceiver();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let proc = await launch(dataDir, port);
    try {
      const { token } = (await post<SessionView>(url, '/api/v1/session', { username: 'admin', password: ADMIN_PASSWORD })).body;
      const sub = await post<CreatedWebhook>(url, '/api/v1/admin/webhooks', { url: receiver.url, allowHttp: true, eventTypes: ['ticket.issued'] }, token);
      expect(sub.status).toBe(201);
      receiver.setSecret(sub.body.secret);

      // A burst of tickets; the process is killed while requests are still arriving.
      let answered = 0;
      let cut = 0;
      const burst = Array.from({ length: 60 }, (_, i) =>
        new Promise((r) => setTimeout(r, i * 3)).then(() =>
          post(url, '/api/v1/tickets', { serviceId: i % 2 ? 'identity' : 'vehicles' }).then(
            () => answered++,
            () => cut++,
          ),
        ),
      );
      await waitFor('some tickets', () => answered >= 20);
      proc.kill('SIGKILL');
      await Promise.all(burst);
      expect(cut, 'the kill interrupted the burst').toBeGreaterThan(0);
      await new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r(null) : proc.once('exit', r)));

      proc = await launch(dataDir, port);
      const session = (await post<SessionView>(url, '/api/v1/session', { username: 'admin', password: ADMIN_PASSWORD })).body;
      // Every ticket_issued event committed after the subscription (the demo hall's generated history comes before).
      const issued: string[] = [];
      for (let after = 0; ; ) {
        const res = await fetch(`${url}/api/v1/events?limit=1000&after=${after}`, { headers: { authorization: `Bearer ${session.token}` } });
        const page = (await res.json()) as EventView[];
        issued.push(...page.filter((e) => e.type === 'ticket_issued' && e.at >= sub.body.webhook.createdAt).map((e) => String(e.id)));
        if (page.length < 1000) break;
        after = page.at(-1)?.id ?? after;
      }
      expect(issued.length).toBeGreaterThanOrEqual(20);
      await waitFor('every committed event at the receiver', () => issued.every((id) => receiver.accepted().includes(id)), 30_000);
      const seen = receiver.accepted();
      expect(new Set(seen)).toEqual(new Set(issued));
      expect(receiver.received.every((r) => r.valid)).toBe(true);
      // In order: the first arrival of each id follows the event order.
      const firsts = seen.filter((id, i) => seen.indexOf(id) === i);
      expect(firsts).toEqual(issued);
      expect(seen.length - issued.length).toBeLessThanOrEqual(4);
    } finally {
      proc.kill('SIGTERM');
      await receiver.close();
    }
  });
});
