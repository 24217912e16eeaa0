import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelayBoard } from './RelayBoard.js';
import { kmtronicFrame, lcusFrame, numatoFrame, relayFrame } from './relayFrames.js';
import { SerialLink } from '../link/SerialLink.js';
import type { DeviceStatus } from '../deviceStatus.js';
import { MockBinding, UnpluggableMockBinding } from '../testing/unpluggableMockBinding.js';
import { waitForEvent, waitUntil } from '../testing/waitFor.js';

/** LCUS channel 1 on: start A0, channel 01, state 01, sum A0+01+01 = A2. */
const LCUS_CH1_ON = [0xa0, 0x01, 0x01, 0xa2];
/** LCUS channel 1 off: sum A0+01+00 = A1. */
const LCUS_CH1_OFF = [0xa0, 0x01, 0x00, 0xa1];
/** LCUS channel 4 on: sum A0+04+01 = A5. */
const LCUS_CH4_ON = [0xa0, 0x04, 0x01, 0xa5];
/** KMTronic channel 1 on / channel 8 off. */
const KMTRONIC_CH1_ON = [0xff, 0x01, 0x01];
const KMTRONIC_CH8_OFF = [0xff, 0x08, 0x00];
/** Numato relay 0 on, relay 12 ("C") off, each ended by CR. */
const NUMATO_0_ON = 'relay on 0\r';
const NUMATO_12_OFF = 'relay off C\r';

const PATH = '/dev/ttyRELAY';

describe('relay frames', () => {
  it('builds LCUS frames with the additive checksum', () => {
    expect([...lcusFrame(1, true)]).toEqual(LCUS_CH1_ON);
    expect([...lcusFrame(1, false)]).toEqual(LCUS_CH1_OFF);
    expect([...lcusFrame(4, true)]).toEqual(LCUS_CH4_ON);
    expect([...lcusFrame(255, true)]).toEqual([0xa0, 0xff, 0x01, 0xa0]); // sum wraps at 0xFF
  });

  it('builds KMTronic frames', () => {
    expect([...kmtronicFrame(1, true)]).toEqual(KMTRONIC_CH1_ON);
    expect([...kmtronicFrame(8, false)]).toEqual(KMTRONIC_CH8_OFF);
  });

  it('builds Numato ASCII commands, lettering relays from 10 up', () => {
    expect(numatoFrame(0, true).toString('ascii')).toBe(NUMATO_0_ON);
    expect(numatoFrame(12, false).toString('ascii')).toBe(NUMATO_12_OFF);
  });

  it('rejects channels a board does not have with a message naming the valid range', () => {
    expect(relayFrame('lcus', 0, true)).toEqual(new Error('relay channel 0 is not valid for lcus boards (use 1–255)'));
    expect(relayFrame('numato', 32, true)).toBeInstanceOf(Error);
    expect(relayFrame('kmtronic', 1.5, true)).toBeInstanceOf(Error);
  });
});

describe('RelayBoard', () => {
  let binding: UnpluggableMockBinding;
  let board: RelayBoard;

  beforeEach(() => {
    MockBinding.reset();
    MockBinding.createPort(PATH, { record: true, echo: false });
    binding = new UnpluggableMockBinding();
  });

  afterEach(async () => {
    await board.close();
  });

  const openBoard = async (protocol: 'lcus' | 'kmtronic' | 'numato'): Promise<void> => {
    const link = new SerialLink({ path: PATH, baudRate: 9600, binding, reconnect: { initialDelayMs: 5, maxDelayMs: 40 } });
    board = new RelayBoard({ link, protocol });
    board.on('error', () => undefined);
    await board.open();
  };

  it.each([
    ['lcus', 1, [...LCUS_CH1_ON, ...LCUS_CH1_OFF]],
    ['kmtronic', 1, [...KMTRONIC_CH1_ON, 0xff, 0x01, 0x00]],
    ['numato', 0, [...Buffer.from(`${NUMATO_0_ON}relay off 0\r`)]],
  ] as const)('switches a %s board on and off with the right bytes', async (protocol, channel, expected) => {
    await openBoard(protocol);
    expect(await board.set(channel, true)).toEqual({ ok: true });
    expect(await board.set(channel, false)).toEqual({ ok: true });
    expect([...binding.port(PATH).recording]).toEqual(expected);
    expect(board.status.state).toBe('ready');
  });

  it('answers an invalid channel with ok:false instead of throwing', async () => {
    await openBoard('lcus');
    const outcome = await board.set(0, true);
    expect(outcome).toEqual({ ok: false, message: 'relay channel 0 is not valid for lcus boards (use 1–255)' });
    expect(binding.port(PATH).recording.length).toBe(0);
  });

  it('reports offline when unplugged and sets the lamp again once the board is back', async () => {
    await openBoard('lcus');
    await board.set(1, true);
    const offline = waitForEvent<[DeviceStatus]>(board, 'status', (s) => s.state === 'offline');
    binding.unplug(PATH);
    await offline;
    expect((await board.set(1, false)).ok).toBe(false);
    binding.replug(PATH);
    await waitUntil(() => binding.isOpen(PATH) && binding.port(PATH).recording.length === 4, 'the wanted state was restored');
    expect([...binding.port(PATH).recording]).toEqual(LCUS_CH1_OFF);
    expect(board.status.state).toBe('ready');
  });
});
