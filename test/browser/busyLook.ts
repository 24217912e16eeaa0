import type { Locator } from 'playwright-core';

/**
 * What a button looks like while it may be busy: its opacity and cursor, its busy ring (the ::after box the kiosk and
 * the counter draw in the button's padding), whether the ring turns, and the ring's contrast with the button.
 */
export interface BusyLook {
  opacity: string;
  cursor: string;
  ring: boolean;
  turning: boolean;
  contrast: number;
}

export function busyLook(button: Locator): Promise<BusyLook> {
  return button.evaluate((el) => {
    const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (c: string): number => {
      const [r = 0, g = 0, b = 0] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const own = getComputedStyle(el);
    const after = getComputedStyle(el, '::after');
    const ring = after.content !== 'none' && after.content !== 'normal' && after.position === 'absolute' && parseFloat(after.width) > 0;
    const [a, b] = [luminance(after.borderTopColor), luminance(own.backgroundColor)].sort((x, y) => y - x) as [number, number];
    return { opacity: own.opacity, cursor: own.cursor, ring, turning: after.animationName !== 'none', contrast: (a + 0.05) / (b + 0.05) };
  });
}
