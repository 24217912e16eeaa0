import type { HallMessage, Language } from '@vuoro/server/protocol';

export interface Slide {
  key: string;
  text: string;
  lang: Language | null;
}

/** Every message in every hall language it has, in turn; a supervisor's announcement comes between each one. */
export function slidesOf(messages: readonly HallMessage[], announcement: string | null, languages: readonly Language[], defaultLanguage: Language): Slide[] {
  const order = [defaultLanguage, ...languages.filter((l) => l !== defaultLanguage)];
  const slides: Slide[] = [];
  for (const lang of order) {
    for (const m of messages) {
      const text = m.text[lang];
      if (text) slides.push({ key: `${m.id}:${lang}`, text, lang });
    }
  }
  if (announcement === null) return slides;
  const note = (i: number): Slide => ({ key: `announcement:${i}`, text: announcement, lang: null });
  return slides.length === 0 ? [note(0)] : slides.flatMap((s, i) => [note(i), s]);
}
