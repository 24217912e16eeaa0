import { describe, expect, it } from 'vitest';
import { interpretStatus, statusBytesFor, type PrinterState } from './printerStatus.js';

/* DLE EOT answers as the Epson ESC/POS reference defines them (fixed bits 0x12 always set). */
const IDLE = { printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12 };

describe('interpretStatus', () => {
  it('reads a printer with all-clear answers as ready', () => {
    expect(interpretStatus(IDLE)).toEqual({ state: 'ready', message: null });
  });

  it('reads DLE EOT 1 bit 3 as offline', () => {
    expect(interpretStatus({ ...IDLE, printer: 0x1a }).state).toBe('offline');
  });

  it('reads DLE EOT 2 bit 2 as cover open', () => {
    expect(interpretStatus({ ...IDLE, printer: 0x1a, offlineCause: 0x16 }).state).toBe('cover-open');
  });

  it('reads DLE EOT 2 bit 5 as paper out', () => {
    expect(interpretStatus({ ...IDLE, printer: 0x1a, offlineCause: 0x32 }).state).toBe('paper-out');
  });

  it('reads DLE EOT 3 cutter, unrecoverable and auto-recoverable bits as error', () => {
    expect(interpretStatus({ ...IDLE, errorCause: 0x1a })).toEqual({ state: 'error', message: 'printer cutter error' });
    expect(interpretStatus({ ...IDLE, errorCause: 0x32 }).message).toBe('printer unrecoverable error');
    expect(interpretStatus({ ...IDLE, errorCause: 0x52 }).message).toContain('auto-recoverable');
  });

  it('reads DLE EOT 4 bits 0x0C as paper low and bits 0x60 as paper out', () => {
    expect(interpretStatus({ ...IDLE, paperSensor: 0x1e }).state).toBe('paper-low');
    expect(interpretStatus({ ...IDLE, paperSensor: 0x7e }).state).toBe('paper-out');
  });

  it('builds answers that read back as the state they were built for', () => {
    const states: PrinterState[] = ['ready', 'paper-low', 'paper-out', 'cover-open', 'offline', 'error'];
    for (const state of states) expect(interpretStatus(statusBytesFor(state)).state, state).toBe(state);
  });
});
