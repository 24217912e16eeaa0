import type { Language, Need } from '../protocol/index.js';

/**
 * The few sentences a printed ticket says, per language. Everything else on a
 * ticket (hall name, service name, what to prepare) comes localized from the
 * hall config; dates come from Intl in the ticket's language.
 */
export interface TicketText {
  ahead: (n: number) => string;
  estimate: (minutes: number) => string;
  estimateUnknown: string;
  /** Shown instead of the queue lines on a reprint after the visitor was called. */
  notWaiting: string;
  hearingLoop: string;
  lowDesk: string;
  priority: string;
  interpreter: (languageName: string) => string;
  footer: string;
}

export const TICKET_TEXT: Readonly<Record<Language, TicketText>> = {
  en: {
    ahead: (n) => `People ahead: ${n}`,
    estimate: (m) => `Estimated wait: about ${m} min`,
    estimateUnknown: 'Estimated wait: not known yet',
    notWaiting: 'Your number has been called.',
    hearingLoop: 'Hearing loop requested',
    lowDesk: 'Low desk requested',
    priority: 'Priority service',
    interpreter: (l) => `Interpreter: ${l}`,
    footer: 'Scan the code to follow your turn.',
  },
  fi: {
    ahead: (n) => `Edelläsi jonossa: ${n}`,
    estimate: (m) => `Arvioitu odotus: noin ${m} min`,
    estimateUnknown: 'Arvioitu odotus: ei vielä tiedossa',
    notWaiting: 'Numerosi on jo kutsuttu.',
    hearingLoop: 'Induktiosilmukka pyydetty',
    lowDesk: 'Matala asiointipiste pyydetty',
    priority: 'Etusija',
    interpreter: (l) => `Tulkki: ${l}`,
    footer: 'Seuraa vuoroasi skannaamalla koodi.',
  },
  sv: {
    ahead: (n) => `Före dig i kön: ${n}`,
    estimate: (m) => `Beräknad väntetid: cirka ${m} min`,
    estimateUnknown: 'Beräknad väntetid: inte känd ännu',
    notWaiting: 'Ditt nummer har redan ropats upp.',
    hearingLoop: 'Hörslinga önskas',
    lowDesk: 'Låg disk önskas',
    priority: 'Förtur',
    interpreter: (l) => `Tolk: ${l}`,
    footer: 'Skanna koden för att följa din tur.',
  },
  de: {
    ahead: (n) => `Vor Ihnen: ${n}`,
    estimate: (m) => `Geschätzte Wartezeit: etwa ${m} Min.`,
    estimateUnknown: 'Geschätzte Wartezeit: noch nicht bekannt',
    notWaiting: 'Ihre Nummer wurde bereits aufgerufen.',
    hearingLoop: 'Induktionsschleife gewünscht',
    lowDesk: 'Niedriger Schalter gewünscht',
    priority: 'Vorrang',
    interpreter: (l) => `Dolmetscher: ${l}`,
    footer: 'Code scannen, um Ihre Nummer zu verfolgen.',
  },
  nl: {
    ahead: (n) => `Voor u: ${n}`,
    estimate: (m) => `Geschatte wachttijd: ongeveer ${m} min`,
    estimateUnknown: 'Geschatte wachttijd: nog niet bekend',
    notWaiting: 'Uw nummer is al opgeroepen.',
    hearingLoop: 'Ringleiding gevraagd',
    lowDesk: 'Lage balie gevraagd',
    priority: 'Voorrang',
    interpreter: (l) => `Tolk: ${l}`,
    footer: 'Scan de code om uw beurt te volgen.',
  },
  fr: {
    ahead: (n) => `Personnes avant vous : ${n}`,
    estimate: (m) => `Attente estimée : environ ${m} min`,
    estimateUnknown: 'Attente estimée : pas encore connue',
    notWaiting: 'Votre numéro a déjà été appelé.',
    hearingLoop: 'Boucle magnétique demandée',
    lowDesk: 'Guichet bas demandé',
    priority: 'Service prioritaire',
    interpreter: (l) => `Interprète : ${l}`,
    footer: 'Scannez le code pour suivre votre tour.',
  },
};

/** The needs line of a ticket, e.g. "Hearing loop requested · Interpreter: Arabic"; undefined without needs. */
export function needsLine(needs: readonly Need[], language: Language): string | undefined {
  const text = TICKET_TEXT[language];
  const parts = needs.map((need) => {
    if (need === 'hearing-loop') return text.hearingLoop;
    if (need === 'low-desk') return text.lowDesk;
    if (need === 'priority') return text.priority;
    return text.interpreter(languageName(need.slice('interpreter:'.length), language));
  });
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** "ar" → "Arabisch" for a German ticket; the code itself when Intl does not know it. */
function languageName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** English tickets use the European day-month order; every language uses the 24-hour clock, as the screens do. */
const DATE_LOCALE: Readonly<Record<Language, string>> = { en: 'en-GB', fi: 'fi', sv: 'sv', de: 'de', nl: 'nl', fr: 'fr' };

/** Local date and time in the hall's time zone, formatted the visitor's way. */
export function issuedAtText(epochMs: number, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[language], { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(epochMs);
}
