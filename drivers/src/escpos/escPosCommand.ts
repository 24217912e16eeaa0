/** What EscPosParser turns a byte stream into. */
export type Align = 'left' | 'center' | 'right';

/** The print style in force when a text run started. */
export interface TextStyle {
  align: Align;
  bold: boolean;
  underline: number;
  /** Character magnification 1..8 (GS ! or ESC ! double width/height). */
  width: number;
  height: number;
  font: number;
  /** ESC t code table: 16 = WPC1252, 0 = PC437 (the power-on default). */
  codePage: number;
}

export const DEFAULT_STYLE: Readonly<TextStyle> = {
  align: 'left',
  bold: false,
  underline: 0,
  width: 1,
  height: 1,
  font: 0,
  codePage: 0,
};

export type QrCommand =
  | { type: 'qrModel'; model: number }
  | { type: 'qrModuleSize'; size: number }
  | { type: 'qrCorrection'; level: 'L' | 'M' | 'Q' | 'H' }
  | { type: 'qrStore'; data: string }
  | { type: 'qrPrint' };

export type EscPosCommand =
  | { type: 'init' }
  | { type: 'codePage'; page: number }
  | { type: 'align'; align: Align }
  | { type: 'bold'; on: boolean }
  | { type: 'underline'; mode: number }
  | { type: 'font'; font: number }
  /** ESC ! n: font, bold, double height/width, underline in one byte. */
  | { type: 'printMode'; mode: number }
  /** GS ! n: width and height magnification. */
  | { type: 'textSize'; width: number; height: number }
  /** Printable bytes, decoded from WPC1252. */
  | { type: 'text'; text: string; style: TextStyle }
  | { type: 'lineFeed' }
  | { type: 'feedLines'; lines: number }
  | { type: 'feedDots'; dots: number }
  /** ESC 3 n sets n dots; ESC 2 (null) restores the default. */
  | { type: 'lineSpacing'; dots: number | null }
  | QrCommand
  /** Any other GS ( function: cn/fn and its parameter bytes. */
  | { type: 'function'; selector: number; cn: number; fn: number; params: number[] }
  | { type: 'barcode'; kind: number; data: string }
  | { type: 'rasterImage'; widthBytes: number; height: number }
  /** GS V: cut after feeding `feed` motion units. */
  | { type: 'cut'; mode: 'full' | 'partial'; feed: number }
  /** DLE EOT n: real-time status request. */
  | { type: 'statusQuery'; n: number }
  /** GS r n: transmit status. */
  | { type: 'transmitStatus'; n: number }
  /** Known one-parameter settings we do not model (upside down, HRI position, …). */
  | { type: 'setting'; name: string; value: number[] }
  /** Bytes the parser did not recognise; it resynchronises on the next byte. */
  | { type: 'unknown'; bytes: number[] };

/**
 * The printed text as lines: text runs joined, broken at line feeds, feeds and
 * cuts. Handy for asserting what a ticket says.
 */
export function textLines(commands: readonly EscPosCommand[]): string[] {
  const lines: string[] = [];
  let current = '';
  let dirty = false;
  for (const command of commands) {
    if (command.type === 'text') {
      current += command.text;
      dirty = true;
    } else if (command.type === 'lineFeed' || command.type === 'feedLines' || command.type === 'cut') {
      if (dirty || command.type === 'lineFeed') lines.push(current);
      current = '';
      dirty = false;
    }
  }
  if (dirty) lines.push(current);
  return lines;
}

/** The text run containing `needle`, with the style it was printed in. */
export function findText(
  commands: readonly EscPosCommand[],
  needle: string,
): Extract<EscPosCommand, { type: 'text' }> | undefined {
  for (const command of commands) {
    if (command.type === 'text' && command.text.includes(needle)) return command;
  }
  return undefined;
}
