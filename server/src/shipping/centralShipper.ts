import { createHash } from 'node:crypto';
import type { CatalogueEntry, CatalogueSubscription, ErrorBody, EventView, HallProfile, ShipAck, ShipBatch, ShippingStatus } from '../protocol/index.js';
import { CENTRAL_ROUTES, centralPath } from '../protocol/client/centralRoutes.js';

/** What the shipper reads and writes at the hall: the event log by id and the persisted high-water mark. */
export interface ShippingSource {
  mark(): number;
  setMark(lastEventId: number, at: number): void;
  since(afterId: number, limit: number): EventView[];
  lastId(): number;
}

export interface ShipperDeps {
  source: ShippingSource;
  central: { url: string; token: string };
  profile: () => HallProfile;
  now: () => number;
  log: (msg: string, err?: unknown) => void;
  /** Events per batch (tests make it small to see several batches). */
  batchSize?: number;
  /** The central catalogue entries the hall's services follow, and how to apply newer ones. */
  catalogue?: {
    subscriptions(): CatalogueSubscription[];
    apply(entries: CatalogueEntry[]): void;
  };
}

const BATCH = 2000;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;
/** An empty batch this often keeps "connected" true and notices a central that lost data. */
const HEARTBEAT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 15_000;

class ShipError extends Error {
  constructor(message: string, readonly status: number, readonly lastEventId?: number) {
    super(message);
  }
}

/**
 * Ships the hall's event log to central: after each commit (woken by the change bus), in the background, in id
 * order, in batches, from the persisted high-water mark. Central stores by (hall, event id), so a batch resent
 * after a crash or a lost answer is harmless. On failure it retries with exponential backoff (1 s … 60 s, with
 * jitter); the hall never waits for it. Central's acknowledged id is the new mark.
 */
