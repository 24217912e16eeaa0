import { z } from 'zod';
import { CLIENT_EVENTS, SERVER_EVENTS, type EventAudience } from '../protocol/index.js';

/**
 * The AsyncAPI 3.0 document of the Socket.IO events, built at start from `protocol/events.ts` (`SERVER_EVENTS`,
 * `CLIENT_EVENTS`) with zod's `toJSONSchema` (JSON Schema draft 2020-12 payloads, declared with `schemaFormat`).
 * It describes the server: it sends the server events on the channel of each audience (display, kiosk, staff,
 * visitor) and receives the client events, answering each with an acknowledgement (the operation's reply).
 */

type Json = Record<string, unknown>;

const SCHEMA_FORMAT = 'application/schema+json;version=draft-2020-12';
const AUDIENCES: readonly EventAudience[] = ['display', 'kiosk', 'staff', 'visitor'];

function schema(s: z.ZodType): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) as Json;
  return rest;
}

/** `ticket:called` → `ticketCalled` (AsyncAPI component keys allow no colon). */
export function messageId(event: string): string {
  return event.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
}

const ROLE_TEXT: Record<EventAudience, string> = {
  display: 'Waiting-room displays (`hall:join` with role display).',
  kiosk: 'Ticket kiosks (role kiosk).',
  staff: 'Signed-in staff (role staff, with a session token); counter events also go to `counter:<id>` rooms.',
  visitor: "A visitor's status page (role visitor, with the ticket's status token): only their own ticket.",
};

export function asyncApiDocument(version: string): Json {
  const messages: Record<string, Json> = {};
  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};

  for (const [event, e] of Object.entries(SERVER_EVENTS) as [keyof typeof SERVER_EVENTS, (typeof SERVER_EVENTS)[keyof typeof SERVER_EVENTS]][]) {
    messages[messageId(event)] = {
      name: event,
      title: event,
      summary: e.summary,
      payload: { schemaFormat: SCHEMA_FORMAT, schema: schema(e.payload) },
      'x-audience': [...e.to],
    };
  }
  for (const [event, e] of Object.entries(CLIENT_EVENTS)) {
    const id = messageId(event);
    messages[id] = {
      name: event,
      title: event,
      summary: e.summary,
      ...(e.request ? { payload: { schemaFormat: SCHEMA_FORMAT, schema: schema(e.request) } } : {}),
    };
    messages[`${id}Ack`] = {
      name: `${event} acknowledgement`,
      title: `${event} acknowledgement`,
      summary: `The acknowledgement of ${event}: { ok: true, data } or { ok: false, error }.`,
      payload: { schemaFormat: SCHEMA_FORMAT, schema: schema(e.ack) },
    };
  }

  for (const role of AUDIENCES) {
    const sent = Object.entries(SERVER_EVENTS).filter(([, e]) => (e.to as readonly EventAudience[]).includes(role));
    const received = Object.keys(CLIENT_EVENTS);
    const refs: Record<string, Json> = {};
    for (const [event] of sent) refs[messageId(event)] = { $ref: `#/components/messages/${messageId(event)}` };
    for (const event of received) {
      refs[messageId(event)] = { $ref: `#/components/messages/${messageId(event)}` };
      refs[`${messageId(event)}Ack`] = { $ref: `#/components/messages/${messageId(event)}Ack` };
    }
    channels[role] = { address: null, title: role, description: ROLE_TEXT[role], messages: refs };
    for (const [event] of sent) {
      operations[`send${messageId(`-${event}`)}To${messageId(`-${role}`)}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${role}` },
        summary: `${event} to ${role} sockets`,
        messages: [{ $ref: `#/channels/${role}/messages/${messageId(event)}` }],
      };
    }
    for (const event of received) {
      operations[`receive${messageId(`-${event}`)}From${messageId(`-${role}`)}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${role}` },
        summary: `${event} from ${role} sockets`,
        messages: [{ $ref: `#/channels/${role}/messages/${messageId(event)}` }],
        reply: { channel: { $ref: `#/channels/${role}` }, messages: [{ $ref: `#/channels/${role}/messages/${messageId(event)}Ack` }] },
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Vuoro realtime events',
      version,
      description:
        'Socket.IO at /socket.io on the hall server. A client connects, emits hall:join with its role and gets a snapshot in ' +
        'the acknowledgement; the server then pushes the events of that role, each (but session:ended) with the channel ' +
        'sequence number `seq`. A gap in seq or a new `epoch` in a snapshot means: emit hall:snapshot. The HTTP API is ' +
        'described by /api/v1/openapi.json.',
    },
    servers: {
      hall: {
        host: 'localhost:8080',
        pathname: '/socket.io',
        protocol: 'ws',
        description: 'The hall server (its own host and port); Socket.IO over WebSocket, with HTTP long-polling as fallback.',
      },
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
