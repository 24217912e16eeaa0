import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import type { DeviceStatusView, IssueTicketResponse, TicketView } from '../../server/src/protocol/index.js';
import { deviceHubFactory, type DeviceHubFactory } from '../../server/src/devices/deviceHub.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';
import { startSocatPair, type SocatPair } from '../support/socat.js';

// LCUS relay frames: A0 <channel> <state> <sum of the three bytes>.
const LOOP_ON = 'a0 01 01 a2';
const LOOP_OFF = 'a0 01 00 a1';
// Modbus RTU function 06 to unit 2, CRC-16/Modbus low byte first (checked by hand against the CRC algorithm).
const NUMBER_1 = '02 06 00 00 00 01 48 39'; // register 0 = 1
const NUMBER_2 = '02 06 00 00 00 02 08 38'; // register 0 = 2
const NUMBER_3 = '02 06 00 00 00 03 c9 f8'; // register 0 = 3
const LETTER_B = '02 06 00 01 00 42 58 08'; // register 1 = "B"
const BLANK_NUMBER = '02 06 00 00 00 00 89 f9'; // register 0 = 0
const BLANK_LETTER = '02 06 00 01 00 00 d8 39'; // register 1 = 0

async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').replace(/(..)(?=.)/g, '$1 ');

/**
 * Plays a device on the far end of a socat pair: records every byte as hex and,
 * for a Modbus display, echoes each 8-byte function 06 frame as the slave would.
 */
class SerialDevicePlayer {
  received = '';
  #port: SerialPort | null = null;
  #pending = Buffer.alloc(0);

  constructor(
    private readonly path: string,
    private readonly echoModbus = false,
  ) {}

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('error', () => undefined);
    port.on('data', (chunk: Buffer) => {
      this.received = this.received ? `${this.received} ${hex(chunk)}` : hex(chunk);
      if (!this.echoModbus) return;
      this.#pending = Buffer.concat([this.#pending, chunk]);
      while (this.#pending.length >= 8) {
        port.write(this.#pending.subarray(0, 8));
        this.#pending = this.#pending.subarray(8);
      }
    });
    this.#port = port;
  }

  /** Bytes received after `mark` (a previous length of `received`). */
  since(mark: number): string {
    return this.received.slice(mark);
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    this.#pending = Buffer.alloc(0);
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

describe('a hearing-loop lamp and an LED number display follow counter 2 (socat pty pairs)', () => {
  let relayPair: SocatPair;
  let displayPair: SocatPair;
  let lamp: SerialDevicePlayer;
  let led: SerialDevicePlayer;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    relayPair = await startSocatPair();
    displayPair = await startSocatPair();
    lamp = new SerialDevicePlayer(relayPair.b);
    led = new SerialDevicePlayer(displayPair.b, true);
    await lamp.open();
    await led.open();
    const hall = demoHall();
    hall.devices = [
      { id: 'loop-sign-2', kind: 'relay', protocol: 'lcus', channel: 1, counterId: '2', link: { type: 'serial', path: relayPair.a } },
      { id: 'led-2', kind: 'counter-display', protocol: 'modbus', unit: 2, counterId: '2', link: { type: 'serial', path: displayPair.a } },
    ];
    // The refresh resends each device its state: bytes written while the far end of a pty is not yet reopened are lost.
    const make = deviceHubFactory({
      reconnect: { initialDelayMs: 50, maxDelayMs: 400 },
      display: { responseTimeoutMs: 1000 },
      refreshIntervalMs: 300,
      log: () => undefined,
    });
    let ready: Promise<void> | undefined;
    const factory: DeviceHubFactory = (s, notify) => {
      const hub = make(s, notify);
      ready = hub.ready;
      return hub;
    };
    server = await startServer({ hall, devices: factory });
    await ready;
    token = await server.login('city-staff');
  });

  afterAll(async () => {
    await server?.dispose();
    await lamp?.close();
    await led?.close();
    await relayPair?.close();
    await displayPair?.close();
  });

  const act = async (what: string, body?: unknown) => {
    const r = await server.api<TicketView>('POST', `/api/v1/counters/2/${what}`, { token, ...(body ? { body } : {}) });
    expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(200);
    return r.body;
  };
  const issue = async (serviceId: string) => {
    const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId } });
    expect(r.status).toBe(201);
    return r.body.ticket;
  };

  it('at start the lamp is off and the display blank, as counter 2 is closed', async () => {
    await eventually(() => lamp.received.includes(LOOP_OFF), 'the lamp is switched off');
    await eventually(() => led.received.includes(`${BLANK_NUMBER} ${BLANK_LETTER}`), 'the display is blanked');
    const devices = await server.api<DeviceStatusView[]>('GET', '/api/v1/devices', { token });
    expect(devices.body.map((d) => [d.id, d.kind, d.counterId, d.state])).toEqual([
      ['loop-sign-2', 'relay', '2', 'ready'],
      ['led-2', 'counter-display', '2', 'ready'],
    ]);
  });

  it('a call lights the lamp and shows the number; finishing turns both off', async () => {
    await act('open');
    const ticket = await issue('residence');
    expect(ticket.number).toBe('B001');
    const lampMark = lamp.received.length;
    const ledMark = led.received.length;
    await act('next');
    await eventually(() => lamp.since(lampMark).includes(LOOP_ON), 'the hearing-loop lamp is on');
    await eventually(() => led.since(ledMark).includes(`${NUMBER_1} ${LETTER_B}`), 'the display shows B001');

    const servingMark = lamp.received.length;
    await act('start');
    await act('finish', { outcome: 'resolved' });
    await eventually(() => lamp.since(servingMark).includes(LOOP_OFF), 'the lamp is off after the visit');
    await eventually(() => led.since(ledMark).includes(`${BLANK_NUMBER} ${BLANK_LETTER}`), 'the display is blank after the visit');
  });

  it('a lamp unplugged during a call is lit again once it is back, without any queue action', async () => {
    await relayPair.kill();
    await lamp.close();
    await eventually(async () => {
      const r = await server.api<DeviceStatusView[]>('GET', '/api/v1/devices', { token });
      return r.body.find((d) => d.id === 'loop-sign-2')?.state === 'offline';
    }, 'the relay is reported offline');
    await issue('residence');
    const ledMark = led.received.length;
    await act('next');
    await eventually(() => led.since(ledMark).includes(`${NUMBER_2} ${LETTER_B}`), 'the display shows B002');

    await relayPair.restart();
    lamp.received = '';
    await lamp.open();
    await eventually(() => lamp.received.includes(LOOP_ON), 'the lamp is switched on again after the replug', 30_000);

    const offMark = lamp.received.length;
    await act('no-show');
    await eventually(() => lamp.since(offMark).includes(LOOP_OFF), 'the lamp is off after a no-show');
  });

  it('after a restart the lamp and the display show the call that is still on, read from the queue', async () => {
    await issue('residence');
    const ledMark = led.received.length;
    await act('next');
    await eventually(() => led.since(ledMark).includes(`${NUMBER_3} ${LETTER_B}`), 'the display shows B003');
    await server.stop();
    lamp.received = '';
    led.received = '';
    server = await server.restart();
    await eventually(() => lamp.received.includes(LOOP_ON), 'the lamp is lit again after the restart');
    await eventually(() => led.received.includes(`${NUMBER_3} ${LETTER_B}`), 'the display shows B003 again after the restart');
    const offMark = lamp.received.length;
    await act('no-show');
    await eventually(() => lamp.since(offMark).includes(LOOP_OFF), 'the lamp follows the queue after the restart');
  });
});