export class CentralShipper {
  private readonly hallId: string;
  private readonly batchSize: number;
  private running = false;
  private again = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private retryMs = 0;
  private sentProfile: string | null = null;
  private inFlight: AbortController | null = null;
  private lastContactAt: number | null = null;
  private unreachableSince: number | null = null;
  private lastError: string | null = null;
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ShipperDeps) {
    this.hallId = deps.central.token.split('.')[1] ?? '';
    this.batchSize = deps.batchSize ?? BATCH;
  }

  start(): void {
    this.wake();
  }

  /** Something was committed: ship soon, unless a retry is already scheduled (it will ship everything). */
  wake = (): void => {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== null && this.retryMs > 0) return;
    this.schedule(0);
  };

  status(): ShippingStatus {
    const mark = this.deps.source.mark();
    const behindBy = Math.max(0, this.deps.source.lastId() - mark);
    const state = this.unreachableSince !== null ? 'unreachable' : behindBy > 0 || this.lastContactAt === null ? 'behind' : 'connected';
    return {
      state,
      centralUrl: this.deps.central.url,
      behindBy,
      lastShippedEventId: mark,
      lastContactAt: this.lastContactAt,
      unreachableSince: this.unreachableSince,
      lastError: this.lastError,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight?.abort();
    await this.done;
  }

  private schedule(ms: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.done = this.run();
    }, ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    try {
      for (;;) {
        this.again = false;
        const more = await this.shipOnce();
        if (this.closed) return;
        if (!more && !this.again) break;
      }
      this.retryMs = 0;
      this.unreachableSince = null;
      this.lastError = null;
      this.schedule(HEARTBEAT_MS);
    } catch (err) {
      if (this.closed) return;
      const message = err instanceof Error ? err.message : String(err);
      if (this.lastError !== message) this.deps.log(`central shipping: ${message} (retrying)`);
      this.lastError = message;
      this.unreachableSince ??= this.deps.now();
      this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs === 0 ? FIRST_RETRY_MS : this.retryMs * 2);
      this.schedule(Math.round(this.retryMs * (0.8 + Math.random() * 0.4)));
    } finally {
      this.running = false;
    }
  }

  /** Sends one batch (maybe empty: a heartbeat); true when more events are waiting. */
  private async shipOnce(): Promise<boolean> {
    const { source } = this.deps;
    const mark = source.mark();
    const events = source.since(mark, this.batchSize);
    const profile = this.deps.profile();
    const profileJson = JSON.stringify(profile);
    const profileHash = createHash('sha256').update(profileJson).digest('hex');
    const subscriptions = this.deps.catalogue?.subscriptions() ?? [];
    const batch: ShipBatch = {
      hallId: this.hallId,
      after: mark,
      ...(this.sentProfile !== profileHash ? { profile } : {}),
      ...(subscriptions.length > 0 ? { subscriptions } : {}),
      events: events.map((e) => ({ id: e.id, type: e.type, at: e.at, ticketId: e.ticketId, counterId: e.counterId, userId: e.userId, serviceId: e.serviceId, data: e.data })),
    };
    let ack: ShipAck;
    try {
      ack = await this.post(batch);
    } catch (err) {
      if (err instanceof ShipError && err.status === 409 && err.lastEventId !== undefined) {
        // Central holds less than we thought (a restored central database): resend from what it holds.
        this.deps.log(`central shipping: central holds events up to ${err.lastEventId}; resending from there`);
        source.setMark(Math.min(err.lastEventId, source.lastId()), this.deps.now());
        return true;
      }
      throw err;
    }
    this.lastContactAt = this.deps.now();
    this.sentProfile = profileHash;
    this.unreachableSince = null;
    if (ack.lastEventId > source.lastId()) {
      throw new Error(`central holds events up to ${ack.lastEventId}, beyond this hall's last event ${source.lastId()}: was this hall's database restored or replaced? Ask the central admin.`);
    }
    if (ack.lastEventId !== mark) source.setMark(ack.lastEventId, this.deps.now());
    if (ack.catalogue && ack.catalogue.length > 0) this.applyCatalogue(ack.catalogue);
    return events.length === this.batchSize;
  }

  /** A catalogue entry the hall cannot take (e.g. no name in its default language) is reported once, not retried blindly. */
  private readonly refusedEntries = new Set<string>();
  private applyCatalogue(entries: CatalogueEntry[]): void {
    const fresh = entries.filter((e) => !this.refusedEntries.has(`${e.id}@${e.version}`));
    if (fresh.length === 0) return;
    try {
      this.deps.catalogue?.apply(fresh);
    } catch (err) {
      for (const e of fresh) this.refusedEntries.add(`${e.id}@${e.version}`);
      this.deps.log(`central catalogue: the hall cannot take ${fresh.map((e) => `${e.id} v${e.version}`).join(', ')}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async post(batch: ShipBatch): Promise<ShipAck> {
    const ctrl = new AbortController();
    this.inFlight = ctrl;
    const timeout = setTimeout(() => ctrl.abort(new Error(`central did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`)), REQUEST_TIMEOUT_MS);
    try {
      let res: Response;
      try {
        res = await fetch(`${this.deps.central.url}${centralPath('shipEvents', {})}`, {
          method: CENTRAL_ROUTES.shipEvents.method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.deps.central.token}` },
          body: JSON.stringify(batch),
          signal: ctrl.signal,
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        throw new ShipError(`central ${this.deps.central.url} is unreachable${cause ? ` (${cause})` : ''}`, 0);
      }
      const text = await res.text();
      if (res.ok) return JSON.parse(text) as ShipAck;
      let body: ErrorBody | undefined;
      try {
        body = JSON.parse(text) as ErrorBody;
      } catch {
        body = undefined;
      }
      const last = body?.error.details?.lastEventId;
      throw new ShipError(`central refused the batch: ${res.status} ${body?.error.message ?? text.slice(0, 200)}`, res.status, typeof last === 'number' ? last : undefined);
    } finally {
      clearTimeout(timeout);
      this.inFlight = null;
    }
  }
}

/** What central needs of the hall's configuration. */
export function hallProfile(config: {
  hall: { name: HallProfile['name']; timeZone: string };
  organisations: readonly { id: string; name: HallProfile['name'] }[];
  services: readonly { id: string; name: HallProfile['name']; organisationId?: string | undefined; targetMinutes: number }[];
  counters: readonly { id: string; profile: readonly { serviceId: string }[] }[];
}): HallProfile {
  return {
    name: config.hall.name,
    timeZone: config.hall.timeZone,
    organisations: config.organisations.map((o) => ({ id: o.id, name: o.name })),
    services: config.services.map((s) => ({ id: s.id, name: s.name, organisationId: s.organisationId ?? null, targetMinutes: s.targetMinutes })),
    counters: config.counters.map((c) => ({ id: c.id, serviceIds: [...new Set(c.profile.map((p) => p.serviceId))] })),
  };
}
