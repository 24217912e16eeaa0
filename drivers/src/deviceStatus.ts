import type { DeviceState } from './deviceDefinition.js';

/** Device-level status shared by every driver; its states (deviceDefinition.ts) are the ones the screens show. */
export type { DeviceState };

export interface DeviceStatus {
  state: DeviceState;
  /** Human-readable description of the last fault, null while healthy. */
  lastError: string | null;
  /** Epoch ms when `state` last changed. */
  since: number;
}

/** Events every device emits. A device never throws into its caller. */
export interface DeviceEvents {
  status: [DeviceStatus];
  error: [Error];
}

/** Keeps a device's status and reports changes only when something changed. */
export class StatusKeeper {
  #status: DeviceStatus;

  constructor(
    private readonly onChange: (status: DeviceStatus) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.#status = { state: 'connecting', lastError: null, since: now() };
  }

  get current(): DeviceStatus {
    return { ...this.#status };
  }

  set(state: DeviceState, lastError: string | null): void {
    const prev = this.#status;
    if (prev.state === state && prev.lastError === lastError) return;
    this.#status = { state, lastError, since: prev.state === state ? prev.since : this.now() };
    this.onChange(this.current);
  }
}

/** Turns anything thrown into an Error whose message can be shown to staff. */
export function toError(value: unknown, context?: string): Error {
  const base = value instanceof Error ? value : new Error(String(value));
  if (!context) return base;
  const wrapped = new Error(`${context}: ${base.message}`, { cause: base });
  return wrapped;
}

/** Emits `error` only when someone listens: an unheard 'error' event would throw. */
export function emitDeviceError(emitter: { listenerCount(event: 'error'): number; emit(event: 'error', error: Error): boolean }, error: Error): void {
  if (emitter.listenerCount('error') > 0) emitter.emit('error', error);
}
