import type { ServerEventName, ServerToClientEvents } from '../protocol/index.js';

/** The numbered channels: each has its own sequence; a client that sees a gap asks for a snapshot. */
export type Channel = 'display' | 'kiosk' | 'staff';
export const CHANNELS: readonly Channel[] = ['display', 'kiosk', 'staff'];

export type Payload<E extends ServerEventName> = Omit<Parameters<ServerToClientEvents[E]>[0], 'seq'>;

/** One message for every socket of a channel; the channel's next sequence number is added as it is sent. */
export type Outgoing = { [E in ServerEventName]: { channel: Channel; event: E; payload: Payload<E> } }[ServerEventName];

export function outgoing<E extends ServerEventName>(channel: Channel, event: E, payload: Payload<E>): Outgoing {
  return { channel, event, payload } as Outgoing;
}
