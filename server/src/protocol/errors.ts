import { z } from 'zod';

/** Error codes shared by the HTTP API and socket acks. Each maps to one HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 422,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  service_closed: 409,
  service_stopped: 409,
  cutoff_passed: 409,
  daily_cap_reached: 409,
  service_full: 409,
  counter_closed: 409,
  counter_paused: 409,
  counter_busy: 409,
  counter_taken: 409,
  queue_empty: 409,
  invalid_transition: 409,
  grace_expired: 409,
  /** The service takes no walk-in tickets: book an appointment. */
  appointments_only: 409,
  not_in_profile: 422,
  unknown_service: 422,
  unknown_counter: 422,
  unknown_outcome: 422,
  internal: 500,
  /** Text-to-speech is not installed; screens fall back to the browser's speech. */
  speech_unavailable: 503,
  /** The database file was deleted or replaced, is damaged, or its disk is full: nothing can be saved now. */
  storage_unavailable: 503,
  /** LDAP / Active Directory sign-in is configured but no directory server answers. */
  directory_unavailable: 503,
  /** A backup could not be written or failed its check; the message says why. */
  backup_failed: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const ApiError = z.object({
  code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Body of every error answer: `{ "error": { "code", "message" } }`. */
export const ErrorBody = z.object({ error: ApiError });
export type ErrorBody = z.infer<typeof ErrorBody>;
