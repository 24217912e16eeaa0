import { describe, expect, it } from 'vitest';
import { crc16Modbus, hasValidCrc, withCrc } from './crc16.js';
import { matchWriteResponse, responseError, writeMultipleRegisters, writeSingleRegister } from './modbusFrames.js';

/** Unit 1, function 06, register 0x0000, value 0x007B (123), CRC 0xE9C9 sent low byte first. */
const SHOW_123_ON_UNIT_1 = [0x01, 0x06, 0x00, 0x00, 0x00, 0x7b, 0xc9, 0xe9];
/** Unit 1, function 03, register 0, count 1: the textbook example whose CRC is 84 0A. */
const READ_ONE_REGISTER = [0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x84, 0x0a];

describe('CRC-16/Modbus', () => {
  it('gives the standard check value 0x4B37 for "123456789"', () => {
    expect(crc16Modbus(Buffer.from('123456789'))).toBe(0x4b37);
  });

  it('validates frames from the Modbus examples', () => {
    expect(hasValidCrc(Uint8Array.from(READ_ONE_REGISTER))).toBe(true);
    expect(hasValidCrc(Uint8Array.from(SHOW_123_ON_UNIT_1))).toBe(true);
    expect(hasValidCrc(Uint8Array.from([...SHOW_123_ON_UNIT_1.slice(0, 7), 0x00]))).toBe(false);
  });
});

describe('Modbus RTU write frames', () => {
  it('writes 123 to register 0 of unit 1 as 01 06 00 00 00 7B C9 E9', () => {
    expect([...writeSingleRegister(1, 0, 123)]).toEqual(SHOW_123_ON_UNIT_1);
  });

  it('writes several registers with function 16 and a byte count', () => {
    const frame = writeMultipleRegisters(1, 0, [0x4130, 0x3132]);
    expect([...frame.subarray(0, 11)]).toEqual([0x01, 0x10, 0x00, 0x00, 0x00, 0x02, 0x04, 0x41, 0x30, 0x31, 0x32]);
    expect(hasValidCrc(frame)).toBe(true);
  });

  it('finds the echoed answer behind line noise and only once it is complete', () => {
    const match = matchWriteResponse(1, 0x06);
    const noisy = Buffer.from([0x00, 0xff, ...SHOW_123_ON_UNIT_1]);
    expect(match(noisy.subarray(0, 7))).toBe(0);
    expect(match(noisy)).toBe(10);
    expect(responseError(noisy, 0x06)).toBeNull();
  });

  it('recognises an exception answer and names it', () => {
    // Unit 1, function 06 with the exception bit (0x86), code 02, CRC.
    const answer = withCrc(Uint8Array.from([0x01, 0x86, 0x02]));
    expect(matchWriteResponse(1, 0x06)(answer)).toBe(5);
    expect(responseError(answer, 0x06)?.message).toBe('modbus exception 2 (illegal data address) from unit 1');
  });
});
