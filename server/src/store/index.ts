import { CounterRepository } from './counterRepository.js';
import { openDatabase, type Db } from './database.js';
import { EventRepository } from './eventRepository.js';
import { HallRepository } from './hallRepository.js';
import { TicketRepository } from './ticketRepository.js';
import { SessionRepository, UserRepository } from './userRepository.js';

export { openDatabase, type Db } from './database.js';
export { CLOSED_STATE, type CounterState } from './counterRepository.js';
export type { NewEvent } from './eventRepository.js';
export { toUserView, type UserRecord } from './userRepository.js';

/** All repositories over one database connection. */
export class Store {
  readonly tickets: TicketRepository;
  readonly events: EventRepository;
  readonly counters: CounterRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly hall: HallRepository;

  constructor(readonly db: Db) {
    this.tickets = new TicketRepository(db);
    this.events = new EventRepository(db);
    this.counters = new CounterRepository(db);
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
    this.hall = new HallRepository(db);
  }

  static open(file: string): Store {
    return new Store(openDatabase(file));
  }

  /** Runs `fn` in one immediate transaction: read, decide, write the row and its event, or nothing at all. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
