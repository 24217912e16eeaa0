import { z } from 'zod';

/** Languages the kiosk, tickets, displays and status page speak. Adding one: see README "Languages". */
export const LANGUAGES = ['en', 'fi', 'sv', 'de', 'nl', 'fr'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Each language named in itself, for language pickers (never flags alone). */
export const LANGUAGE_AUTONYMS: Readonly<Record<Language, string>> = {
  en: 'English',
  fi: 'Suomi',
  sv: 'Svenska',
  de: 'Deutsch',
  nl: 'Nederlands',
  fr: 'Français',
};

/** A text in several languages; the hall's default language must always be present. */
export const LocalizedText = z.partialRecord(Language, z.string().min(1).max(2000));
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Physical features a counter can offer. */
export const FEATURES = ['hearing-loop', 'low-desk'] as const;
export const Feature = z.enum(FEATURES);
export type Feature = z.infer<typeof Feature>;

/**
 * What a visitor may ask for with a ticket. `interpreter:<code>` carries an ISO 639 language code,
 * which may be any language, not only the ones the kiosk speaks.
 */
export const Need = z.union([
  z.enum(['hearing-loop', 'low-desk', 'priority']),
  z.templateLiteral(['interpreter:', z.string().regex(/^[a-z]{2,3}$/)]),
]);
export type Need = z.infer<typeof Need>;

export const TICKET_STATES = ['waiting', 'called', 'serving', 'parked', 'done', 'no-show', 'cancelled'] as const;
export const TicketState = z.enum(TICKET_STATES);
export type TicketState = z.infer<typeof TicketState>;

/** States in which a ticket is still part of today's work. */
export const ACTIVE_STATES: readonly TicketState[] = ['waiting', 'called', 'serving', 'parked'];

export const ROLES = ['staff', 'supervisor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Event types of the append-only event log. */
export const EVENT_TYPES = [
  'ticket_issued',
  'ticket_called',
  'ticket_recalled',
  'ticket_started',
  'ticket_finished',
  'ticket_no_show',
  'ticket_requeued',
  'ticket_transferred',
  'ticket_parked',
  'ticket_resumed',
  'ticket_cancelled',
  'ticket_expired',
  'ticket_noted',
  'counter_opened',
  'counter_closed',
  'counter_paused',
  'counter_resumed',
  'counter_taken_over',
  'counter_profile_changed',
  'service_stopped',
  'service_restarted',
  'config_changed',
  'feedback_given',
  'appointment_booked',
  'appointment_moved',
  'appointment_cancelled',
  'appointment_arrived',
  'appointment_no_show',
  'ticket_checked_in',
  'ticket_skipped',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/** The need that a counter feature satisfies, if any. */
export function featureForNeed(need: Need): Feature | undefined {
  return need === 'hearing-loop' || need === 'low-desk' ? need : undefined;
}

export { localize } from './client/localize.js';
