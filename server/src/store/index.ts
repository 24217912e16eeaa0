import { ApiKeyRepository } from './apiKeyRepository.js';
import { AppointmentRepository } from './appointmentRepository.js';
import { AuditRepository } from './auditRepository.js';
import { CounterRepository } from './counterRepository.js';
import { openDatabase, type BeforeMigrate, type Db } from './database.js';
import { EventRepository } from './eventRepository.js';
import { HallRepository } from './hallRepository.js';
import { KnowledgeRepository } from './knowledgeRepository.js';
import { ShippingRepository } from './shippingRepository.js';
import { OpsRepository } from './opsRepository.js';
import { PromiseRepository } from './promiseRepository.js';
import { RetentionRepository } from './retentionRepository.js';
import { SignInRepository } from './signInRepository.js';
import { TicketRepository } from './ticketRepository.js';
import { WebhookRepository } from './webhookRepository.js';
import { BookingContactRepository } from './bookingContactRepository.js';
import { NotifyContactRepository } from './notifyContactRepository.js';
import { NotifyOutboxRepository } from './notifyOutboxRepository.js';
import { SessionRepository, UserRepository } from './userRepository.js';
import { DomainError, type Ticket, type Transition } from '../domain/index.js';
import path from 'node:path';
import { backupAdvice, DatabaseUnusableError, fileIdentity, quickCheck, StorageState, storageErrorCode } from './databaseChecks.js';
import type { DomainEvent } from '../protocol/index.js';

export { openDatabase, type BeforeMigrate, type Db } from './database.js';
export { DailyRollup } from './statsRollup.js';
export { StatsRepository, type CommentRow, type DailySums, type Slice, type StaffingSamples } from './statsRepository.js';
export { VisitRepository, type EventRow } from './visitRepository.js';
export { CLOSED_STATE, type CounterState } from './counterRepository.js';
export type { NewEvent, NewEventFor } from './eventRepository.js';
export type { NewAuditEntry, AuditFilter } from './auditRepository.js';
export type { ApiKeyRecord } from './apiKeyRepository.js';
export type { AppointmentFigureRow, AppointmentRecord } from './appointmentRepository.js';
export type { WebhookRecord, DueDelivery } from './webhookRepository.js';
export type { BookingContact, ReminderCandidate } from './bookingContactRepository.js';
export type { ArmedContact, NotifyContact } from './notifyContactRepository.js';
export type { DueMessage, MessageParams, NewMessage } from './notifyOutboxRepository.js';

/** Receives the events of each committed transaction, in commit order. */
export type CommitListener = (events: readonly DomainEvent[]) => void;
export type { DayCounts } from './opsRepository.js';
export type { PromiseRow } from './promiseRepository.js';
export { PERSONAL_DATA, type HeldData, type PersonalData } from './retentionRepository.js';
export { toUserView, type UserRecord } from './userRepository.js';
export type { SignInAttemptRecord, SignInOutcome } from './signInRepository.js';
export { KNOWN_ADDRESS_MS } from './signInRepository.js';
export type { ArticleRow, ContactRow, FlagRow, FtsColumns, PublishedRow, VersionRow } from './knowledgeRepository.js';
export { DatabaseUnusableError, latestBackup, StorageState, type StorageProblem } from './databaseChecks.js';

