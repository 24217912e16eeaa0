import { describe, expect, it } from 'vitest';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { renderTicket, type TicketPrintData } from './renderTicket.js';
import { parseEscPos } from '../testing/EscPosParser.js';
import { findText, textLines } from './escPosCommand.js';
import { FINNISH_TICKET } from '../testing/sampleTicket.js';


describe('renderTicket', () => {
  const commands = parseEscPos(renderTicket(FINNISH_TICKET));

  it('starts with ESC @ and selects code table 16 (WPC1252) explicitly', () => {
    const bytes = renderTicket(FINNISH_TICKET);
    expect([...bytes.subarray(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 0x10]);
    expect(commands.filter((c) => c.type === 'codePage')).toEqual([{ type: 'codePage', page: 16 }]);
  });

  it('prints the number centred at the largest size, GS ! 0x77', () => {
    const bytes = renderTicket(FINNISH_TICKET);
    expect(bytes.includes(Buffer.from([0x1d, 0x21, 0x77, 0x41, 0x30, 0x31, 0x32]))).toBe(true);
    expect(findText(commands, 'A012')?.style).toMatchObject({ width: 8, height: 8, bold: true, align: 'center', codePage: 16 });
  });

  it('encodes ä, ö, Å and € of the service and prepare texts as Windows-1252 bytes', () => {
    const bytes = renderTicket(FINNISH_TICKET);
    expect(bytes.includes(Buffer.from('Henkil\xf6kortit', 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from([0x35, 0x32, 0x20, 0x80]))).toBe(true); // "52 €"
    expect(bytes.includes(Buffer.from('\xc5\xc4\xd6', 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from('ö', 'utf8'))).toBe(false);
    expect(findText(commands, 'Henkilökortit')?.style).toMatchObject({ width: 2, height: 2 });
  });

  it('prints every text line of the ticket in order, wrapped to the paper width', () => {
    const lines = textLines(commands);
    expect(lines[0]).toBe('Palvelupiste Joenranta');
    expect(lines).toContain('A012');
    expect(lines).toContain('12.03.2025 klo 9.41');
    expect(lines).toContain('Edelläsi jonossa: 4');
    expect(lines).toContain('Arvioitu odotus: noin 15 min');
    expect(lines).toContain('Induktiosilmukka pyydetty');
    expect(lines).toContain('Tervetuloa!');
    expect(lines.slice(lines.indexOf('Henkilökortit ja'), lines.indexOf('Henkilökortit ja') + 2)).toEqual(['Henkilökortit ja', 'passit']);
    const prepare = lines.slice(lines.indexOf('Arvioitu odotus: noin 15 min') + 2, lines.indexOf('Induktiosilmukka pyydetty') - 1);
    expect(prepare.length).toBeGreaterThan(1);
    expect(prepare.join(' ')).toBe(FINNISH_TICKET.prepareText);
    for (const line of lines.filter((l) => l !== 'A012')) expect(line.length).toBeLessThanOrEqual(42);
  });

  it('stores the status URL as a model 2 QR code and prints it', () => {
    const qr = commands.filter((c) => c.type.startsWith('qr'));
    expect(qr).toContainEqual({ type: 'qrModel', model: 2 });
    expect(qr).toContainEqual({ type: 'qrStore', data: 'https://vuoro.local/t/3f9a2c' });
    expect(qr[qr.length - 1]).toEqual({ type: 'qrPrint' });
  });

  it('feeds and cuts at the end, full by default and partial on request', () => {
    expect(commands.filter((c) => c.type === 'cut')).toEqual([{ type: 'cut', mode: 'full', feed: 0 }]);
    const partial = parseEscPos(renderTicket(FINNISH_TICKET, { cut: 'partial' }));
    expect(partial.filter((c) => c.type === 'cut')).toEqual([{ type: 'cut', mode: 'partial', feed: 0 }]);
    expect(partial.filter((c) => c.type === 'feedLines').length).toBe(2);
  });

  it('leaves out the QR code, prepare and needs lines when told or not given', () => {
    const minimal: TicketPrintData = { ...FINNISH_TICKET, prepareText: undefined, needsText: undefined, footerText: undefined };
    const plain = parseEscPos(renderTicket(minimal, { showQr: false }));
    expect(plain.some((c) => c.type.startsWith('qr'))).toBe(false);
    expect(textLines(plain).some((l) => l.includes('Induktio'))).toBe(false);
  });

  it('shrinks a long number so it still fits the line of a 58 mm printer', () => {
    const narrow = parseEscPos(renderTicket({ ...FINNISH_TICKET, number: 'M1234' }, { width: 32 }));
    expect(findText(narrow, 'M1234')?.style).toMatchObject({ width: 6, height: 6 });
  });
});

/* Quirks of node-thermal-printer 4.6 that renderTicket works around; if one of these starts failing, re-check renderTicket. */
describe('node-thermal-printer as a command builder', () => {
  const builder = (): ThermalPrinter => new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', characterSet: CharacterSet.WPC1252 });

  it('silently switches code page for a character outside WPC1252 and stays on it', () => {
    const p = builder();
    p.print('ł ä');
    // ESC t 16, then ESC t 18 (PC852) + 0x88 for ł, and ä is now encoded for PC852 (0x84), not 0xE4.
    expect([...p.getBuffer()]).toEqual([0x1b, 0x74, 0x10, 0x1b, 0x74, 0x12, 0x88, 0x20, 0x84]);
  });

  it('puts the height argument of setTextSize in the width nibble of GS !', () => {
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '' });
    p.setTextSize(1, 0);
    const [size] = parseEscPos(p.getBuffer());
    expect(size).toEqual({ type: 'textSize', width: 2, height: 1 });
  });

  it('declares the QR store length in UTF-16 units while sending UTF-8 bytes', () => {
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '' });
    p.printQR('https://x.example/ä');
    const bytes = p.getBuffer();
    const store = bytes.indexOf(Buffer.from([0x31, 0x50, 0x30])) - 5;
    const declared = (bytes[store + 3] ?? 0) + (bytes[store + 4] ?? 0) * 256 - 3;
    expect(declared).toBe('https://x.example/ä'.length);
    expect(Buffer.byteLength('https://x.example/ä')).toBe(declared + 1);
  });

  it('ends cut() with ESC @, which resets the code page for anything printed after it', () => {
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '' });
    p.cut();
    expect([...p.getBuffer()]).toEqual([0x1b, 0x64, 0x04, 0x1b, 0x64, 0x04, 0x1d, 0x56, 0x00, 0x1b, 0x40]);
  });
});
