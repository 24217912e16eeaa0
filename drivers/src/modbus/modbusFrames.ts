import { hasValidCrc, withCrc } from './crc16.js';

export const WRITE_SINGLE_REGISTER = 0x06;
export const WRITE_MULTIPLE_REGISTERS = 0x10;
/** Unit 0 is broadcast: every slave acts, none answers. */
export const BROADCAST_UNIT = 0;

/** Function 06: unit, 06, address (2), value (2), CRC. Unit 1, reg 0, 123 = 01 06 00 00 00 7B C9 E9. */
export function writeSingleRegister(unit: number, address: number, value: number): Buffer {
  return withCrc(Uint8Array.from([unit, WRITE_SINGLE_REGISTER, address >> 8, address & 0xff, (value >> 8) & 0xff, value & 0xff]));
}

/** Function 16: unit, 10, address (2), count (2), byte count, values (2 each, big-endian), CRC. */
export function writeMultipleRegisters(unit: number, address: number, values: readonly number[]): Buffer {
  const body = [unit, WRITE_MULTIPLE_REGISTERS, address >> 8, address & 0xff, values.length >> 8, values.length & 0xff, values.length * 2];
  for (const value of values) body.push((value >> 8) & 0xff, value & 0xff);
  return withCrc(Uint8Array.from(body));
}

const EXCEPTIONS: Record<number, string> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'slave device failure',
  6: 'slave device busy',
};

/**
 * Response matcher for a write request: finds the first CRC-valid normal
 * answer (8 bytes for functions 06 and 16) or exception (5 bytes) from `unit`
 * in the received bytes, skipping noise before it. Returns how many bytes
 * the answer and the noise before it take (0 = not complete yet).
 */
export function matchWriteResponse(unit: number, fn: number): (received: Buffer) => number {
  return (received) => {
    for (let start = 0; start < received.length; start += 1) {
      if (received[start] !== unit) continue;
      const code = received[start + 1];
      const length = code === fn ? 8 : code === (fn | 0x80) ? 5 : 0;
      if (length === 0 || start + length > received.length) continue;
      if (hasValidCrc(received.subarray(start, start + length))) return start + length;
    }
    return 0;
  };
}

/** null for a normal answer (as matched by matchWriteResponse), or the exception as an Error. */
export function responseError(answer: Buffer, fn: number): Error | null {
  const normal = answer.subarray(Math.max(0, answer.length - 8));
  if (normal.length === 8 && normal[1] === fn && hasValidCrc(normal)) return null;
  const exception = answer.subarray(Math.max(0, answer.length - 5));
  if (exception.length !== 5 || exception[1] !== (fn | 0x80)) return new Error('modbus answer could not be read');
  const code = exception[2] ?? 0;
  return new Error(`modbus exception ${code} (${EXCEPTIONS[code] ?? 'unknown'}) from unit ${exception[0] ?? '?'}`);
}
