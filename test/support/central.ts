import type { AddressInfo } from 'node:net';
import { createCentralApp, type CentralApp } from '../../server/src/central/centralApp.js';
import { loadCentralConfig } from '../../server/src/config.js';
import type { HallCredential, SessionView } from '../../server/src/protocol/index.js';
import { ADMIN_PASSWORD } from './server.js';

export interface TestCentral {
  url: string;
  app: CentralApp;
  api<T = unknown>(method: string, p: string, opts?: { token?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  login(username: string, password?: string): Promise<string>;
  /** Registers a hall as the admin; returns its credential. */
  registerHall(id: string, name: string): Promise<HallCredential>;
  stop(): Promise<void>;
}

export async function api<T>(url: string, method: string, p: string, o: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url + p, { method, headers, ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}) });
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, body: body as T };
}

/** The central server in this process on port 0, on the given PostgreSQL database. */
export async function startCentral(databaseUrl: string, port = 0, env: Record<string, string> = {}): Promise<TestCentral> {
  const app = await createCentralApp({
    config: loadCentralConfig({ VUORO_DATABASE_URL: databaseUrl, VUORO_ADMIN_PASSWORD: ADMIN_PASSWORD, VUORO_TIME_ZONE: 'Europe/Helsinki', ...env }),
    log: () => undefined,
  });
  await new Promise<void>((resolve) => app.http.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  let adminToken: string | undefined;
  const central: TestCentral = {
    url,
    app,
    api: (method, p, o) => api(url, method, p, o),
    async login(username, password = ADMIN_PASSWORD) {
      const r = await api<SessionView>(url, 'POST', '/api/v1/session', { body: { username, password } });
      if (r.status !== 201) throw new Error(`central login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
    async registerHall(id, name) {
      adminToken ??= await central.login('admin');
      const r = await api<HallCredential>(url, 'POST', '/api/v1/central/halls', { token: adminToken, body: { id, name } });
      if (r.status !== 201) throw new Error(`register hall ${id}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    stop: () => app.close(),
  };
  return central;
}
