/** ESC/POS control bytes and the few fixed sequences our tickets use. */
export const LF = 0x0a;
export const CR = 0x0d;
export const HT = 0x09;
export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;

/** ESC @: initialise the printer (clears modes, code page back to the default). */
export const INIT = Buffer.from([ESC, 0x40]);
/** ESC t 16: select character code table 16 = WPC1252 (Windows-1252). */
export const SELECT_WPC1252 = Buffer.from([ESC, 0x74, 16]);
export const WPC1252_CODE_PAGE = 16;

/** DLE EOT n real-time status request (answered with one byte, even while busy). */
export type StatusRequestKind = 1 | 2 | 3 | 4;
export const STATUS_REQUEST_NAMES: Record<StatusRequestKind, string> = {
  1: 'DLE EOT 1 (printer status)',
  2: 'DLE EOT 2 (offline cause)',
  3: 'DLE EOT 3 (error cause)',
  4: 'DLE EOT 4 (roll paper sensor)',
};

export function isStatusRequestKind(n: number): n is StatusRequestKind {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

export function statusRequest(kind: StatusRequestKind): Buffer {
  return Buffer.from([DLE, EOT, kind]);
}

export type QrCorrection = 'L' | 'M' | 'Q' | 'H';
const QR_CORRECTION_BYTE: Record<QrCorrection, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/**
 * GS ( k QR code, model 2: select model, module size, error correction, store
 * data, print. The store length is the byte length of the UTF-8 data (see the
 * README for why this does not go through node-thermal-printer's printQR).
 */
export function qrCode(data: string, moduleSize = 6, correction: QrCorrection = 'M'): Buffer {
  const bytes = Buffer.from(data, 'utf8');
  const storeLength = bytes.length + 3;
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]), // fn 65: model 2
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, clamp(moduleSize, 1, 16)]), // fn 67: module size
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_CORRECTION_BYTE[correction]]), // fn 69: correction
    Buffer.from([GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30]), // fn 80: store
    bytes,
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]), // fn 81: print
  ]);
}

/** GS ! n with n = (width-1) << 4 | (height-1); magnifications 1..8. */
export function textSize(width: number, height: number): Buffer {
  return Buffer.from([GS, 0x21, ((clamp(width, 1, 8) - 1) << 4) | (clamp(height, 1, 8) - 1)]);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}
