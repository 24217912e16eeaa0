import { performance } from 'node:perf_hooks';

/**
 * Public snapshots (displays, kiosks) are the same for every screen of one profile until the channel's sequence
 * number moves, so one is built per (role, profile, seq) and shared; `maxAgeMs` keeps its clock and estimates fresh.
 * A thousand screens asking at once cost one build. Keys are bounded by the hall's configured displays and kiosks.
 */
export class PublicSnapshotCache<T> {
  private readonly entries = new Map<string, { seq: number; at: number; value: T }>();

  constructor(private readonly maxAgeMs = 1000) {}

  get(key: string, seq: number, build: () => T): T {
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && hit.seq === seq && now - hit.at < this.maxAgeMs) return hit.value;
    const value = build();
    this.entries.set(key, { seq, at: now, value });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
