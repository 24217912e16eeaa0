import type { CounterDisplay, RelayBoard } from '@vuoro/drivers';
import type { DomainEvent } from '../protocol/index.js';
import type { EventConsumer, Services } from '../services/index.js';

/** A relay channel (hearing-loop lamp, "please come" sign) that follows one counter. */
export interface CounterRelay {
  deviceId: string;
  counterId: string;
  relay: RelayBoard;
  channel: number;
}

/** An LED number display above one counter. */
export interface CounterNumberDisplay {
  deviceId: string;
  counterId: string;
  display: CounterDisplay;
}

/** What a counter's devices should show: the number on call or being served, or nothing. */
export interface CounterSignal {
  /** The number on call/serving at the counter, null when nothing is (or the counter is closed). */
  number: string | null;
}

/**
 * Keeps relays and counter displays in step with the queue. After every
 * committed change it derives each counter's wanted state from the store (not
 * from the event alone, so a missed event cannot leave a lamp on) and sends only
 * what changed. Commands to one device go out in order, one at a time.
 */
export class CounterSignals {
  readonly #applied = new Map<string, string>();
  readonly #queues = new Map<string, Promise<void>>();
  #refresh: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;
  #closed = false;

  /**
   * `refreshIntervalMs`: every so often each device is sent its state again even
   * if nothing changed (0 = never). Relay boards and LED displays cannot be asked
   * what they show, so this heals a board that lost power or bytes lost on a replug.
   */
  constructor(
    private readonly s: Services,
    private readonly relays: readonly CounterRelay[],
    private readonly displays: readonly CounterNumberDisplay[],
    private readonly log: (msg: string) => void,
    private readonly refreshIntervalMs = 60_000,
  ) {}

  get empty(): boolean {
    return this.relays.length === 0 && this.displays.length === 0;
  }

  start(): void {
    if (this.empty) return;
    // The wanted state is read from the services, so starting (or restarting) catches up with everything that
    // happened meanwhile; live events say when to look again.
    this.#unsubscribe = this.s.events.subscribe(this.#consumer);
    this.sync();
    if (this.refreshIntervalMs > 0) {
      // Devices that are offline get their state when they reconnect instead.
      this.#refresh = setInterval(() => this.#safely(() => this.sync((id) => this.#online(id))), this.refreshIntervalMs);
      this.#refresh.unref();
    }
  }

  stop(): void {
    this.#closed = true;
    if (this.#refresh) clearInterval(this.#refresh);
    this.#refresh = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Resolves once every command sent so far has been handled (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.#queues.values()]);
  }

  /** The wanted state of a counter, as the counter service knows it. */
  signalFor(counterId: string): CounterSignal {
    return { number: this.s.counters.numberOnCall(counterId) };
  }

  /**
   * Sends each device its wanted state when it differs from what was last sent.
   * `force` picks devices to send to even if nothing changed (after a reconnect, on the refresh timer).
   */
  sync(force: (deviceId: string) => boolean = () => false): void {
    if (this.#closed) return;
    const signals = new Map<string, CounterSignal>();
    const signal = (counterId: string): CounterSignal => {
      let found = signals.get(counterId);
      if (!found) {
        found = this.signalFor(counterId);
        signals.set(counterId, found);
      }
      return found;
    };
    for (const r of this.relays) {
      const on = signal(r.counterId).number !== null;
      this.#apply(r.deviceId, on ? 'on' : 'off', force(r.deviceId), async () => {
        const outcome = await r.relay.set(r.channel, on);
        if (!outcome.ok && r.relay.status.state !== 'offline') this.log(`Relay ${r.deviceId} (counter ${r.counterId}): ${outcome.message}`);
      });
    }
    for (const d of this.displays) {
      const number = signal(d.counterId).number;
      this.#apply(d.deviceId, number ?? '', force(d.deviceId), async () => {
        const outcome = number === null ? await d.display.blank() : await d.display.show(number);
        if (!outcome.ok && d.display.status.state !== 'offline') this.log(`Counter display ${d.deviceId} (counter ${d.counterId}): ${outcome.message}`);
      });
    }
  }

  #apply(deviceId: string, wanted: string, force: boolean, send: () => Promise<void>): void {
    if (!force && this.#applied.get(deviceId) === wanted) return;
    this.#applied.set(deviceId, wanted);
    const previous = this.#queues.get(deviceId) ?? Promise.resolve();
    const next = previous.then(send).catch((err: unknown) => this.log(`Device ${deviceId}: ${(err as Error).message}`));
    this.#queues.set(deviceId, next);
  }

  #online(deviceId: string): boolean {
    const device = this.relays.find((r) => r.deviceId === deviceId)?.relay ?? this.displays.find((d) => d.deviceId === deviceId)?.display;
    const state = device?.status.state;
    return state !== undefined && state !== 'offline' && state !== 'connecting';
  }

  #safely(run: () => void): void {
    try {
      run();
    } catch (err) {
      this.log(`Counter devices could not follow the queue: ${(err as Error).message}`);
    }
  }

  readonly #consumer: EventConsumer = {
    name: 'counter devices',
    handle: (events: readonly DomainEvent[]): void => {
      if (events.some(changesCounterSignals)) this.#safely(() => this.sync());
    },
  };
}

/** Events after which a counter's lamp or number may differ: anything at a counter, and configuration. */
function changesCounterSignals(e: DomainEvent): boolean {
  return e.counterId !== null || e.type === 'config_changed' || e.type === 'ticket_expired';
}
