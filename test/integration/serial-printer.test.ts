import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EscPosPrinter,
  SerialLink,
  findText,
  textLines,
  type DeviceStatus,
  type EscPosCommand,
  type TicketPrintData,
} from '@vuoro/drivers';
import { startSocatPair, type SocatPair } from '../support/socat.js';
import { SerialPrinterPlayer } from '../support/serialPrinterPlayer.js';

const TICKET: TicketPrintData = {
  hallName: 'Service Centre Riverside',
  number: 'K007',
  serviceName: 'Fahrzeugzulassung',
  issuedAtText: '12.03.2025, 09:41',
  aheadText: 'Vor Ihnen: 2',
  estimateText: 'Geschätzte Wartezeit: etwa 10 Min.',
  prepareText: 'Bitte Fahrzeugschein und Ausweis bereithalten. Gebühr: 27,50 €.',
  needsText: 'Induktionsschleife gewünscht',
  qrUrl: 'https://vuoro.local/t/k007-9b1e',
};

/** Resolves once `check` holds, polling; tests wait for states, never for fixed times. */
async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function nextTicket(player: SerialPrinterPlayer): Promise<EscPosCommand[]> {
  return new Promise((resolve) => player.printer.once('ticket', resolve));
}

describe('a receipt printer on a serial port (socat pty pair)', () => {
  let pair: SocatPair;
  let player: SerialPrinterPlayer;
  let link: SerialLink;
  let printer: EscPosPrinter;
  const statuses: DeviceStatus[] = [];

  beforeAll(async () => {
    pair = await startSocatPair();
    player = new SerialPrinterPlayer(pair.b);
    await player.open();
    link = new SerialLink({ path: pair.a, baudRate: 19200, reconnect: { initialDelayMs: 50, maxDelayMs: 500 } });
    printer = new EscPosPrinter({ link, statusTimeoutMs: 1500, pollIntervalMs: 0 });
    printer.on('status', (status) => statuses.push(status));
    printer.on('error', () => undefined);
    await printer.open();
  });

  afterAll(async () => {
    await printer?.close();
    await player?.close();
    await pair?.close();
  });

  it('prints a ticket whose text, size, code page and QR code arrive intact', async () => {
    const printed = nextTicket(player);
    const outcome = await printer.printTicket(TICKET);
    expect(outcome).toEqual({ ok: true, state: 'ready' });
    const ticket = await printed;
    const lines = textLines(ticket);
    expect(lines).toContain('K007');
    expect(lines).toContain('Geschätzte Wartezeit: etwa 10 Min.');
    expect(lines.join(' ')).toContain('Gebühr: 27,50 €.');
    expect(lines).toContain('Induktionsschleife gewünscht');
    expect(findText(ticket, 'K007')?.style).toMatchObject({ width: 8, height: 8, codePage: 16 });
    expect(ticket).toContainEqual({ type: 'qrStore', data: TICKET.qrUrl });
    expect(ticket[ticket.length - 1]).toMatchObject({ type: 'cut' });
  });

  it('does not print while the printer reports paper out, and says so', async () => {
    player.printer.state = 'paper-out';
    const ticketsBefore = player.printer.tickets.length;
    const outcome = await printer.printTicket(TICKET);
    expect(outcome).toEqual({ ok: false, state: 'paper-out', message: 'printer is out of paper' });
    expect(player.printer.tickets.length).toBe(ticketsBefore);
    player.printer.state = 'ready';
    await eventually(async () => (await printer.queryStatus()).state === 'ready', 'the printer is ready again');
  });

  it('goes offline when the cable is pulled and prints again once it is back, reconnecting by itself', async () => {
    const disconnected = new Promise<void>((resolve) => link.once('disconnected', () => resolve()));
    await pair.kill();
    await disconnected;
    await eventually(() => printer.status.state === 'offline', 'the printer is reported offline');
    const whileUnplugged = await printer.printTicket(TICKET);
    expect(whileUnplugged).toMatchObject({ ok: false, state: 'offline' });

    await pair.restart();
    await player.reopen();
    await eventually(() => link.isOpen, 'the link has reopened by itself');
    await eventually(async () => (await printer.queryStatus()).state === 'ready', 'the printer answers again');

    const printed = nextTicket(player);
    expect(await printer.printTicket({ ...TICKET, number: 'K008' })).toEqual({ ok: true, state: 'ready' });
    expect(textLines(await printed)).toContain('K008');
    expect(statuses.some((s) => s.state === 'offline')).toBe(true);
  });
});
