import { useEffect, useState } from 'react';
import type { HallMessage, Language } from '@vuoro/server/protocol';

interface Props {
  messages: readonly HallMessage[];
  announcement: string | null;
  languages: readonly Language[];
  defaultLanguage: Language;
  title: string;
  /** How long each message stays, in ms. */
  interval?: number;
}

interface Slide {
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

/** The hall's information messages in rotation. Not a live region: rotating text must not interrupt readers. */
export function MessageRotator({ messages, announcement, languages, defaultLanguage, title, interval = 9_000 }: Props) {
  const slides = slidesOf(messages, announcement, languages, defaultLanguage);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setIndex((i) => i + 1), interval);
    return () => clearInterval(timer);
  }, [interval]);
  if (slides.length === 0) return null;
  const slide = slides[index % slides.length];
  if (!slide) return null;
  return (
    <section className="messages" aria-labelledby="messages-heading">
      <h2 id="messages-heading" className="visually-hidden">
        {title}
      </h2>
      <p
        key={slide.key}
        className={slide.lang === null ? 'messages__text messages__text--announcement' : 'messages__text'}
        data-testid="hall-message"
        {...(slide.lang === null ? {} : { lang: slide.lang })}
      >
        {slide.lang === null && <span aria-hidden="true">! </span>}
        {slide.text}
      </p>
    </section>
  );
}
