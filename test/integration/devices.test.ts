import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textLines, type EscPosCommand } from '@vuoro/drivers';
import type { DeviceStatusView, IssueTicketResponse } from '../../server/src/protocol/index.js';
import { deviceHubFactory, type DeviceHubFactory } from '../../server/src/devices/deviceHub.js';
import { demoHall, joinSocket, startServer, type ClientSocket, type TestServer } from '../support/server.js';
import { startSocatPair, type SocatPair } from '../support/socat.js';
import { SerialPrinterPlayer } from '../support/serialPrinterPlayer.js';

/** Resolves once `check` holds, polling; tests wait for states, never for fixed times. */
async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Short timings so a pulled cable is noticed quickly; production keeps the drivers' defaults. */
function testHub(logs: string[]): { factory: DeviceHubFactory; ready: () => Promise<void> } {
  let ready: Promise<void> = Promise.reject(new Error('the device hub was not created'));
  ready.catch(() => undefined);
  const make = deviceHubFactory({
    pollIntervalMs: 200,
    statusTimeoutMs: 500,
    reconnect: { initialDelayMs: 50, maxDelayMs: 400 },
    log: (msg) => logs.push(msg),
  });
  const factory: DeviceHubFactory = (s, notify) => {
    const hub = make(s, notify);
    ready = hub.ready;
    return hub;
  };
  return { factory, ready: () => ready };
}

