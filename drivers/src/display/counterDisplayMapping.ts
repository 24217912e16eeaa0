/**
 * How a called number becomes Modbus registers. LED counter displays differ,
 * so both common layouts are offered; check the display's register map.
 *
 * - 'number' (default): register `numberRegister` (0) holds the numeric part,
 *   register `letterRegister` (1) the letter prefix as ASCII ("A012" → 12 and
 *   0x0041; "AB7" → 7 and 0x4142; "123" → 123 and 0). Written with function 06,
 *   number first, so "123" on unit 1 is 01 06 00 00 00 7B C9 E9.
 * - 'text': `textLength` ASCII characters (default 8), two per register, high
 *   byte first, padded with spaces, written in one function 16 frame from
 *   `textRegister` (0). Blank = all spaces.
 */
export type CounterDisplayMapping =
  | { kind: 'number'; numberRegister?: number; letterRegister?: number | null; blankValue?: number }
  | { kind: 'text'; textRegister?: number; textLength?: number };

export interface RegisterWrite {
  address: number;
  values: number[];
}

/** The register writes that show `text`, or an Error saying why it cannot be shown. */
export function registersFor(mapping: CounterDisplayMapping, text: string | null): RegisterWrite[] | Error {
  if (mapping.kind === 'text') {
    const length = Math.max(2, mapping.textLength ?? 8);
    const padded = (text ?? '').padEnd(length, ' ').slice(0, length + (length % 2));
    if (/[^\x20-\x7e]/.test(padded)) return new Error(`"${text}" has characters a text display cannot show (ASCII only)`);
    const values: number[] = [];
    for (let i = 0; i < padded.length; i += 2) {
      values.push((padded.charCodeAt(i) << 8) | (padded.charCodeAt(i + 1) || 0x20));
    }
    return [{ address: mapping.textRegister ?? 0, values }];
  }
  const numberRegister = mapping.numberRegister ?? 0;
  const letterRegister = mapping.letterRegister === undefined ? 1 : mapping.letterRegister;
  let number: number;
  let letters: number;
  if (text === null) {
    number = mapping.blankValue ?? 0;
    letters = 0;
  } else {
    const match = /^\s*([A-Za-z]{0,2})[\s-]*(\d{1,5})\s*$/.exec(text);
    if (!match) return new Error(`"${text}" is not a number with an optional letter prefix (e.g. "A012")`);
    const prefix = (match[1] ?? '').toUpperCase();
    number = Number(match[2]);
    if (number > 0xffff) return new Error(`${number} does not fit a 16-bit register`);
    letters = [...prefix].reduce((value, char) => (value << 8) | char.charCodeAt(0), 0);
    if (prefix && letterRegister === null) return new Error(`"${text}" has a letter prefix but the display has no letter register`);
  }
  const writes: RegisterWrite[] = [{ address: numberRegister, values: [number] }];
  if (letterRegister !== null) writes.push({ address: letterRegister, values: [letters] });
  return writes;
}
