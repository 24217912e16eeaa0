import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Language } from '@vuoro/server/protocol';
import { KEYS, moveFocus } from './keyboardNavigation';
import { spokenItems } from './speakAttr';
import { SpeechPlayer, type SpeechContext, type SpeechItem } from './speechPlayer';

const LONG_PRESS_MS = 2000;
const LONG_PRESS_SLOP_PX = 24;

export interface SpeechMode {
  on: boolean;
  start(): void;
  stop(): void;
  toggle(): void;
  /** Speaks now if speech mode is on (e.g. an error message). */
  say(items: readonly SpeechItem[]): void;
  /** Speaks the screen (its heading's prompts) now, if speech mode is on. */
  readScreen(): void;
}

/** The screen's own prompts are on its focused heading (`h1[data-speak]`). */
function screenItems(): SpeechItem[] {
  return spokenItems(document.querySelector('h1[data-speak], dialog[open] [data-speak]'));
}

/**
 * The talking kiosk. Started by the help key (keypad star, F1 or "h") or a long press anywhere; it reads the screen,
 * then each option as focus moves. Keys: arrows move, Enter selects, star/F1/"r" repeat, +/- volume, Escape stops
 * the voice and a second Escape turns speech off. Arrow keys move between options in every mode.
 */
export function useSpeechMode(lang: Language, ctx: SpeechContext): SpeechMode {
  const [on, setOn] = useState(false);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const player = useMemo(
    () =>
      new SpeechPlayer({
        hallName: (l) => ctxRef.current.hallName(l),
        serviceName: (id, l) => ctxRef.current.serviceName(id, l),
        prepare: (id, l) => ctxRef.current.prepare(id, l),
      }),
    [],
  );
  const state = useRef({ on, lang, speaking: false, sayGen: 0 });
  state.current.on = on;
  state.current.lang = lang;

  const say = useCallback(
    (items: readonly SpeechItem[]) => {
      if (!state.current.on || items.length === 0) return;
      const gen = ++state.current.sayGen;
      state.current.speaking = true;
      void player.say(items, state.current.lang).finally(() => {
        if (state.current.sayGen === gen) state.current.speaking = false;
      });
    },
    [player],
  );

  const focusedItems = (): SpeechItem[] => {
    const el = document.activeElement;
    return el && el.tagName !== 'H1' && el !== document.body ? spokenItems(el) : [];
  };

  const readScreen = useCallback(() => say([...screenItems(), ...focusedItems()]), [say]);

  const start = useCallback(() => {
    state.current.on = true;
    setOn(true);
    say([{ key: 'speech.on' }, ...screenItems(), ...focusedItems()]);
  }, [say]);

  const stop = useCallback(() => {
    player.stop();
    state.current.on = false;
    setOn(false);
  }, [player]);

  const toggle = useCallback(() => (state.current.on ? stop() : start()), [start, stop]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = e.key;
      const target = e.target instanceof HTMLElement ? e.target : null;
      // Typing in a text field (a booking code, typed or from a hand scanner): letters and signs are text, not commands.
      const typing = target instanceof HTMLInputElement && (target.type === 'text' || target.type === 'email') && k.length === 1;
      if (typing) return;
      if (KEYS.help.has(k) || (state.current.on && KEYS.repeat.has(k))) {
        e.preventDefault();
        if (state.current.on) readScreen();
        else start();
      } else if (KEYS.next.has(k) || KEYS.previous.has(k)) {
        e.preventDefault();
        moveFocus(KEYS.next.has(k) ? 1 : -1);
      } else if (k === 'Enter' && target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) {
        e.preventDefault();
        target.click();
      } else if (state.current.on && (KEYS.louder.has(k) || KEYS.quieter.has(k))) {
        e.preventDefault();
        player.changeVolume(KEYS.louder.has(k) ? 0.1 : -0.1);
        say(focusedItems().length > 0 ? focusedItems() : screenItems());
      } else if (state.current.on && KEYS.stop.has(k)) {
        if (document.querySelector('dialog[open]')) return;
        e.preventDefault();
        if (state.current.speaking) {
          player.stop();
          state.current.speaking = false;
        } else stop();
      }
    };
    const onFocus = (e: FocusEvent) => {
      if (!state.current.on || !(e.target instanceof HTMLElement)) return;
      // A heading gets focus when a screen opens: read the whole screen.
      say(e.target.tagName === 'H1' ? screenItems() : spokenItems(e.target));
    };
    const onChange = (e: Event) => {
      const el = e.target;
      if (!state.current.on || !(el instanceof HTMLInputElement)) return;
      // Say the new state once React has drawn it.
      setTimeout(() => say(spokenItems(el)), 0);
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocus);
    document.addEventListener('change', onChange);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocus);
      document.removeEventListener('change', onChange);
    };
  }, [player, readScreen, say, start, stop]);

  const isOn = useCallback(() => state.current.on, []);
  useLongPress(start, isOn);

  useEffect(() => () => player.stop(), [player]);

  return useMemo(() => ({ on, start, stop, toggle, say, readScreen }), [on, start, stop, toggle, say, readScreen]);
}

/** A press of two seconds anywhere starts speech mode; the click that ends it is swallowed so nothing is chosen. */
function useLongPress(onLongPress: () => void, alreadyOn: () => boolean): void {
  const cb = useRef(onLongPress);
  cb.current = onLongPress;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let origin: { x: number; y: number } | null = null;
    let swallowClick = false;
    const cancel = () => {
      clearTimeout(timer);
      origin = null;
    };
    const down = (e: PointerEvent) => {
      cancel();
      if (alreadyOn()) return;
      origin = { x: e.clientX, y: e.clientY };
      timer = setTimeout(() => {
        swallowClick = true;
        cb.current();
      }, LONG_PRESS_MS);
    };
    const move = (e: PointerEvent) => {
      if (origin && Math.hypot(e.clientX - origin.x, e.clientY - origin.y) > LONG_PRESS_SLOP_PX) cancel();
    };
    const click = (e: MouseEvent) => {
      if (!swallowClick) return;
      swallowClick = false;
      e.preventDefault();
      e.stopPropagation();
    };
    const up = () => {
      cancel();
      // A click follows pointerup at once; forget the swallow if none came.
      setTimeout(() => {
        swallowClick = false;
      }, 500);
    };
    const menu = (e: Event) => e.preventDefault();
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', cancel, true);
    window.addEventListener('click', click, true);
    window.addEventListener('contextmenu', menu, true);
    return () => {
      cancel();
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointermove', move, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', cancel, true);
      window.removeEventListener('click', click, true);
      window.removeEventListener('contextmenu', menu, true);
    };
  }, [alreadyOn]);
}
