import { ApiKeyRepository } from './apiKeyRepository.js';
import { AuditRepository } from './auditRepository.js';
import { CounterRepository } from './counterRepository.js';
import { openDatabase, type Db } from './database.js';
import { EventRepository } from './eventRepository.js';
import { HallRepository } from './hallRepository.js';
import { KnowledgeRepository } from './knowledgeRepository.js';
import { TicketRepository } from './ticketRepository.js';
import { WebhookRepository } from './webhookRepository.js';
import { SessionRepository, UserRepository } from './userRepository.js';
import type { Ticket, Transition } from '../domain/index.js';

export { openDatabase, type Db } from './database.js';
export { CLOSED_STATE, type CounterState } from './counterRepository.js';
export type { NewEvent } from './eventRepository.js';
export type { NewAuditEntry, AuditFilter } from './auditRepository.js';
export type { ApiKeyRecord } from './apiKeyRepository.js';
export type { WebhookRecord, DueDelivery } from './webhookRepository.js';
export { toUserView, type UserRecord } from './userRepository.js';
export type { ArticleRow, ContactRow, FlagRow, FtsColumns, PublishedRow, VersionRow } from './knowledgeRepository.js';

/** All repositories over one database connection. */
export class Store {
  readonly tickets: TicketRepository;
  readonly events: EventRepository;
  readonly counters: CounterRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly hall: HallRepository;
  readonly audit: AuditRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly webhooks: WebhookRepository;
  readonly knowledge: KnowledgeRepository;

  constructor(readonly db: Db) {
    this.tickets = new TicketRepository(db);
    this.events = new EventRepository(db);
    this.counters = new CounterRepository(db);
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
    this.hall = new HallRepository(db);
    this.audit = new AuditRepository(db);
    this.apiKeys = new ApiKeyRepository(db);
    this.webhooks = new WebhookRepository(db);
    this.knowledge = new KnowledgeRepository(db);
  }

  static open(file: string): Store {
    return new Store(openDatabase(file));
  }

  /** Runs `fn` in one immediate transaction: read, decide, write the row and its event, or nothing at all. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Writes a ticket's new state and the event that records it (call inside `transaction`). */
  record(t: Transition, at: number, who: { counterId?: string | null; userId?: number | null }): Ticket {
    this.tickets.update(t.ticket);
    this.events.append({
      type: t.event.type,
      at,
      ticketId: t.ticket.id,
      serviceId: t.ticket.serviceId,
      counterId: who.counterId ?? null,
      userId: who.userId ?? null,
      data: t.event.data ?? null,
    });
    return t.ticket;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
