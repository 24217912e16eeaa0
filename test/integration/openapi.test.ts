import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../../server/src/protocol/client/routeDef.js';
import { ROUTE_KEYS, ROUTES } from '../../server/src/protocol/client/routes.js';
import { startServer, type TestServer } from '../support/server.js';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: object } } }; responses: Record<string, unknown> }>>;
  components: { schemas: { ErrorBody: object } };
}

describe('the OpenAPI document is served and held to the server', () => {
  let server: TestServer;
  let doc: Doc;

  beforeAll(async () => {
    server = await startServer();
    const r = await server.api<Doc>('GET', '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    doc = r.body;
  });
  afterAll(() => server.dispose());

  const key = (method: string, path: string) => `${method} ${path}`;

  it('every route the server registers is documented, and every documented route exists', () => {
    const registered = new Set(server.app.apiRoutes().map((r) => key(r.method, r.path)));
    const documented = new Set(ROUTE_KEYS.map((k) => ROUTES[k] as RouteDef).map((r) => key(r.method, r.path)));
    expect([...registered].filter((r) => !documented.has(r)), 'registered but not documented').toEqual([]);
    expect([...documented].filter((r) => !registered.has(r)), 'documented but not registered').toEqual([]);
    // …and the served document has exactly those operations.
    const inDoc = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => key(m.toUpperCase(), `/api/v1${p === '/' ? '' : p.replace(/\{(\w+)\}/g, ':$1')}`)));
    expect(new Set(inDoc)).toEqual(documented);
    expect(doc.openapi).toBe('3.1.0');
  });

  it("request bodies in the document accept what the server accepts and refuse what it refuses", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const schema = doc.paths['/tickets']?.post?.requestBody?.content['application/json'].schema;
    if (!schema) throw new Error('POST /tickets has no request schema');
    const valid = ajv.compile(schema);
    for (const body of [{ serviceId: 'identity' }, { serviceId: 'identity', language: 'fi', needs: ['hearing-loop'] }]) {
      expect(valid(body)).toBe(true);
      expect((await server.api('POST', '/api/v1/tickets', { body })).status).toBe(201);
    }
    for (const body of [{ serviceId: 42 }, { serviceId: 'identity', vip: true }, { serviceId: 'identity', language: 'xx' }, {}]) {
      expect(valid(body)).toBe(false);
      expect((await server.api('POST', '/api/v1/tickets', { body })).status).toBe(422);
    }
  });

  it("the server's error answers match the document's error schema", async () => {
    const ajv = new Ajv2020({ strict: false });
    const valid = ajv.compile(doc.components.schemas.ErrorBody);
    const token = await server.login('city-staff');
    const answers = await Promise.all([
      server.api('POST', '/api/v1/tickets', { body: '{"serviceId":' }),
      server.api('POST', '/api/v1/tickets', { body: { serviceId: 'nope' } }),
      server.api('GET', '/api/v1/admin/config', { token }),
      server.api('POST', '/api/v1/counters/1/next', {}),
      server.api('GET', '/api/v1/tickets/999999', { token }),
      server.api('GET', '/api/v1/audit?kind=nope', { token: await server.login('admin') }),
      server.api('POST', '/api/v1/session', { body: { username: 'x', password: 'y' } }),
    ]);
    for (const a of answers) {
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(valid(a.body), JSON.stringify(a.body)).toBe(true);
    }
  });

  it('GET /api/docs serves the reference page and its scripts from the server itself', async () => {
    const page = await fetch(`${server.url}/api/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'vuoro-docs.js']) {
      const r = await fetch(`${server.url}/api/docs/${file}`);
      expect(r.status, file).toBe(200);
    }
    expect(await (await fetch(`${server.url}/api/docs/vuoro-docs.js`)).text()).toContain('validatorUrl: null');
    const redirect = await fetch(`${server.url}/api/docs`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/api/docs/']);
  });
});