describe('the kiosk printer follows the server over a real serial port (socat pty pair)', () => {
  let pair: SocatPair;
  let player: SerialPrinterPlayer;
  let server: TestServer;
  let staffToken: string;
  let staff: ClientSocket;
  const pushed: DeviceStatusView[] = [];
  const logs: string[] = [];
  let issued = 0;

  beforeAll(async () => {
    pair = await startSocatPair();
    player = new SerialPrinterPlayer(pair.b);
    await player.open();
    const hall = demoHall();
    hall.devices = [{ id: 'kiosk-printer', kind: 'printer', link: { type: 'serial', path: pair.a, baudRate: 9600 }, kioskId: 'entrance' }];
    const hub = testHub(logs);
    server = await startServer({ hall, devices: hub.factory });
    await hub.ready();
    staffToken = await server.login('county-staff');
    staff = (await joinSocket(server.url, { role: 'staff', token: staffToken })).socket;
    staff.on('device:status', (e) => pushed.push(e.device));
    await eventually(async () => (await printerState()) === 'ready', 'the printer answers its first status query');
  });

  afterAll(async () => {
    staff?.disconnect();
    await server?.dispose();
    await player?.close();
    await pair?.close();
  });

  async function printerState(): Promise<string | undefined> {
    const r = await server.api<DeviceStatusView[]>('GET', '/api/v1/devices', { token: staffToken });
    return r.body.find((d) => d.id === 'kiosk-printer')?.state;
  }

  async function takeTicket(language: string, needs: string[] = []) {
    const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', {
      body: { serviceId: 'licences', kioskId: 'entrance', language, needs },
    });
    expect(r.status).toBe(201);
    issued += 1;
    return r.body;
  }

  function nextTicket(): Promise<EscPosCommand[]> {
    return new Promise((resolve) => player.printer.once('ticket', resolve));
  }

  it('GET /api/v1/devices needs a staff token and lists the printer with its kiosk', async () => {
    expect((await server.api('GET', '/api/v1/devices')).status).toBe(401);
    const r = await server.api<DeviceStatusView[]>('GET', '/api/v1/devices', { token: staffToken });
    expect(r.body).toEqual([expect.objectContaining({ id: 'kiosk-printer', kind: 'printer', state: 'ready', kioskId: 'entrance', counterId: null })]);
  });

  it('a German visitor gets a German ticket with umlauts, the wait and a QR code to their status page', async () => {
    const printed = nextTicket();
    const { ticket, print } = await takeTicket('de', ['hearing-loop']);
    expect(print).toEqual({ status: 'printed', deviceId: 'kiosk-printer' });
    const commands = await printed;
    const lines = textLines(commands);
    expect(lines).toContain(ticket.number);
    expect(lines).toContain('Servicezentrum Flussufer');
    expect(lines.join(' ')).toContain('Führerscheine');
    expect(lines).toContain('Vor Ihnen: 0');
    expect(lines).toContain('Induktionsschleife gewünscht');
    expect(lines.join(' ')).toContain('Geschätzte Wartezeit');
    expect(commands).toContainEqual({ type: 'qrStore', data: `${server.url}/t/${ticket.statusToken}` });
    expect(commands[commands.length - 1]).toMatchObject({ type: 'cut' });
  });

  it('a printer low on paper still prints, and raises an alert before the roll runs out', async () => {
    player.printer.state = 'paper-low';
    await eventually(() => pushed.some((d) => d.id === 'kiosk-printer' && d.state === 'paper-low'), 'staff hear device:status paper-low');
    const printed = nextTicket();
    const { ticket, print } = await takeTicket('nl');
    expect(print).toEqual({ status: 'printed', deviceId: 'kiosk-printer' });
    expect(textLines(await printed)).toContain(ticket.number);
    expect(logs).toContain('Device alert: Printer kiosk-printer at kiosk entrance is paper low (change the roll before it runs out)');
    player.printer.state = 'ready';
    await eventually(async () => (await printerState()) === 'ready', 'the printer is ready again');
  });

  it('a printer out of paper: the ticket is still issued, the kiosk gets the reason and staff get the status', async () => {
    player.printer.state = 'paper-out';
    const before = player.printer.tickets.length;
    const { ticket, print } = await takeTicket('en');
    expect(ticket.number).toMatch(/^L\d{3}$/);
    expect(print).toEqual({ status: 'failed', deviceId: 'kiosk-printer', message: 'Printer kiosk-printer: paper out' });
    expect(player.printer.tickets.length).toBe(before);
    await eventually(() => pushed.some((d) => d.id === 'kiosk-printer' && d.state === 'paper-out'), 'staff hear device:status paper-out');
    expect(logs.some((l) => l.includes('kiosk-printer') && l.includes('paper out'))).toBe(true);

    player.printer.state = 'ready';
    await eventually(async () => (await printerState()) === 'ready', 'the printer is ready again after a new roll');
  });

  it('a pulled cable makes the printer offline, tickets keep coming, and it prints again once plugged back in', async () => {
    await pair.kill();
    await eventually(async () => (await printerState()) === 'offline', 'the printer is reported offline');
    const whileUnplugged = await takeTicket('fi');
    expect(whileUnplugged.print).toMatchObject({ status: 'failed', deviceId: 'kiosk-printer' });
    if (whileUnplugged.print.status === 'failed') expect(whileUnplugged.print.message).toMatch(/^Printer kiosk-printer: offline/);
    expect(pushed.some((d) => d.state === 'offline')).toBe(true);

    await pair.restart();
    await player.reopen();
    await eventually(async () => (await printerState()) === 'ready', 'the printer is back without a server restart', 30_000);

    const printed = nextTicket();
    const { ticket, print } = await takeTicket('sv');
    expect(print).toEqual({ status: 'printed', deviceId: 'kiosk-printer' });
    const lines = textLines(await printed);
    expect(lines).toContain(ticket.number);
    expect(lines).toContain('Servicecenter Åstranden');

    const stored = server.app.store.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number };
    expect(stored.n).toBe(issued);
  });

  it('staff can reprint a ticket that did not print', async () => {
    const before = player.printer.tickets.length;
    const { ticket } = await takeTicket('fr');
    await eventually(() => player.printer.tickets.length > before, 'the first print has arrived');
    const printed = nextTicket();
    const r = await server.api('POST', `/api/v1/tickets/${ticket.id}/reprint`, { token: staffToken });
    expect(r.body).toEqual({ status: 'printed', deviceId: 'kiosk-printer' });
    expect(textLines(await printed)).toContain(ticket.number);
  });
});

describe('the server drives the devices of its hall config by default', () => {
  let pair: SocatPair;
  let player: SerialPrinterPlayer;
  let server: TestServer;

  beforeAll(async () => {
    pair = await startSocatPair();
    player = new SerialPrinterPlayer(pair.b);
    await player.open();
    const hall = demoHall();
    hall.devices = [{ id: 'kiosk-printer', kind: 'printer', link: { type: 'serial', path: pair.a }, kioskId: 'entrance' }];
    server = await startServer({ hall });
    const token = await server.login('city-staff');
    await eventually(async () => {
      const r = await server.api<DeviceStatusView[]>('GET', '/api/v1/devices', { token });
      return r.body[0]?.state === 'ready';
    }, 'the printer has answered its first status query');
  });

  afterAll(async () => {
    await server?.dispose();
    await player?.close();
    await pair?.close();
  });

  it('with no devices option a ticket from the kiosk prints on the configured printer', async () => {
    const printed = new Promise<EscPosCommand[]>((resolve) => player.printer.once('ticket', resolve));
    const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'parking', kioskId: 'entrance' } });
    expect(r.status).toBe(201);
    expect(r.body.print).toEqual({ status: 'printed', deviceId: 'kiosk-printer' });
    expect(textLines(await printed)).toContain(r.body.ticket.number);
  });
});
