import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp, type App, type AppDeps } from '../../server/src/app.js';
import { loadConfig, DEMO_HALL_FILE } from '../../server/src/config.js';
import { DirectoryConfig, type DirectoryConfigInput } from '../../server/src/directory/directoryConfig.js';
import type { ClientToServerEvents, HallConfigInput, JoinRequest, ServerToClientEvents, SessionView, Snapshot } from '../../server/src/protocol/index.js';
import { readFileSync } from 'node:fs';
import { assertContract } from './contract.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** The demo hall's config as JSON, for tests that start from it and change a little. */
export function demoHall(): HallConfigInput {
  return JSON.parse(readFileSync(DEMO_HALL_FILE, 'utf8')) as HallConfigInput;
}

export interface TestServer {
  url: string;
  app: App;
  dataDir: string;
  /** Stops the server; the data directory stays until `dispose`. */
  stop(): Promise<void>;
  /** Starts a new server on the same data directory (a restart). */
  restart(): Promise<TestServer>;
  dispose(): Promise<void>;
  login(username: string, password?: string): Promise<string>;
  /** Calls the API; an answer that breaks the OpenAPI document (status or body) throws. */
  api<T = unknown>(method: string, p: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T }>;
}

export interface StartOptions {
  hall?: HallConfigInput;
  now?: () => number;
  /** The clock that never jumps (lockouts, rate windows); default performance.now. */
  monotonic?: () => number;
  devices?: AppDeps['devices'];
  webhooks?: AppDeps['webhooks'];
  notifications?: AppDeps['notifications'];
  /** LDAP sign-in settings (as in a VUORO_DIRECTORY file). */
  directory?: DirectoryConfigInput;
  dataDir?: string;
  port?: number;
  /** Receives the server's log lines (silent by default). */
  log?: AppDeps['log'];
  /** Where the server's structured log goes (by default nowhere). */
  logger?: AppDeps['logger'];
  /** The release the server reports (health, screens); by default server/package.json's. */
  version?: string;
  /** Extra environment variables (VUORO_*), as the process would read them. */
  env?: Record<string, string>;
}

/** The real server on port 0 with a real SQLite file in a temp folder. */
export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'vuoro-test-'));
  // Tests issue many tickets from one address; the anonymous issue limit has its own test.
  const env: Record<string, string> = { VUORO_DATA_DIR: dataDir, VUORO_ADMIN_PASSWORD: ADMIN_PASSWORD, VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '100000', VUORO_PUBLIC_READS_PER_MINUTE: '100000', VUORO_TOKEN_MISSES_PER_MINUTE: '100000', VUORO_SIGN_INS_PER_MINUTE: '100000', VUORO_NOTIFY_REQUESTS_PER_MINUTE: '100000', ...opts.env };
  if (opts.hall) {
    const file = path.join(dataDir, 'hall.json');
    writeFileSync(file, JSON.stringify(opts.hall));
    env.VUORO_CONFIG = file;
  }
  const app = await createApp({
    config: { ...loadConfig(env), ...(opts.directory ? { directory: DirectoryConfig.parse(opts.directory) } : {}) },
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.monotonic ? { monotonic: opts.monotonic } : {}),
    ...(opts.devices ? { devices: opts.devices } : {}),
    ...(opts.webhooks ? { webhooks: opts.webhooks } : {}),
    ...(opts.notifications ? { notifications: opts.notifications } : {}),
    ...(opts.version ? { version: opts.version } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.log || !opts.logger ? { log: opts.log ?? (() => undefined) } : {}),
  });
  await new Promise<void>((resolve) => app.http.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (app.http.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const server: TestServer = {
    url,
    app,
    dataDir,
    stop: () => app.close(),
    restart: async () => {
      await app.close();
      return startServer({ ...opts, dataDir, port });
    },
    dispose: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async api<T>(method: string, p: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(url + p, {
        method,
        headers,
        ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}),
      });
      const text = await res.text();
      const body = (text ? JSON.parse(text) : null) as T;
      // Every answer of a documented route is held to the OpenAPI document (test/support/contract.ts).
      assertContract(method, url + p, res.status, res.headers.get('content-type'), body);
      return { status: res.status, body };
    },
    async login(username: string, password?: string) {
      const pw = password ?? (username === 'admin' ? ADMIN_PASSWORD : `demo-${username}`);
      const r = await server.api<SessionView>('POST', '/api/v1/session', { body: { username, password: pw } });
      if (r.status !== 201) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
  };
  return server;
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client joined with `req`; resolves with the socket and its first snapshot. */
export async function joinSocket(url: string, req: JoinRequest): Promise<{ socket: ClientSocket; snapshot: Snapshot }> {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  const snapshot = await new Promise<Snapshot>((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.emit('hall:join', req, (res) => (res.ok ? resolve(res.data) : reject(new Error(res.error.message))));
  });
  return { socket, snapshot };
}

/** Waits for one event on a socket, with a clear failure after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  ms = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event as 'hall:config', ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    }) as never);
  });
}
