import AjvDraft7 from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, SERVER_EVENTS, type IssueTicketResponse } from '../../server/src/protocol/index.js';
import { messageId } from '../../server/src/http/asyncapi.js';
import { joinSocket, startServer, type TestServer } from '../support/server.js';

const require = createRequire(import.meta.url);
/** The official JSON Schema of AsyncAPI 3.0.0 documents (package @asyncapi/specs). */
const ASYNCAPI_3 = (require('@asyncapi/specs') as { schemas: Record<string, object | undefined> }).schemas['3.0.0'] ?? {};

interface Message {
  name: string;
  payload?: { schemaFormat: string; schema: object };
  'x-audience'?: string[];
}
interface Doc {
  asyncapi: string;
  channels: Record<string, { messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string }; messages: { $ref: string }[]; reply?: { messages: { $ref: string }[] } }>;
  components: { messages: Record<string, Message> };
}

describe('the Socket.IO events are documented as AsyncAPI 3 and held to the server', () => {
  let server: TestServer;
  let doc: Doc;

  beforeAll(async () => {
    server = await startServer();
    const r = await server.api<Doc>('GET', '/api/v1/asyncapi.json');
    expect(r.status).toBe(200);
    doc = r.body;
  });
  afterAll(() => server.dispose());

  it('is a valid AsyncAPI 3.0 document by the specification’s own schema', () => {
    // The bundled schema carries its own copy of the draft-07 meta-schema: ajv must not add a second one.
    const ajv = new AjvDraft7.default({ strict: false, allErrors: true, meta: false, validateSchema: false, logger: false });
    const valid = ajv.compile(ASYNCAPI_3);
    expect(valid(doc), JSON.stringify(valid.errors?.slice(0, 5))).toBe(true);
    expect(doc.asyncapi).toBe('3.0.0');
    // The checker can fail: a document without info is refused.
    const { info: _info, ...broken } = doc as unknown as Record<string, unknown>;
    expect(valid(broken)).toBe(false);
  });

  it('names every event of protocol/events.ts, and every reference points at something', () => {
    const names = Object.values(doc.components.messages).map((m) => m.name);
    for (const event of Object.keys(SERVER_EVENTS)) expect(names, event).toContain(event);
    for (const event of Object.keys(CLIENT_EVENTS)) {
      expect(names, event).toContain(event);
      expect(names, `${event} ack`).toContain(`${event} acknowledgement`);
    }
    const resolve = (ref: string): unknown => ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    for (const [id, op] of Object.entries(doc.operations)) {
      for (const ref of [op.channel.$ref, ...op.messages.map((m) => m.$ref), ...(op.reply?.messages.map((m) => m.$ref) ?? [])]) {
        expect(resolve(ref), `${id}: ${ref}`).toBeDefined();
      }
    }
    // Each role's channel carries exactly the server events sent to that role.
    for (const [event, e] of Object.entries(SERVER_EVENTS)) {
      for (const role of ['display', 'kiosk', 'staff', 'visitor']) {
        const listed = doc.channels[role]?.messages[messageId(event)] !== undefined;
        expect(listed, `${event} on ${role}`).toBe((e.to as readonly string[]).includes(role));
      }
    }
  });

  it("the real server's events and snapshots match the document's payload schemas", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const byName = new Map(Object.values(doc.components.messages).map((m) => [m.name, m]));
    const check = (name: string, payload: unknown) => {
      const schema = byName.get(name)?.payload?.schema;
      if (!schema) throw new Error(`no payload schema for ${name}`);
      const valid = ajv.compile(schema);
      expect(valid(payload), `${name}: ${JSON.stringify(valid.errors?.slice(0, 3))}`).toBe(true);
    };
    const token = await server.login('city-staff');
    const display = await joinSocket(server.url, { role: 'display', displayId: 'hall' });
    const kiosk = await joinSocket(server.url, { role: 'kiosk', kioskId: 'entrance' });
    const staff = await joinSocket(server.url, { role: 'staff', token });
    for (const snapshot of [display.snapshot, kiosk.snapshot, staff.snapshot]) check('hall:join acknowledgement', { ok: true, data: snapshot });
    const seen: [string, unknown][] = [];
    for (const s of [display.socket, kiosk.socket, staff.socket]) s.onAny((event: string, payload: unknown) => seen.push([event, payload]));
    const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', needs: ['low-desk'] } });
    const visitor = await joinSocket(server.url, { role: 'visitor', statusToken: issued.body.ticket.statusToken });
    check('hall:join acknowledgement', { ok: true, data: visitor.snapshot });
    visitor.socket.onAny((event: string, payload: unknown) => seen.push([event, payload]));
    await server.api('POST', '/api/v1/counters/1/open', { token });
    await server.api('POST', '/api/v1/counters/1/next', { token });
    await server.api('PUT', '/api/v1/announcement', { token: await server.login('city-supervisor'), body: { text: 'Welcome' } });
    const wanted = ['ticket:called', 'queue:changed', 'counter:changed', 'ticket:changed', 'visitor:status', 'hall:announcement'];
    await expect.poll(() => wanted.filter((w) => !seen.some(([e]) => e === w)), { timeout: 5000 }).toEqual([]);
    for (const [event, payload] of seen) check(event, payload);
    // A wrong payload is refused by the same schemas.
    const wrong = ajv.compile(byName.get('ticket:called')?.payload?.schema ?? {});
    expect(wrong({ seq: 1, call: { ticketId: 'x' } })).toBe(false);
    const ack = await new Promise<unknown>((resolve) => display.socket.emit('hall:snapshot', resolve));
    check('hall:snapshot acknowledgement', ack);
    for (const s of [display.socket, kiosk.socket, staff.socket, visitor.socket]) s.close();
  });

  it('is linked from the reference page', async () => {
    const page = await (await fetch(`${server.url}/api/docs/`)).text();
    expect(page).toContain('href="/api/v1/asyncapi.json"');
  });
});
