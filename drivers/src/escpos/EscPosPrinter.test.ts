import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from './EscPosPrinter.js';
import { FakeEscPosPrinter } from '../testing/FakeEscPosPrinter.js';
import { findText, textLines } from './escPosCommand.js';
import { parseEscPos } from '../testing/EscPosParser.js';
import { SerialLink } from '../link/SerialLink.js';
import type { DeviceStatus } from '../deviceStatus.js';
import { MockBinding, UnpluggableMockBinding } from '../testing/unpluggableMockBinding.js';
import { FINNISH_TICKET } from '../testing/sampleTicket.js';
import { waitForEvent, waitUntil } from '../testing/waitFor.js';

const PATH = '/dev/ttyPRINTER';

/** DLE EOT 1, 2, 3, 4: the status queries sent before each ticket. */
const STATUS_QUERIES = [0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04];

describe('EscPosPrinter', () => {
  let binding: UnpluggableMockBinding;
  let fake: FakeEscPosPrinter;
  let printer: EscPosPrinter;

  beforeEach(() => {
    MockBinding.reset();
    MockBinding.createPort(PATH, { record: true, echo: false });
    binding = new UnpluggableMockBinding();
    fake = new FakeEscPosPrinter((bytes) => binding.port(PATH).emitData(bytes));
    binding.attachDevice(PATH, (data) => fake.receive(data));
    const link = new SerialLink({ path: PATH, baudRate: 19200, binding, reconnect: { initialDelayMs: 5, maxDelayMs: 40 } });
    printer = new EscPosPrinter({ link, statusTimeoutMs: 200, pollIntervalMs: 0 });
    printer.on('error', () => undefined);
  });

  afterEach(async () => {
    await printer.close();
  });

  it('asks DLE EOT 1 to 4 and reports a healthy printer as ready', async () => {
    await printer.open();
    const status = await printer.queryStatus();
    expect(status.state).toBe('ready');
    expect(status.lastError).toBeNull();
    expect([...binding.port(PATH).recording.subarray(0, 12)]).toEqual(STATUS_QUERIES);
  });

  it.each([
    ['paper-low', 'printer paper is running low'],
    ['paper-out', 'printer is out of paper'],
    ['cover-open', 'printer cover is open'],
    ['error', 'printer cutter error'],
    ['offline', 'printer reports it is offline'],
  ] as const)('maps the answers of a printer that is %s to that state', async (state, message) => {
    fake.state = state;
    await printer.open();
    const status = await printer.queryStatus();
    expect(status).toMatchObject({ state, lastError: message });
  });

  it('calls a printer that does not answer offline, naming the query and the timeout', async () => {
    fake.answering = false;
    await printer.open();
    const status = await printer.queryStatus();
    expect(status.state).toBe('offline');
    expect(status.lastError).toBe(`printer did not answer: DLE EOT 1 (printer status) got no answer within 200 ms on serial ${PATH}`);
  });

  it('prints a ticket after checking the status, with the text encoded for code table 16', async () => {
    await printer.open();
    const ticket = waitForEvent(fake, 'ticket');
    const outcome = await printer.printTicket(FINNISH_TICKET);
    expect(outcome).toEqual({ ok: true, state: 'ready' });
    await ticket;
    const sent = binding.port(PATH).recording;
    expect([...sent.subarray(0, 12)]).toEqual(STATUS_QUERIES);
    const commands = parseEscPos(sent.subarray(12));
    expect(commands).toContainEqual({ type: 'codePage', page: 16 });
    expect(findText(commands, 'A012')?.style).toMatchObject({ width: 8, height: 8 });
    expect(sent.includes(Buffer.from('Henkil\xf6kortit', 'latin1'))).toBe(true);
    expect(sent.includes(Buffer.from('52 \x80', 'latin1'))).toBe(true);
    expect(commands).toContainEqual({ type: 'qrStore', data: FINNISH_TICKET.qrUrl });
    expect(commands.some((c) => c.type === 'cut')).toBe(true);
    expect(fake.ticketLines()[0]).toContain('Edelläsi jonossa: 4');
  });

  it('still prints when the paper is only running low', async () => {
    fake.state = 'paper-low';
    await printer.open();
    expect(await printer.printTicket(FINNISH_TICKET)).toEqual({ ok: true, state: 'paper-low' });
  });

  it('does not print when the paper is out and says why instead of throwing', async () => {
    fake.state = 'paper-out';
    await printer.open();
    const outcome = await printer.printTicket(FINNISH_TICKET);
    expect(outcome).toEqual({ ok: false, state: 'paper-out', message: 'printer is out of paper' });
    expect(textLines(parseEscPos(binding.port(PATH).recording))).toEqual([]);
  });

  it('returns ok:false and reports offline when the printer is unplugged', async () => {
    await printer.open();
    await printer.queryStatus();
    const offline = waitForEvent<[DeviceStatus]>(printer, 'status', (s) => s.state === 'offline');
    binding.unplug(PATH);
    await offline;
    const outcome = await printer.printTicket(FINNISH_TICKET);
    expect(outcome.ok).toBe(false);
    expect(outcome.state).toBe('offline');
  });

  it('fails a ticket whose write breaks off, says so, and marks the printer offline', async () => {
    await printer.open();
    await printer.queryStatus();
    binding.failWrites(PATH, (data) => data.length > 3); // status queries pass, the ticket does not
    const offline = waitForEvent<[DeviceStatus]>(printer, 'status', (s) => s.state === 'offline');
    const outcome = await printer.printTicket(FINNISH_TICKET);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('printing ticket A012 failed: EIO') });
    await offline;
  });

  it('comes back to ready by itself after the printer is plugged in again', async () => {
    await printer.open();
    await printer.queryStatus();
    const offline = waitForEvent<[DeviceStatus]>(printer, 'status', (s) => s.state === 'offline');
    binding.unplug(PATH);
    await offline;
    const ready = waitForEvent<[DeviceStatus]>(printer, 'status', (s) => s.state === 'ready');
    binding.replug(PATH);
    await ready;
    expect((await printer.printTicket(FINNISH_TICKET)).ok).toBe(true);
  });

  it('polls the status on a timer and stops when closed', async () => {
    const link = new SerialLink({ path: PATH, baudRate: 19200, binding });
    const polling = new EscPosPrinter({ link, statusTimeoutMs: 200, pollIntervalMs: 20 });
    await polling.open();
    await waitUntil(() => fake.commands.filter((c) => c.type === 'statusQuery').length >= 12, 'three polls happened');
    await polling.close();
    expect(polling.status.state).toBe('offline');
  });
});