export interface StoreOptions {
  /** Where backups of the database are kept (their latest is named when the database is unusable). */
  backupsDir?: string;
  /** Storage problems are logged here, once each. */
  log?: (msg: string) => void;
  /** Runs before pending migrations of an existing database (the backup before an upgrade). */
  beforeMigrate?: BeforeMigrate;
}

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
  readonly notifyContacts: NotifyContactRepository;
  readonly bookingContacts: BookingContactRepository;
  readonly notifyOutbox: NotifyOutboxRepository;
  readonly knowledge: KnowledgeRepository;
  readonly shipping: ShippingRepository;
  readonly appointments: AppointmentRepository;
  /** Events appended by the transaction in progress, handed on when it commits. */
  private journal: DomainEvent[] = [];
  private depth = 0;
  /** One transaction function, made once, that runs what it is given (an immediate transaction, or a savepoint in one). */
  private readonly immediate: (fn: () => unknown) => unknown;
  /** Writes waiting for this turn's group commit (see `batched`). */
  private batch: { fn: () => unknown; resolve: (value: unknown) => void; reject: (err: unknown) => void }[] = [];
  private listener: CommitListener = () => {};
  readonly ops: OpsRepository;
  readonly promises: PromiseRepository;
  readonly retention: RetentionRepository;
  readonly signIns: SignInRepository;

  /** What is wrong with the database file or its disk, if anything (the health route reports it). */
  readonly storage: StorageState;

  constructor(
    readonly db: Db,
    opts: StoreOptions = {},
  ) {
    this.immediate = db.transaction((fn: () => unknown) => fn()).immediate;
    this.tickets = new TicketRepository(db);
    this.events = new EventRepository(db, (e) => this.appended(e));
    this.counters = new CounterRepository(db);
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
    this.hall = new HallRepository(db);
    this.audit = new AuditRepository(db);
    this.apiKeys = new ApiKeyRepository(db);
    this.webhooks = new WebhookRepository(db);
    this.notifyContacts = new NotifyContactRepository(db);
    this.bookingContacts = new BookingContactRepository(db);
    this.notifyOutbox = new NotifyOutboxRepository(db);
    this.knowledge = new KnowledgeRepository(db);
    this.appointments = new AppointmentRepository(db);
    this.signIns = new SignInRepository(db);
    const file = db.memory ? '' : db.name;
    this.storage = new StorageState(
      db,
      file,
      file ? fileIdentity(file) : null,
      opts.backupsDir ?? path.join(path.dirname(file || '.'), 'backups'),
      opts.log ?? ((msg) => console.error(msg)),
    );
    this.shipping = new ShippingRepository(db);
    this.ops = new OpsRepository(db);
    this.promises = new PromiseRepository(db);
    this.retention = new RetentionRepository(db);
  }

  /**
   * Opens the database and checks it (`PRAGMA quick_check`): a damaged file stops the start with a message that
   * names the latest backup, instead of a server that answers 500 to everything.
   */
  static open(file: string, opts: StoreOptions = {}): Store {
    const backupsDir = opts.backupsDir ?? path.join(path.dirname(file), 'backups');
    const unusable = (why: string) =>
      new DatabaseUnusableError(`Vuoro cannot use the database file ${file}: ${why}. ${backupAdvice(backupsDir)}`);
    let db: Db;
    try {
      db = openDatabase(file, undefined, opts.beforeMigrate);
    } catch (err) {
      const code = storageErrorCode(err);
      if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw unusable(`it is damaged (${(err as Error).message})`);
      throw err;
    }
    let problems: string[];
    try {
      problems = quickCheck(db);
    } catch (err) {
      problems = [(err as Error).message];
    }
    if (problems.length > 0) {
      db.close();
      throw unusable(`it is damaged (quick_check: ${problems.slice(0, 3).join('; ')})`);
    }
    return new Store(db, { ...opts, backupsDir });
  }

  /** Who hears about committed events (the services' event bus). One listener; it must not throw. */
  onCommit(listener: CommitListener): void {
    this.listener = listener;
  }

  /**
   * Runs `fn` in one immediate transaction: read, decide, write the row and its event, or nothing at all. Refused
   * (503 `storage_unavailable`) while the database file is gone, replaced or damaged, or its disk is full. When the
   * outermost transaction has committed, the events it appended go to the commit listener, in order. A nested
   * transaction that fails takes its events back with it.
   */
  transaction<T>(fn: () => T): T {
    return this.run(fn, true);
  }

  /** `provesWrites`: a commit says the disk accepts writes again (not so a batch's, which may have written nothing). */
  private run<T>(fn: () => T, provesWrites: boolean): T {
    // The outermost transaction has checked the file already.
    const blocked = this.depth === 0 ? this.storage.writeProblem() : undefined;
    if (blocked && blocked.kind !== 'full') throw new DomainError('storage_unavailable', blocked.message);
    const mark = this.journal.length;
    this.depth += 1;
    let result: T;
    try {
      result = this.immediate(fn) as T;
      if (provesWrites) this.storage.noteWriteOk();
    } catch (err) {
      this.journal.length = mark;
      const problem = this.storage.noteError(err);
      if (problem) throw new DomainError('storage_unavailable', problem.message);
      throw err;
    } finally {
      this.depth -= 1;
    }
    if (this.depth === 0 && this.journal.length > 0) {
      const events = this.journal;
      this.journal = [];
      this.listener(events);
    }
    return result;
  }

  /**
   * Group commit. Runs `fn` as its own transaction within the write batch of this turn of the event loop: every
   * write asked for in the same turn runs, in the order asked, in a nested transaction (a savepoint, so one that fails
   * takes back only its own rows and events) inside one immediate transaction. A burst of concurrent requests thus
   * costs one commit, and pages that they all touch (the newest rows of a table and of its indexes) are written to
   * the log once, instead of once per request. Resolves with `fn`'s result once the batch has committed (its events
   * then go to the listener, in order, like any transaction's); rejects with `fn`'s error, or with the batch's when
   * the batch as a whole could not be committed.
   */
  batched<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.batch.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (this.batch.length === 1) setImmediate(() => this.flushBatch());
    });
  }

  private flushBatch(): void {
    const jobs = this.batch;
    this.batch = [];
    const results: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      this.run(() => {
        for (const job of jobs) {
          try {
            results.push({ ok: true, value: this.transaction(job.fn) });
          } catch (err) {
            // A failure that ended the whole transaction (disk full, I/O error) ends the batch: nothing of it stays.
            if (!this.db.inTransaction) throw err;
            results.push({ ok: false, err });
          }
        }
      }, false);
    } catch (err) {
      for (const job of jobs) job.reject(err);
      return;
    }
    jobs.forEach((job, i) => {
      const r = results[i];
      if (r?.ok) job.resolve(r.value);
      else job.reject(r ? r.err : new Error('The write batch ended early.'));
    });
  }

  private appended(e: DomainEvent): void {
    this.journal.push(e);
    // Outside a transaction the insert committed on its own.
    if (this.depth === 0) {
      this.journal = [];
      this.listener([e]);
    }
  }

  /** Writes a ticket's new state and the event that records it (call inside `transaction`). */
  record(t: Transition, at: number, who: { counterId?: string | null; userId?: number | null }): Ticket {
    this.tickets.update(t.ticket);
    this.events.append({
      ...t.event,
      at,
      ticketId: t.ticket.id,
      serviceId: t.ticket.serviceId,
      counterId: who.counterId ?? null,
      userId: who.userId ?? null,
    });
    return t.ticket;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
