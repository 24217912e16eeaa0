import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { textLines, type EscPosCommand } from '@vuoro/drivers';
import { runDevicesCli, type CliOutput } from '../../server/src/devices/devicesCli.js';
import { demoHall } from '../support/server.js';
import { startSocatPair, type SocatPair } from '../support/socat.js';
import { SerialPrinterPlayer } from '../support/serialPrinterPlayer.js';

function output(): CliOutput & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, log: (l) => lines.push(l), error: (l) => errors.push(l) };
}

describe('the installer tool (npm run devices) drives configured devices over real serial ports', () => {
  let printerPair: SocatPair;
  let relayPair: SocatPair;
  let player: SerialPrinterPlayer;
  let relayEnd: SerialPort;
  const relayBytes: Buffer[] = [];
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    printerPair = await startSocatPair();
    relayPair = await startSocatPair();
    player = new SerialPrinterPlayer(printerPair.b);
    await player.open();
    relayEnd = new SerialPort({ path: relayPair.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => relayEnd.open((e) => (e ? reject(e) : resolve())));
    relayEnd.on('data', (chunk: Buffer) => relayBytes.push(chunk));
    dir = mkdtempSync(path.join(tmpdir(), 'vuoro-cli-'));
    const hall = demoHall();
    hall.devices = [
      { id: 'kiosk-printer', kind: 'printer', link: { type: 'serial', path: printerPair.a }, kioskId: 'entrance' },
      { id: 'loop-sign-5', kind: 'relay', protocol: 'lcus', channel: 2, counterId: '5', link: { type: 'serial', path: relayPair.a } },
    ];
    writeFileSync(path.join(dir, 'hall.json'), JSON.stringify(hall));
    env = { VUORO_CONFIG: path.join(dir, 'hall.json'), VUORO_DATA_DIR: dir };
  });

  afterAll(async () => {
    await player?.close();
    if (relayEnd?.isOpen) await new Promise<void>((resolve) => relayEnd.close(() => resolve()));
    await printerPair?.close();
    await relayPair?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('test-print prints a sample ticket whose special letters arrive as written', async () => {
    const printed = new Promise<EscPosCommand[]>((resolve) => player.printer.once('ticket', resolve));
    const out = output();
    expect(await runDevicesCli(['test-print', 'kiosk-printer'], env, out)).toBe(0);
    const lines = textLines(await printed);
    expect(lines).toContain('ä ö å ü ß é € — Ä Ö Å Ü É');
    expect(lines).toContain('A123');
    expect(out.lines.join('\n')).toContain('state: ready');
  });

  it('status says why a printer cannot print and exits with 1', async () => {
    player.printer.state = 'cover-open';
    const out = output();
    expect(await runDevicesCli(['status', 'kiosk-printer'], env, out)).toBe(1);
    expect(out.lines.join('\n')).toContain('state: cover-open');
    player.printer.state = 'ready';
  });

  it('relay switches the configured channel on and off with LCUS frames', async () => {
    const received = () => Buffer.concat(relayBytes).toString('hex');
    const waitFor = async (hex: string) => {
      const deadline = Date.now() + 10_000;
      while (!received().endsWith(hex) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    };
    // A0 <channel 2> <state> <sum>
    expect(await runDevicesCli(['relay', 'loop-sign-5', 'on'], env, output())).toBe(0);
    await waitFor('a00201a3');
    expect(received()).toBe('a00201a3');
    expect(await runDevicesCli(['relay', 'loop-sign-5', 'off'], env, output())).toBe(0);
    await waitFor('a00200a2');
    expect(received()).toBe('a00201a3a00200a2');
  });

  it('wrong commands, devices and kinds exit with 2 and say what is configured', async () => {
    const unknown = output();
    expect(await runDevicesCli(['status', 'nope'], env, unknown)).toBe(2);
    expect(unknown.errors[0]).toBe('No device "nope" in the hall config. Configured: kiosk-printer (printer), loop-sign-5 (relay)');
    const kind = output();
    expect(await runDevicesCli(['relay', 'kiosk-printer', 'on'], env, kind)).toBe(2);
    expect(kind.errors[0]).toContain('is a printer');
    const word = output();
    expect(await runDevicesCli(['relay', 'loop-sign-5', 'maybe'], env, word)).toBe(2);
    expect(await runDevicesCli(['frobnicate'], env, output())).toBe(2);
    const help = output();
    expect(await runDevicesCli(['--help'], env, help)).toBe(0);
    expect(help.lines[0]).toContain('npm run devices -- list');
  });

  it('a missing port is reported with a hint, not a crash', async () => {
    const hall = demoHall();
    hall.devices = [{ id: 'gone', kind: 'printer', link: { type: 'serial', path: path.join(dir, 'no-such-port') } }];
    writeFileSync(path.join(dir, 'gone.json'), JSON.stringify(hall));
    const out = output();
    expect(await runDevicesCli(['status', 'gone'], { ...env, VUORO_CONFIG: path.join(dir, 'gone.json') }, out)).toBe(1);
    expect(out.lines.join('\n')).toMatch(/state: offline[\s\S]*Hint: the port does not exist/);
  });
});
