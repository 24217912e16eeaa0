import { localize, type CallReason, type Language, type Need, type ServiceStatus, type TicketState, type TicketView } from '@vuoro/server/protocol';
import type { MessageKey, Translate } from '../i18n/i18n.js';

/** Whole minutes between two epoch-ms times, never negative. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}

export function waitedText(t: Translate, minutes: number): string {
  return minutes === 1 ? t('time.minute') : t('time.minutes', { n: minutes });
}

function languageName(code: string, ui: Language): string {
  try {
    return new Intl.DisplayNames([ui], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function needText(t: Translate, need: Need, ui: Language): string {
  if (need.startsWith('interpreter:')) return t('need.interpreter', { language: languageName(need.slice('interpreter:'.length), ui) });
  const keys: Record<string, MessageKey> = { 'hearing-loop': 'need.hearingLoop', 'low-desk': 'need.lowDesk', priority: 'need.priority' };
  const key = keys[need];
  return key ? t(key) : need;
}

export function needsText(t: Translate, needs: readonly Need[], ui: Language): string {
  return needs.map((n) => needText(t, n, ui)).join(', ');
}

export function languageLabel(code: Language, ui: Language): string {
  return languageName(code, ui);
}

const STATE_KEYS: Record<TicketState, MessageKey> = {
  waiting: 'state.waiting',
  called: 'state.called',
  serving: 'state.serving',
  parked: 'state.parked',
  done: 'state.done',
  'no-show': 'state.noShow',
  cancelled: 'state.cancelled',
};

export function stateText(t: Translate, s: TicketState): string {
  return t(STATE_KEYS[s]);
}

export function serviceName(services: readonly ServiceStatus[], id: string, ui: Language): string {
  const s = services.find((x) => x.id === id);
  return s ? localize(s.name, ui) : id;
}

/** Why the call-next rule chose this ticket, in words a person at the counter understands. */
export function reasonText(t: Translate, r: CallReason, needs: readonly Need[] = []): string {
  const waited = waitedText(t, Math.round(r.waitedMinutes));
  let text: string;
  switch (r.rule) {
    case 'named':
      text = t('reason.named');
      break;
    case 'targeted':
      text = t('reason.targeted');
      break;
    case 'resumed':
      text = t('reason.resumed');
      break;
    case 'strict-priority':
      text = t('reason.strictPriority', { waited });
      break;
    case 'ratio-priority':
      text = t('reason.ratioPriority', { waited });
      break;
    case 'ratio-normal':
      text = t('reason.ratioNormal', { waited });
      break;
    case 'appointment':
      text = r.appointment?.due === false ? t('reason.appointmentEarly', { time: r.appointment.time }) : t('reason.appointmentDue', { time: r.appointment?.time ?? '' });
      break;
    case 'weighted-wait':
      text =
        r.candidates <= 1
          ? t('reason.onlyOne', { waited })
          : t('reason.weightedWait', { waited, candidates: r.candidates, weight: r.weight });
      break;
  }
  if (r.policy === 'aging' && r.rule === 'weighted-wait' && needs.includes('priority')) text += ` ${t('reason.agingPriority')}`;
  if (r.matchedFeature === 'hearing-loop') text += ` ${t('reason.feature.hearingLoop')}`;
  if (r.matchedFeature === 'low-desk') text += ` ${t('reason.feature.lowDesk')}`;
  return text;
}

/** The live-region sentence for a call: "A012 called, waited 14 minutes, needs hearing loop". */
export function callAnnouncement(t: Translate, ticket: TicketView, now: number, ui: Language): string {
  const parts = [t('announce.called', { number: ticket.number }), t('announce.waited', { waited: waitedText(t, minutesBetween(ticket.queuedAt, ticket.calledAt ?? now)) })];
  if (ticket.needs.length > 0) parts.push(t('announce.needs', { needs: needsText(t, ticket.needs, ui) }));
  return parts.join(', ');
}

export function clockTime(at: number, ui: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(ui, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}
