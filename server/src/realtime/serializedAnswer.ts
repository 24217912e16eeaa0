import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/**
 * An acknowledgement already turned into JSON. Given to an ack callback, it is sent as it is: the socket.io wire
 * format does not change (clients parse it as any other answer), only the server's work does — an answer shared by a
 * thousand screens is serialized once, not once per screen.
 */
export class SerializedAnswer {
  constructor(readonly json: string) {}
}

/** socket.io's encoder, except that an acknowledgement carrying one SerializedAnswer is written from its JSON. */
class AnswerEncoder extends Encoder {
  override encode(packet: Packet): unknown[] {
    const data: unknown = packet.data;
    if (packet.type === PacketType.ACK && Array.isArray(data) && data.length === 1 && data[0] instanceof SerializedAnswer) {
      // As encodeAsString writes an ACK: type, the namespace if not "/", the id, then the JSON array of arguments.
      const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
      return [`${packet.type}${nsp}${packet.id ?? ''}[${data[0].json}]`];
    }
    return super.encode(packet);
  }
}

/** The parser the realtime server runs with (`new Server(http, { parser })`). */
export const answerParser = { Encoder: AnswerEncoder, Decoder };
