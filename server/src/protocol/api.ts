import { z } from 'zod';
import { Language, Need, Role } from './vocabulary.js';

/** Request bodies of the HTTP API, validated at the boundary. */

const Id = z.string().min(1).max(40);
const TicketId = z.coerce.number().int().positive();

export const IssueTicketRequest = z.strictObject({
  serviceId: Id,
  language: Language.optional(),
  needs: z.array(Need).max(6).default([]),
  kioskId: Id.optional(),
});
export type IssueTicketRequest = z.input<typeof IssueTicketRequest>;

export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(80),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const OpenCounterRequest = z.strictObject({
  /** A narrower work profile than the counter's configured one. */
  services: z.array(Id).min(1).optional(),
  /** Take the counter over from another staff member who holds it. */
  takeOver: z.boolean().default(false),
});
export type OpenCounterRequest = z.input<typeof OpenCounterRequest>;

export const CallTicketRequest = z.strictObject({ ticketId: TicketId });
export const FinishRequest = z.strictObject({
  outcome: Id.optional(),
  /** The knowledge-base article the visit was resolved with. */
  articleId: z.number().int().positive().optional(),
});
export const TransferRequest = z.union([
  z.strictObject({ serviceId: Id, note: z.string().max(500).optional() }),
  z.strictObject({ counterId: Id, note: z.string().max(500).optional() }),
]);
export type TransferRequest = z.infer<typeof TransferRequest>;
export const PauseRequest = z.strictObject({ reason: z.string().min(1).max(80) });
export const ResumeParkedRequest = z.strictObject({ ticketId: TicketId });
export const TicketNoteRequest = z.strictObject({ note: z.string().max(500) });
export const ChangeServiceRequest = z.strictObject({ serviceId: Id });
export const AnnouncementRequest = z.strictObject({ text: z.string().max(200).nullable() });
export const ProfileRequest = z.strictObject({
  services: z.array(z.strictObject({ serviceId: Id, weight: z.number().positive().max(10) })).min(1),
});
export const ServiceStopRequest = z.strictObject({ stopped: z.boolean() });

/** A page of GET /tickets: at most `limit` (≤ 1000) from `offset`, in arrival order. */
export const TicketPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The organisations whose work an organisation's staff may help with (their counters, tickets and needs). */
export const MayHelpRequest = z.strictObject({ helps: z.array(z.string().min(1).max(40)).max(50) });

export const CreateUserRequest = z.strictObject({
  username: z
    .string()
    .min(2)
    .max(40)
    .regex(/^[a-z0-9._-]+$/, 'use lower-case letters, digits, ".", "_" or "-"'),
  displayName: z.string().min(1).max(80),
  password: z.string().min(10, 'at least 10 characters').max(200),
  role: Role,
  organisationId: Id.nullable().default(null),
});
export const UpdateUserRequest = z.strictObject({
  displayName: z.string().min(1).max(80).optional(),
  password: z.string().min(10, 'at least 10 characters').max(200).optional(),
  role: Role.optional(),
  organisationId: Id.nullable().optional(),
  disabled: z.boolean().optional(),
});

export const TicketIdParam = TicketId;
