import { DLE, EOT, ESC, GS, LF, CR } from '../escpos/commands.js';
import { decodeWpc1252 } from '../escpos/wpc1252.js';
import { DEFAULT_STYLE, type Align, type EscPosCommand, type TextStyle } from '../escpos/escPosCommand.js';

/** Largest GS ( / GS v 0 payload accepted before the header is treated as noise. */
const MAX_BLOCK = 1 << 20;

const ESC_SETTINGS: Record<number, string> = {
  0x20: 'right-side-spacing',
  0x47: 'double-strike',
  0x52: 'international-charset',
  0x56: 'rotate-90',
  0x3d: 'peripheral-select',
  0x7b: 'upside-down',
  0x63: 'panel-buttons',
};
const GS_SETTINGS: Record<number, string> = {
  0x42: 'reverse',
  0x48: 'hri-position',
  0x66: 'hri-font',
  0x68: 'barcode-height',
  0x77: 'barcode-width',
  0x62: 'smoothing',
};

type Step = { used: number; command: EscPosCommand | null } | 'incomplete';

/**
 * Streaming ESC/POS parser. Feed chunks with `push`, call `end` when the stream
 * is over. It never throws: unknown bytes become `unknown` commands and parsing
 * resumes at the next byte. Text at the end of a chunk is held back until a
 * command or `end()` follows, so any chunking yields the same command list.
 */
export class EscPosParser {
  #buffer: Buffer = Buffer.alloc(0);
  #text: number[] = [];
  #textStyle: TextStyle = { ...DEFAULT_STYLE };
  #style: TextStyle = { ...DEFAULT_STYLE };

  push(chunk: Uint8Array): EscPosCommand[] {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : Buffer.from(chunk);
    return this.#drain(false);
  }

  end(): EscPosCommand[] {
    const commands = this.#drain(true);
    this.#flushText(commands);
    return commands;
  }

  #drain(final: boolean): EscPosCommand[] {
    const out: EscPosCommand[] = [];
    let offset = 0;
    while (offset < this.#buffer.length) {
      const byte = this.#buffer[offset] ?? 0;
      if (byte >= 0x20 && byte !== 0x7f) {
        if (this.#text.length === 0) this.#textStyle = { ...this.#style };
        this.#text.push(byte);
        offset += 1;
        continue;
      }
      const step = this.#step(offset);
      if (step === 'incomplete') {
        if (!final) break;
        this.#emit(out, { type: 'unknown', bytes: [...this.#buffer.subarray(offset)] });
        offset = this.#buffer.length;
        break;
      }
      if (step.command) this.#emit(out, step.command);
      offset += step.used;
    }
    this.#buffer = this.#buffer.subarray(offset);
    return out;
  }

