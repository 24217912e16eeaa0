import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Type scales tried from the largest down, as a factor of the mode's base size (20 px, large text 28 px). The
 * largest that lets the screen fit wins, so a tall portrait panel gets big type and a short landscape one smaller.
 */
export const FIT_SCALES = [1.6, 1.45, 1.3, 1.18, 1.08, 1, 0.92, 0.84, 0.76] as const;
/** Below this factor a long word no longer makes the type smaller: it breaks instead (`last`). */
const WORD_MIN_SCALE = 1;
/** Large text never goes below this factor: past it, the start screen pages instead. */
const LARGE_MIN_SCALE = 0.84;

export interface Fit {
  /** The type scale in use (a CSS custom property on the screen). */
  scale: number;
  /** Services per page on the start screen; null when all fit at once. */
  perPage: number | null;
  /** The type is at or below the base size: long words then break anywhere rather than make it smaller. */
  last: boolean;
}

interface Options {
  /** Anything that changes what is on the screen or its size: a change starts the search from the largest type. */
  key: string;
  large: boolean;
  /** How many items the screen can page through (0: the screen cannot page). */
  items: number;
}

function overflows(el: HTMLElement, words: boolean): boolean {
  if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) return true;
  // A long word (German compounds) wider than its button: smaller type, until the last scale breaks it anywhere.
  return words && [...el.querySelectorAll<HTMLElement>('[data-fit-word]')].some((w) => w.scrollWidth > w.clientWidth + 1);
}

/**
 * Lays a screen out to the viewport without scrolling: after each render (before it is painted) it checks whether
 * `ref` overflows, and if so takes the next smaller type scale; at the smallest allowed scale it pages, with fewer
 * items per page until the page fits.
 */
export function useFit(ref: RefObject<HTMLElement | null>, { key, large, items }: Options): Fit {
  const [viewport, setViewport] = useState(() => `${window.innerWidth}x${window.innerHeight}`);
  useEffect(() => {
    const onResize = () => setViewport(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const fullKey = `${key}|${large}|${items}|${viewport}`;
  const [state, setState] = useState({ key: fullKey, level: 0, perPage: null as number | null });
  const current = state.key === fullKey ? state : { key: fullKey, level: 0, perPage: null };
  const minScale: number = large ? LARGE_MIN_SCALE : (FIT_SCALES[FIT_SCALES.length - 1] ?? 1);
  let lastLevel = 0;
  FIT_SCALES.forEach((s, i) => {
    if (s >= minScale) lastLevel = i;
  });

  useLayoutEffect(() => {
    const el = ref.current;
    if (state.key !== fullKey) {
      setState(current);
      return;
    }
    if (!el || !overflows(el, (FIT_SCALES[current.level] ?? 1) > WORD_MIN_SCALE)) return;
    if (current.level < lastLevel) {
      setState({ ...current, level: current.level + 1 });
    } else if (items > 1 && (current.perPage ?? items) > 1) {
      setState({ ...current, perPage: (current.perPage ?? items) - 1 });
    }
  });

  return { scale: FIT_SCALES[current.level] ?? 1, perPage: current.perPage, last: (FIT_SCALES[current.level] ?? 1) <= WORD_MIN_SCALE };
}
