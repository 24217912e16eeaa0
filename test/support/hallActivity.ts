import type { IssueTicketResponse, SessionView, ShippingStatus } from '../../server/src/protocol/index.js';
import { api } from './central.js';
import { ADMIN_PASSWORD } from './server.js';

/** A hall reached over HTTP (in this process or another one). */
export interface HallClient {
  url: string;
  tokens: Record<string, string>;
}

export async function hallClient(url: string): Promise<HallClient> {
  const tokens: Record<string, string> = {};
  for (const u of ['admin', 'city-staff', 'county-staff']) {
    const r = await api<SessionView>(url, 'POST', '/api/v1/session', { body: { username: u, password: u === 'admin' ? ADMIN_PASSWORD : `demo-${u}` } });
    if (r.status !== 201) throw new Error(`login ${u} at ${url}: ${r.status} ${JSON.stringify(r.body)}`);
    tokens[u] = r.body.token;
  }
  return { url, tokens };
}

async function ok<T>(h: HallClient, method: string, p: string, who?: string, body?: unknown): Promise<T> {
  const r = await api<T>(h.url, method, p, { ...(who ? { token: h.tokens[who] ?? '' } : {}), ...(body !== undefined ? { body } : {}) });
  if (r.status >= 300) throw new Error(`${method} ${h.url}${p}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const CITY = ['identity', 'residence', 'parking', 'lost-found'];
// Immigration is by appointment only in the demo hall: walk-ins go to the other county services.
const COUNTY = ['vehicles', 'licences'];

/**
 * A scripted busy stretch: `n` visitors arrive (city and county services), two counters call, serve and finish
 * most of them, with a no-show, a transfer and a cancellation along the way. Deterministic for a given seed.
 * Returns the time each request took (ms), to compare runs with and without central.
 */
export async function busyStretch(h: HallClient, n: number, seed: number): Promise<number[]> {
  const times: number[] = [];
  const timed = async <T>(f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      times.push(performance.now() - t0);
    }
  };
  await timed(() => ok(h, 'POST', '/api/v1/counters/1/open', 'city-staff'));
  await timed(() => ok(h, 'POST', '/api/v1/counters/4/open', 'county-staff'));
  const issued: IssueTicketResponse['ticket'][] = [];
  for (let i = 0; i < n; i++) {
    const list = (i + seed) % 3 === 0 ? COUNTY : CITY;
    const serviceId = list[(i * 7 + seed) % list.length] ?? 'identity';
    issued.push((await timed(() => ok<IssueTicketResponse>(h, 'POST', '/api/v1/tickets', undefined, { serviceId }))).ticket);
  }
  const cancel = issued[n - 1];
  if (cancel) await timed(() => ok(h, 'POST', `/api/v1/tickets/status/${cancel.statusToken}/cancel`));
  for (let round = 0; round < n; round++) {
    for (const [counter, who] of [['1', 'city-staff'], ['4', 'county-staff']] as const) {
      const r = await api(h.url, 'POST', `/api/v1/counters/${counter}/next`, { token: h.tokens[who] ?? '' });
      times.push(0);
      if (r.status !== 200 && r.status !== 201) continue; // queue empty
      if ((round + seed) % 5 === 4) {
        await timed(() => ok(h, 'POST', `/api/v1/counters/${counter}/no-show`, who));
        continue;
      }
      await timed(() => ok(h, 'POST', `/api/v1/counters/${counter}/start`, who));
      if (counter === '4' && round === 1) {
        await timed(() => ok(h, 'POST', `/api/v1/counters/4/transfer`, who, { serviceId: 'immigration' }));
        continue;
      }
      await timed(() => ok(h, 'POST', `/api/v1/counters/${counter}/finish`, who, { outcome: round % 2 === 0 ? 'resolved' : 'referred' }));
    }
  }
  await timed(() => ok(h, 'POST', '/api/v1/counters/1/close', 'city-staff'));
  await timed(() => ok(h, 'POST', '/api/v1/counters/4/close', 'county-staff'));
  return times;
}

export async function shippingStatus(h: HallClient): Promise<ShippingStatus> {
  return ok<ShippingStatus>(h, 'GET', '/api/v1/central-shipping', 'admin');
}

/** Waits until the hall says central holds every event (fails with the last status after `ms`). */
export async function waitShipped(h: HallClient, ms = 30_000): Promise<ShippingStatus> {
  const end = Date.now() + ms;
  let s = await shippingStatus(h);
  while (!(s.state === 'connected' && s.behindBy === 0)) {
    if (Date.now() > end) throw new Error(`hall ${h.url} did not finish shipping: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
    s = await shippingStatus(h);
  }
  return s;
}
