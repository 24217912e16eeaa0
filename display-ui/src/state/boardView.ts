import type { CallView, CounterView, DisplayConfig, HallMessage, PublicSnapshot, ServiceStatus } from '@vuoro/server/protocol';

/** What one display profile shows, derived from the hall-wide state: pure, so it is tested without a browser. */

export type Layout = DisplayConfig['layout'];

export interface Profile {
  id: string | null;
  layout: Layout;
  counters: ReadonlySet<string> | null;
  services: ReadonlySet<string> | null;
  sound: { enabled: boolean; volume: number; clips: string | null };
  historySize: number;
}

/** A board opened without `?id=` shows the whole hall with the schema's defaults. */
export function profileOf(display: DisplayConfig | null): Profile {
  return {
    id: display?.id ?? null,
    layout: display?.layout ?? 'hall',
    counters: display?.counters ? new Set(display.counters) : null,
    services: display?.services ? new Set(display.services) : null,
    sound: {
      enabled: display?.sound.enabled ?? true,
      volume: display?.sound.volume ?? 0.8,
      clips: display?.sound.clips ?? null,
    },
    historySize: display?.historySize ?? 6,
  };
}

export function showsCall(p: Profile, c: CallView): boolean {
  return (p.counters === null || p.counters.has(c.counterId)) && (p.services === null || p.services.has(c.serviceId));
}

/** How many calls the "now calling" panel shows per layout. */
const CURRENT_COUNT: Record<Layout, number> = { hall: 2, portrait: 1, counter: 1 };

export interface CallBoard {
  current: CallView[];
  history: CallView[];
}

/**
 * The newest calls go to "now calling", the next ones to the history. A ticket appears once (its latest call to
 * a counter), so a recall replaces the first call instead of filling the history with the same number.
 */
export function callBoard(p: Profile, calls: readonly CallView[]): CallBoard {
  const seen = new Set<string>();
  const unique: CallView[] = [];
  for (const c of calls) {
    if (!showsCall(p, c)) continue;
    const key = `${c.ticketId}:${c.counterId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(c);
  }
  const n = CURRENT_COUNT[p.layout];
  return { current: unique.slice(0, n), history: unique.slice(n, n + p.historySize) };
}

export function visibleServices(p: Profile, services: readonly ServiceStatus[]): ServiceStatus[] {
  return services.filter((s) => p.services === null || p.services.has(s.id));
}

export function visibleCounters(p: Profile, counters: readonly CounterView[]): CounterView[] {
  return counters.filter((c) => p.counters === null || p.counters.has(c.id));
}

export function counterFeatures(snapshot: PublicSnapshot | null, counterId: string): CounterView['features'] {
  return snapshot?.counters.find((c) => c.id === counterId)?.features ?? [];
}

/**
 * The hall messages for this board: not those meant only for the status page, and a message about some services only
 * on a board that shows one of them (the county column does not rotate a passport hint).
 */
export function visibleMessages(p: Profile, messages: readonly HallMessage[]): HallMessage[] {
  return messages.filter(
    (m) => (m.where?.includes('display') ?? true) && (m.services === undefined || p.services === null || m.services.some((id) => p.services?.has(id))),
  );
}
