import { useEffect, useState } from 'react';
import type { HallMessage, Language } from '@vuoro/server/protocol';
import { slidesOf } from '../state/messageSlides.js';

interface Props {
  messages: readonly HallMessage[];
  announcement: string | null;
  languages: readonly Language[];
  defaultLanguage: Language;
  title: string;
  /** How long each message stays, in ms. */
  interval?: number;
}

/** The hall's information messages in rotation. Not a live region: rotating text must not interrupt readers. */
export function MessageRotator({ messages, announcement, languages, defaultLanguage, title, interval = 9_000 }: Props) {
  const slides = slidesOf(messages, announcement, languages, defaultLanguage);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setIndex((i) => i + 1), interval);
    return () => clearInterval(timer);
  }, [interval]);
  // A new announcement from a supervisor is shown at once, not after the current rotation.
  useEffect(() => setIndex(0), [announcement]);
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
