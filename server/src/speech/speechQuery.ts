import { DomainError } from '../domain/index.js';
import { localize, SpeechQuery, type HallConfig, type Language } from '../protocol/index.js';
import { fillTemplate, placeholders, type SpeechCatalogs } from './speechCatalog.js';

export { SpeechQuery } from '../protocol/speech.js';

/** What the screens can ask about today's tickets: numbers that were issued, and no more people ahead than were issued. */
export interface SpeechDay {
  numberIssued(number: string): boolean;
  issuedCount(): number;
}

/**
 * The texts each screen speaks: the kiosk any text of its catalog (in speech mode it reads its prompts and every
 * control it focuses), the display only its call and recall announcements.
 */
export function speakableKey(app: SpeechQuery['app'], key: string): boolean {
  return app === 'kiosk' || key === 'call.spoken' || key === 'recall.spoken';
}

export interface SpeechText {
  lang: Language;
  text: string;
}

export function parseSpeechQuery(raw: unknown): SpeechQuery {
  const r = SpeechQuery.safeParse(raw);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  throw new DomainError('bad_request', `${where}${first?.message ?? 'not a valid speech request'}`);
}

/** Turns a validated query into the sentence to speak, in the requested language. */
export async function speechText(q: SpeechQuery, catalogs: SpeechCatalogs, hall: HallConfig, day: SpeechDay): Promise<SpeechText> {
  if (!hall.hall.languages.includes(q.lang)) {
    throw new DomainError('bad_request', `lang: this hall does not offer the language "${q.lang}" (${hall.hall.languages.join(', ')}).`);
  }
  const template = speakableKey(q.app, q.key) ? await catalogs.template(q.app, q.lang, q.key) : undefined;
  if (template === undefined) {
    throw new DomainError('not_found', `The ${q.app} screen has no text "${q.key}" in language "${q.lang}".`);
  }
  const values: Record<string, string> = {};
  for (const name of placeholders(template)) values[name] = valueOf(name, q, hall, day);
  return { lang: q.lang, text: fillTemplate(template, values) };
}

function valueOf(name: string, q: SpeechQuery, hall: HallConfig, day: SpeechDay): string {
  const missing = () => new DomainError('bad_request', `The text "${q.key}" needs the parameter "${name}".`);
  const def = hall.hall.defaultLanguage;
  switch (name) {
    case 'number':
      if (q.number === undefined) throw missing();
      if (!day.numberIssued(q.number)) throw new DomainError('bad_request', `number: no ticket ${q.number} was issued today.`);
      return speakableNumber(q.number);
    case 'counter': {
      if (q.counter === undefined) throw missing();
      if (!hall.counters.some((c) => c.label === q.counter)) throw new DomainError('bad_request', `There is no counter "${q.counter}".`);
      return q.counter;
    }
    case 'service':
    case 'prepare': {
      if (q.service === undefined) throw new DomainError('bad_request', `The text "${q.key}" needs the parameter "service".`);
      const s = hall.services.find((x) => x.id === q.service);
      if (!s) throw new DomainError('bad_request', `There is no service "${q.service}".`);
      return localize(name === 'service' ? s.name : s.prepare, q.lang, def);
    }
    case 'hall':
      return localize(hall.hall.name, q.lang, def);
    case 'minutes':
    case 'ahead': {
      const v = q[name];
      if (v === undefined) throw missing();
      if (name === 'ahead' && v > day.issuedCount()) {
        throw new DomainError('bad_request', `ahead: ${v} people cannot be waiting; ${day.issuedCount()} tickets were issued today.`);
      }
      return String(v);
    }
    case 'interpreter': {
      if (q.interpreter === undefined) throw missing();
      if (!hall.kiosks.some((k) => k.interpreterLanguages.includes(q.interpreter ?? ''))) {
        throw new DomainError('bad_request', `No kiosk offers an interpreter for "${q.interpreter}".`);
      }
      return new Intl.DisplayNames([q.lang], { type: 'language' }).of(q.interpreter) ?? q.interpreter;
    }
    default:
      throw new DomainError('bad_request', `The text "${q.key}" uses an unknown placeholder "${name}".`);
  }
}

/**
 * "A012" is spoken as "A12": the number without leading zeros, written against the letter so that espeak-ng reads
 * the letter as a letter (English "A 12" would be the article "a"); two letters are joined with a hyphen ("K-M100"),
 * or French would read "KM" as kilometres.
 */
export function speakableNumber(number: string): string {
  const m = /^([A-Z]{1,2})(\d{2,6})$/.exec(number);
  if (!m) return number;
  return `${(m[1] ?? '').split('').join('-')}${Number(m[2])}`;
}
