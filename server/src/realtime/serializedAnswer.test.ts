import { describe, expect, it } from 'vitest';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { answerParser, SerializedAnswer } from './serializedAnswer.js';

const answer = { ok: true, data: { role: 'display', seq: 12, text: 'Numero "A001" → tiski 3', nested: [1, null, { x: 'ä' }] } };

function decode(wire: unknown): Packet {
  const decoder = new Decoder();
  let got: Packet | undefined;
  decoder.on('decoded', (p: Packet) => {
    got = p;
  });
  decoder.add(wire as string);
  if (!got) throw new Error('nothing decoded');
  return got;
}

describe('answers serialized once are written as socket.io writes any answer', () => {
  it.each(['/', '/admin'])('an ack with a serialized answer is the same wire text as the object itself (namespace %s)', (nsp) => {
    const plain = new Encoder().encode({ type: PacketType.ACK, nsp, id: 42, data: [answer] });
    const fast = new answerParser.Encoder().encode({ type: PacketType.ACK, nsp, id: 42, data: [new SerializedAnswer(JSON.stringify(answer))] });
    expect(fast).toEqual(plain);
    expect(decode(fast[0])).toEqual({ type: PacketType.ACK, nsp, id: 42, data: [answer] });
  });

  it('every other packet is encoded by socket.io itself', () => {
    const event: Packet = { type: PacketType.EVENT, nsp: '/', data: ['ticket:called', answer] };
    expect(new answerParser.Encoder().encode(event)).toEqual(new Encoder().encode(event));
    const binary: Packet = { type: PacketType.ACK, nsp: '/', id: 1, data: [{ clip: Buffer.from([1, 2, 3]) }] };
    expect(new answerParser.Encoder().encode(binary)).toEqual(new Encoder().encode(binary));
  });
});
