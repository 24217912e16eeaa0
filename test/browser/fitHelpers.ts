import type { Page } from 'playwright-core';

/** Measurements shared by the "fits its screen" browser tests: what is outside the viewport, cut, or scrolls. */

export interface Box {
  what: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Elements matching `selector` that are not entirely inside the viewport. */
export async function outsideViewport(page: Page, selector: string): Promise<Box[]> {
  return page.evaluate((sel) => {
    const out: Box[] = [];
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.top < -0.5 || r.left < -0.5 || r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5) {
        out.push({ what: (el.textContent ?? '').trim().slice(0, 40), top: r.top, bottom: r.bottom, left: r.left, right: r.right });
      }
    }
    return out;
  }, selector);
}

/** Elements whose content is wider or taller than their box (cut or spilling). */
export async function clipped(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll<HTMLElement>(sel)]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        .map((el) => `${(el.textContent ?? '').trim().slice(0, 40)} (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`),
    selector,
  );
}

/** The page itself scrolls neither way. */
export async function pageScroll(page: Page): Promise<{ height: number; viewportHeight: number; width: number; viewportWidth: number; y: number }> {
  return page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    viewportHeight: window.innerHeight,
    width: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
    y: window.scrollY,
  }));
}
