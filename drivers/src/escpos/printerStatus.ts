import type { StatusRequestKind } from './commands.js';

/** What a receipt printer can be, as far as tickets are concerned. */
export type PrinterState = 'ready' | 'paper-low' | 'paper-out' | 'cover-open' | 'offline' | 'error';

/** One answer byte per DLE EOT n request (n = 1..4). */
export interface StatusBytes {
  printer: number;
  offlineCause: number;
  errorCause: number;
  paperSensor: number;
}

/* Bits of the DLE EOT answers (Epson ESC/POS reference, "DLE EOT"). */
/** n=1: printer is offline. */
export const PRINTER_OFFLINE = 0x08;
/** n=2: cover is open. */
export const OFFLINE_COVER_OPEN = 0x04;
/** n=2: printing stopped because the paper ran out. */
export const OFFLINE_PAPER_END = 0x20;
/** n=2: an error occurred. */
export const OFFLINE_ERROR = 0x40;
/** n=3: autocutter error. */
export const ERROR_CUTTER = 0x08;
/** n=3: unrecoverable error. */
export const ERROR_UNRECOVERABLE = 0x20;
/** n=3: automatically recoverable error (e.g. head too hot). */
export const ERROR_AUTO_RECOVERABLE = 0x40;
/** n=4: roll paper near-end sensor (two bits). */
export const PAPER_NEAR_END = 0x0c;
/** n=4: roll paper end sensor (two bits). */
export const PAPER_END = 0x60;
/** Bits 1 and 4 are always set, bits 0 and 7 always clear, in every answer. */
export const STATUS_FIXED_BITS = 0x12;

/** True if `byte` has the fixed-bit pattern of a DLE EOT answer. */
export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === STATUS_FIXED_BITS;
}

/** Maps the four answers to one state and a message staff can act on. */
export function interpretStatus(bytes: StatusBytes): { state: PrinterState; message: string | null } {
  const { printer, offlineCause, errorCause, paperSensor } = bytes;
  if (offlineCause & OFFLINE_COVER_OPEN) return { state: 'cover-open', message: 'printer cover is open' };
  if (offlineCause & OFFLINE_PAPER_END || paperSensor & PAPER_END) {
    return { state: 'paper-out', message: 'printer is out of paper' };
  }
  const errors: string[] = [];
  if (errorCause & ERROR_CUTTER) errors.push('cutter error');
  if (errorCause & ERROR_UNRECOVERABLE) errors.push('unrecoverable error');
  if (errorCause & ERROR_AUTO_RECOVERABLE) errors.push('auto-recoverable error (e.g. print head too hot)');
  if (errors.length === 0 && offlineCause & OFFLINE_ERROR) errors.push('error reported');
  if (errors.length > 0) return { state: 'error', message: `printer ${errors.join(', ')}` };
  if (printer & PRINTER_OFFLINE) return { state: 'offline', message: 'printer reports it is offline' };
  if (paperSensor & PAPER_NEAR_END) return { state: 'paper-low', message: 'printer paper is running low' };
  return { state: 'ready', message: null };
}

/**
 * The byte a printer in `state` answers to DLE EOT `n`: what a test (or a
 * simulator) sends back to play a printer.
 */
export function statusAnswer(n: StatusRequestKind, state: PrinterState): number {
  const stopped = state === 'paper-out' || state === 'cover-open' || state === 'offline' || state === 'error';
  switch (n) {
    case 1:
      return STATUS_FIXED_BITS | (stopped ? PRINTER_OFFLINE : 0);
    case 2:
      return (
        STATUS_FIXED_BITS |
        (state === 'cover-open' ? OFFLINE_COVER_OPEN : 0) |
        (state === 'paper-out' ? OFFLINE_PAPER_END : 0) |
        (state === 'error' ? OFFLINE_ERROR : 0)
      );
    case 3:
      return STATUS_FIXED_BITS | (state === 'error' ? ERROR_CUTTER : 0);
    case 4:
      return (
        STATUS_FIXED_BITS |
        (state === 'paper-low' || state === 'paper-out' ? PAPER_NEAR_END : 0) |
        (state === 'paper-out' ? PAPER_END : 0)
      );
  }
}

/** All four answers for `state`, e.g. to check `interpretStatus` round-trips. */
export function statusBytesFor(state: PrinterState): StatusBytes {
  return {
    printer: statusAnswer(1, state),
    offlineCause: statusAnswer(2, state),
    errorCause: statusAnswer(3, state),
    paperSensor: statusAnswer(4, state),
  };
}
