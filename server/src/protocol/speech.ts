import { z } from 'zod';
import { Language } from './vocabulary.js';

/** The screens whose catalog texts the server can speak. */
export const SPEECH_APPS = ['kiosk', 'display'] as const;
export type SpeechApp = (typeof SPEECH_APPS)[number];

/**
 * GET /api/v1/speech query: a catalog key and typed parameters, never free text. Each parameter is checked
 * against the hall (a counter label that exists, a service id that exists) before it is put into a sentence.
 */
export const SpeechQuery = z.strictObject({
  app: z.enum(SPEECH_APPS),
  lang: Language,
  key: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, 'a catalog key'),
  number: z.string().regex(/^[A-Z]{1,2}\d{2,6}$/, 'a ticket number such as A012 or A1012').optional(),
  counter: z.string().min(1).max(12).optional(),
  service: z.string().min(1).max(40).optional(),
  minutes: z.coerce.number().int().min(0).max(999).optional(),
  ahead: z.coerce.number().int().min(0).max(999).optional(),
  interpreter: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code').optional(),
});
export type SpeechQuery = z.infer<typeof SpeechQuery>;
