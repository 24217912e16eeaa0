import type { SpeechItem } from './speechPlayer';

/** What an element says when it gets focus in speech mode: `data-speak` holds its prompts as JSON. */
export function speakAttr(...items: SpeechItem[]): { 'data-speak': string } {
  return { 'data-speak': JSON.stringify(items) };
}

export function spokenItems(el: Element | null): SpeechItem[] {
  const raw = el?.closest('[data-speak]')?.getAttribute('data-speak');
  if (!raw) return [];
  try {
    return JSON.parse(raw) as SpeechItem[];
  } catch {
    return [];
  }
}
