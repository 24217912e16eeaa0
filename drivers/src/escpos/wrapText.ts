/**
 * Word-wraps `text` to lines of at most `width` characters. Existing line
 * breaks are kept; a word longer than a line is split.
 */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
      let rest = word;
      while ([...rest].length > limit && line === '') {
        const chars = [...rest];
        lines.push(chars.slice(0, limit).join(''));
        rest = chars.slice(limit).join('');
      }
      if (rest === '') continue;
      if (line === '') line = rest;
      else if ([...line].length + 1 + [...rest].length <= limit) line += ` ${rest}`;
      else {
        lines.push(line);
        line = '';
        while ([...rest].length > limit) {
          const chars = [...rest];
          lines.push(chars.slice(0, limit).join(''));
          rest = chars.slice(limit).join('');
        }
        line = rest;
      }
    }
    lines.push(line);
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
