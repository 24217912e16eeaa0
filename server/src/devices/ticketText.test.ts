import { describe, expect, it } from 'vitest';
import { decodeWpc1252, encodeWpc1252 } from '@vuoro/drivers';
import { LANGUAGES } from '../protocol/index.js';
import { printFailureMessage, stateAlert } from './deviceMessages.js';
import { statusUrl } from './ticketPrintData.js';
import { issuedAtText, needsLine, TICKET_TEXT } from './ticketText.js';

describe('printed ticket texts', () => {
  it('every sentence of every language prints unchanged in code table WPC1252', () => {
    for (const language of LANGUAGES) {
      const t = TICKET_TEXT[language];
      const texts = [t.ahead(4), t.estimate(15), t.estimateUnknown, t.notWaiting, t.footer, needsLine(['hearing-loop', 'low-desk', 'priority', 'interpreter:ar'], language) ?? ''];
      for (const text of texts) expect(decodeWpc1252(encodeWpc1252(text)), `${language}: ${text}`).toBe(text);
    }
  });

  it('the needs line names each need in the visitor language, the interpreter language by name', () => {
    expect(needsLine(['hearing-loop', 'interpreter:ar'], 'de')).toBe('Induktionsschleife gewünscht · Dolmetscher: Arabisch');
    expect(needsLine(['low-desk'], 'fi')).toBe('Matala asiointipiste pyydetty');
    expect(needsLine([], 'en')).toBeUndefined();
  });

  it("the issue time is the hall's local time, written the visitor's way", () => {
    const at = Date.UTC(2025, 2, 12, 7, 41); // 09:41 in Helsinki (UTC+2 in March)
    expect(issuedAtText(at, 'Europe/Helsinki', 'de')).toBe('12.03.2025, 09:41');
    expect(issuedAtText(at, 'Europe/Helsinki', 'en')).toBe('12 Mar 2025, 09:41');
  });

  it('the QR link is the status page under the public URL', () => {
    expect(statusUrl('http://hall.local:8080/', 'abc_123-x')).toBe('http://hall.local:8080/t/abc_123-x');
  });
});

describe('device messages', () => {
  it('a failed print says which printer and its state first', () => {
    expect(printFailureMessage('kiosk-printer', 'paper-out', 'printer is out of paper')).toBe('Printer kiosk-printer: paper out');
    expect(printFailureMessage('kiosk-printer', 'offline', 'DLE EOT 1 (printer status) got no answer within 1500 ms')).toBe(
      'Printer kiosk-printer: offline (DLE EOT 1 (printer status) got no answer within 1500 ms)',
    );
  });

  it('paper low is an alert before the roll runs out; ready is none', () => {
    const printer = { id: 'kiosk-printer', kind: 'printer' as const, kioskId: 'entrance' };
    expect(stateAlert(printer, { state: 'paper-low', lastError: null, since: 0 })).toBe(
      'Device alert: Printer kiosk-printer at kiosk entrance is paper low (change the roll before it runs out)',
    );
    expect(stateAlert(printer, { state: 'ready', lastError: null, since: 0 })).toBeNull();
  });
});
