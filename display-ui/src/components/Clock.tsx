import { useEffect, useMemo, useState } from 'react';
import type { Language } from '@vuoro/server/protocol';

interface Props {
  timeZone: string;
  lang: Language;
  label: string;
}

/** Hours and minutes in the hall's time zone (not the display PC's), refreshed every few seconds. */
export function Clock({ timeZone, lang, label }: Props) {
  const format = useMemo(() => new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }), [timeZone, lang]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  const text = format.format(now);
  return (
    <p className="clock">
      <span className="visually-hidden">{label} </span>
      <time dateTime={new Date(now).toISOString()} data-testid="clock">
        {text}
      </time>
    </p>
  );
}
