import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CounterDisplay } from './CounterDisplay.js';
import { registersFor } from './counterDisplayMapping.js';
import { SerialLink } from '../link/SerialLink.js';
import { hasValidCrc, withCrc } from '../modbus/crc16.js';
import { MockBinding, UnpluggableMockBinding } from '../testing/unpluggableMockBinding.js';

const PATH = '/dev/ttyDISPLAY';
/** 01 06 00 00 00 7B C9 E9: unit 1 shows 123. */
const SHOW_123 = [0x01, 0x06, 0x00, 0x00, 0x00, 0x7b, 0xc9, 0xe9];
/** 01 06 00 01 00 00 + CRC: letter register cleared. */
const NO_LETTER = [...withCrc(Uint8Array.from([0x01, 0x06, 0x00, 0x01, 0x00, 0x00]))];

describe('counter display register mapping', () => {
  it('splits "A012" into number 12 and the letter A as ASCII', () => {
    expect(registersFor({ kind: 'number' }, 'A012')).toEqual([
      { address: 0, values: [12] },
      { address: 1, values: [0x41] },
    ]);
  });

  it('writes text two ASCII characters per register, padded with spaces', () => {
    expect(registersFor({ kind: 'text', textLength: 6 }, 'A012')).toEqual([{ address: 0, values: [0x4130, 0x3132, 0x2020] }]);
    expect(registersFor({ kind: 'text', textLength: 4 }, null)).toEqual([{ address: 0, values: [0x2020, 0x2020] }]);
  });

  it('refuses text it cannot show', () => {
    expect(registersFor({ kind: 'number' }, 'Ä1')).toBeInstanceOf(Error);
    expect(registersFor({ kind: 'number' }, '99999')).toBeInstanceOf(Error);
  });
});

describe('CounterDisplay', () => {
  let binding: UnpluggableMockBinding;
  let display: CounterDisplay;
  let answering: boolean;

  beforeEach(async () => {
    MockBinding.reset();
    MockBinding.createPort(PATH, { record: true, echo: false });
    binding = new UnpluggableMockBinding();
    answering = true;
    // A Modbus slave echoes a valid function 06 request as its answer.
    binding.attachDevice(PATH, (data) => {
      if (answering && data.length === 8 && hasValidCrc(data)) binding.port(PATH).emitData(data);
    });
    const link = new SerialLink({ path: PATH, baudRate: 9600, binding });
    display = new CounterDisplay({ link, unit: 1, responseTimeoutMs: 100, retries: 1 });
    display.on('error', () => undefined);
    await display.open();
  });

  afterEach(async () => {
    await display.close();
  });

  it('shows 123 on unit 1 with the frame 01 06 00 00 00 7B C9 E9', async () => {
    expect(await display.show('123')).toEqual({ ok: true });
    expect([...binding.port(PATH).recording]).toEqual([...SHOW_123, ...NO_LETTER]);
    expect(display.status.state).toBe('ready');
  });

  it('blanks the display by writing zero to both registers', async () => {
    expect(await display.blank()).toEqual({ ok: true });
    expect([...binding.port(PATH).recording.subarray(0, 6)]).toEqual([0x01, 0x06, 0x00, 0x00, 0x00, 0x00]);
  });

  it('retries once, then reports a silent display offline without throwing', async () => {
    answering = false;
    const outcome = await display.show('A012');
    expect(outcome.ok).toBe(false);
    expect(display.status).toMatchObject({ state: 'offline' });
    expect(display.status.lastError).toBe(
      `showing A012 on unit 1 failed: modbus write register 0 (function 06) got no answer within 100 ms on serial ${PATH}`,
    );
    expect(binding.port(PATH).recording.length).toBe(16); // the frame and one retry
  });

  it('rejects text that is not a ticket number with ok:false', async () => {
    expect(await display.show('hello')).toEqual({ ok: false, message: '"hello" is not a number with an optional letter prefix (e.g. "A012")' });
  });
});
