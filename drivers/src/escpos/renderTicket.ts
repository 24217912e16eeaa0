import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { INIT, qrCode } from './commands.js';
import { encodeWpc1252 } from './wpc1252.js';
import { wrapText } from './wrapText.js';

/** Everything printed on a ticket, already localised and formatted by the caller. */
export interface TicketPrintData {
  hallName: string;
  /** The ticket number as called, e.g. "A012". */
  number: string;
  serviceName: string;
  /** Local date and time, already formatted, e.g. "12.03.2025 09:41". */
  issuedAtText: string;
  /** e.g. "People ahead: 4". */
  aheadText: string;
  /** e.g. "Estimated wait: about 15 min". */
  estimateText: string;
  /** Short "what to prepare" text; wrapped to the paper width. */
  prepareText?: string;
  /** e.g. "Hearing loop requested". */
  needsText?: string;
  /** Status page URL, printed as a QR code. */
  qrUrl: string;
  footerText?: string;
}

export interface TicketLayout {
  /** Characters per line in font A at normal size: 42 for 80 mm paper (default), 32 for 58 mm. */
  width?: number;
  /** Ready ESC/POS image bytes (e.g. a GS v 0 raster image) printed above the hall name. */
  logo?: Buffer;
  /** Print the status-page QR code (default true). */
  showQr?: boolean;
  /** Cut at the end (default 'full'). */
  cut?: 'full' | 'partial';
  /** QR module size in dots, 1..16 (default 6). */
  qrModuleSize?: number;
}

export const DEFAULT_TICKET_LAYOUT = { width: 42, showQr: true, cut: 'full', qrModuleSize: 6 } as const;

/** Largest character magnification ESC/POS (GS !) offers. */
const MAX_MAGNIFICATION = 8;

/**
 * Renders a ticket as ESC/POS bytes. node-thermal-printer builds the commands;
 * text is encoded here to Windows-1252 under an explicit ESC t 16, because the
 * library's own text path silently switches code pages (see README).
 */
export function renderTicket(data: TicketPrintData, layout: TicketLayout = {}): Buffer {
  const width = Math.max(16, Math.floor(layout.width ?? DEFAULT_TICKET_LAYOUT.width));
  const builder = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    // An empty interface keeps the library from creating a file/network interface: it only builds bytes.
    interface: '',
    width,
  });
  const lines = (text: string, columns: number): void => {
    for (const line of wrapText(text, columns)) {
      builder.add(encodeWpc1252(line));
      builder.newLine();
    }
  };

  builder.add(INIT);
  builder.setCharacterSet(CharacterSet.WPC1252); // ESC t 16
  builder.alignCenter();
  if (layout.logo && layout.logo.length > 0) {
    builder.add(layout.logo);
    builder.newLine();
  }

  builder.bold(true);
  lines(data.hallName, width);
  builder.bold(false);
  builder.newLine();

  const numberLength = Math.max(1, [...data.number].length);
  const magnification = Math.max(1, Math.min(MAX_MAGNIFICATION, Math.floor(width / numberLength)));
  builder.bold(true);
  builder.setTextSize(magnification - 1, magnification - 1); // GS ! 0x77 at most
  builder.add(encodeWpc1252(data.number));
  builder.newLine();
  builder.setTextSize(0, 0);

  builder.setTextSize(1, 1); // double width and height
  lines(data.serviceName, Math.floor(width / 2));
  builder.setTextSize(0, 0);
  builder.bold(false);
  lines(data.issuedAtText, width);
  builder.newLine();

  lines(data.aheadText, width);
  lines(data.estimateText, width);
  if (data.prepareText) {
    builder.newLine();
    lines(data.prepareText, width);
  }
  if (data.needsText) {
    builder.newLine();
    builder.bold(true);
    lines(data.needsText, width);
    builder.bold(false);
  }
  if (layout.showQr ?? DEFAULT_TICKET_LAYOUT.showQr) {
    builder.newLine();
    builder.add(qrCode(data.qrUrl, layout.qrModuleSize ?? DEFAULT_TICKET_LAYOUT.qrModuleSize));
    builder.newLine();
  }
  if (data.footerText) {
    builder.newLine();
    lines(data.footerText, width);
  }
  // Feeds (ESC d 4, twice) so the cut clears the text, cuts (GS V 0 / GS V 1), then ESC @.
  if ((layout.cut ?? DEFAULT_TICKET_LAYOUT.cut) === 'partial') builder.partialCut();
  else builder.cut();
  return builder.getBuffer();
}