  #emit(out: EscPosCommand[], command: EscPosCommand): void {
    this.#flushText(out);
    this.#apply(command);
    out.push(command);
  }

  #flushText(out: EscPosCommand[]): void {
    if (this.#text.length === 0) return;
    out.push({ type: 'text', text: decodeWpc1252(Uint8Array.from(this.#text)), style: this.#textStyle });
    this.#text = [];
  }

  #apply(command: EscPosCommand): void {
    const style = this.#style;
    switch (command.type) {
      case 'init':
        this.#style = { ...DEFAULT_STYLE };
        break;
      case 'codePage':
        style.codePage = command.page;
        break;
      case 'align':
        style.align = command.align;
        break;
      case 'bold':
        style.bold = command.on;
        break;
      case 'underline':
        style.underline = command.mode;
        break;
      case 'font':
        style.font = command.font;
        break;
      case 'textSize':
        style.width = command.width;
        style.height = command.height;
        break;
      case 'printMode':
        style.font = command.mode & 0x01;
        style.bold = (command.mode & 0x08) !== 0;
        style.height = command.mode & 0x10 ? 2 : 1;
        style.width = command.mode & 0x20 ? 2 : 1;
        style.underline = command.mode & 0x80 ? 1 : 0;
        break;
      default:
        break;
    }
  }

  #step(at: number): Step {
    const b = this.#buffer;
    const have = b.length - at;
    const byte = b[at] ?? 0;
    if (byte === LF) return { used: 1, command: { type: 'lineFeed' } };
    if (byte === CR) return { used: 1, command: null };
    if (byte === 0x09) return { used: 1, command: { type: 'setting', name: 'horizontal-tab', value: [] } };
    if (byte !== ESC && byte !== GS && byte !== DLE) return { used: 1, command: { type: 'unknown', bytes: [byte] } };
    if (have < 2) return 'incomplete';
    const second = b[at + 1] ?? 0;
    if (byte === DLE) {
      if (second !== EOT) return unknown(b, at, 2);
      if (have < 3) return 'incomplete';
      return { used: 3, command: { type: 'statusQuery', n: b[at + 2] ?? 0 } };
    }
    return byte === ESC ? this.#escape(at, second, have) : this.#groupSeparator(at, second, have);
  }

  #escape(at: number, second: number, have: number): Step {
    const b = this.#buffer;
    if (second === 0x40) return { used: 2, command: { type: 'init' } };
    if (second === 0x32) return { used: 2, command: { type: 'lineSpacing', dots: null } };
    if (second === 0x70 || second === 0x42) {
      const size = second === 0x70 ? 5 : 4; // ESC p m t1 t2 (drawer) / ESC B n t (buzzer)
      if (have < size) return 'incomplete';
      const name = second === 0x70 ? 'cash-drawer-pulse' : 'beep';
      return { used: size, command: { type: 'setting', name, value: [...b.subarray(at + 2, at + size)] } };
    }
    const oneParameter = new Set([0x74, 0x61, 0x45, 0x2d, 0x4d, 0x21, 0x64, 0x4a, 0x33, ...Object.keys(ESC_SETTINGS).map(Number)]);
    if (!oneParameter.has(second)) return unknown(b, at, 2);
    if (have < 3) return 'incomplete';
    const n = b[at + 2] ?? 0;
    const command = ((): EscPosCommand => {
      switch (second) {
        case 0x74:
          return { type: 'codePage', page: n };
        case 0x61:
          return { type: 'align', align: alignOf(n) };
        case 0x45:
          return { type: 'bold', on: (n & 1) === 1 };
        case 0x2d:
          return { type: 'underline', mode: n % 48 };
        case 0x4d:
          return { type: 'font', font: n % 48 };
        case 0x21:
          return { type: 'printMode', mode: n };
        case 0x64:
          return { type: 'feedLines', lines: n };
        case 0x4a:
          return { type: 'feedDots', dots: n };
        case 0x33:
          return { type: 'lineSpacing', dots: n };
        default:
          return { type: 'setting', name: ESC_SETTINGS[second] ?? 'unknown', value: [n] };
      }
    })();
    return { used: 3, command };
  }

  #groupSeparator(at: number, second: number, have: number): Step {
    const b = this.#buffer;
    const settingName = GS_SETTINGS[second];
    if (second === 0x21 || second === 0x72 || settingName) {
      if (have < 3) return 'incomplete';
      const n = b[at + 2] ?? 0;
      if (second === 0x21) return { used: 3, command: { type: 'textSize', width: (n >> 4) + 1, height: (n & 0x0f) + 1 } };
      if (second === 0x72) return { used: 3, command: { type: 'transmitStatus', n } };
      return { used: 3, command: { type: 'setting', name: settingName ?? 'unknown', value: [n] } };
    }
    if (second === 0x56) return this.#cut(at, have);
    if (second === 0x28) return this.#function(at, have);
    if (second === 0x76) return this.#raster(at, have);
    if (second === 0x6b) return this.#barcode(at, have);
    return unknown(b, at, 2);
  }

  #cut(at: number, have: number): Step {
    const b = this.#buffer;
    if (have < 3) return 'incomplete';
    const m = b[at + 2] ?? 0;
    if (m === 0 || m === 1 || m === 48 || m === 49) {
      return { used: 3, command: { type: 'cut', mode: m % 48 === 0 ? 'full' : 'partial', feed: 0 } };
    }
    if (m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104) {
      if (have < 4) return 'incomplete';
      return { used: 4, command: { type: 'cut', mode: m % 2 === 1 ? 'full' : 'partial', feed: b[at + 3] ?? 0 } };
    }
    return unknown(b, at, 3);
  }

  #function(at: number, have: number): Step {
    const b = this.#buffer;
    if (have < 5) return 'incomplete';
    const selector = b[at + 2] ?? 0;
    const length = (b[at + 3] ?? 0) | ((b[at + 4] ?? 0) << 8);
    if (length > MAX_BLOCK || length < 2) return unknown(b, at, 3);
    if (have < 5 + length) return 'incomplete';
    const body = b.subarray(at + 5, at + 5 + length);
    const cn = body[0] ?? 0;
    const fn = body[1] ?? 0;
    const used = 5 + length;
    if (selector === 0x6b && cn === 0x31) {
      if (fn === 0x41) return { used, command: { type: 'qrModel', model: (body[2] ?? 0x32) - 0x30 } };
      if (fn === 0x43) return { used, command: { type: 'qrModuleSize', size: body[2] ?? 0 } };
      if (fn === 0x45) {
        const level = (['L', 'M', 'Q', 'H'] as const)[(body[2] ?? 0x30) - 0x30] ?? 'M';
        return { used, command: { type: 'qrCorrection', level } };
      }
      if (fn === 0x50) return { used, command: { type: 'qrStore', data: body.subarray(3).toString('utf8') } };
      if (fn === 0x51) return { used, command: { type: 'qrPrint' } };
    }
    return { used, command: { type: 'function', selector, cn, fn, params: [...body.subarray(2)] } };
  }

  #raster(at: number, have: number): Step {
    const b = this.#buffer;
    if (have < 3) return 'incomplete';
    if (b[at + 2] !== 0x30) return unknown(b, at, 3);
    if (have < 8) return 'incomplete';
    const widthBytes = (b[at + 4] ?? 0) | ((b[at + 5] ?? 0) << 8);
    const height = (b[at + 6] ?? 0) | ((b[at + 7] ?? 0) << 8);
    const size = widthBytes * height;
    if (size > MAX_BLOCK) return unknown(b, at, 3);
    if (have < 8 + size) return 'incomplete';
    return { used: 8 + size, command: { type: 'rasterImage', widthBytes, height } };
  }

  #barcode(at: number, have: number): Step {
    const b = this.#buffer;
    if (have < 3) return 'incomplete';
    const kind = b[at + 2] ?? 0;
    if (kind >= 65) {
      if (have < 4) return 'incomplete';
      const length = b[at + 3] ?? 0;
      if (have < 4 + length) return 'incomplete';
      return { used: 4 + length, command: { type: 'barcode', kind, data: b.subarray(at + 4, at + 4 + length).toString('latin1') } };
    }
    const end = b.indexOf(0, at + 3);
    if (end < 0) return have > 256 ? unknown(b, at, 3) : 'incomplete';
    return { used: end + 1 - at, command: { type: 'barcode', kind, data: b.subarray(at + 3, end).toString('latin1') } };
  }
}

function unknown(buffer: Buffer, at: number, count: number): Step {
  return { used: count, command: { type: 'unknown', bytes: [...buffer.subarray(at, at + count)] } };
}

function alignOf(n: number): Align {
  const value = n % 48;
  return value === 1 ? 'center' : value === 2 ? 'right' : 'left';
}

/** Parses a complete byte sequence (e.g. a rendered ticket). */
export function parseEscPos(bytes: Uint8Array): EscPosCommand[] {
  const parser = new EscPosParser();
  return [...parser.push(bytes), ...parser.end()];
}
