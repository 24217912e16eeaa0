import { DomainError } from '../domain/index.js';
import type { ShipAck, ShipBatch } from '../protocol/index.js';
import { inTransaction, type CentralDb } from './store/centralDb.js';
import { CatalogueStore } from './store/catalogueStore.js';
import { CentralEventLog } from './store/eventLog.js';
import type { EventPartitions } from './store/eventPartitions.js';
import { HallRegistry } from './store/hallRegistry.js';

/**
 * Stores a hall's batch of events idempotently. The hall's batches follow each other: `after` must not be beyond
 * the last event central holds for the hall (else 409 with central's `lastEventId`, and the hall resends from
 * there); events central already holds are ignored, so a replayed batch changes nothing.
 */
export class IngestService {
  constructor(
    private readonly db: CentralDb,
    private readonly now: () => number,
    private readonly stored: (hallId: string) => void,
    private readonly partitions: EventPartitions,
  ) {}

  async ingest(credentialHall: string, batch: ShipBatch): Promise<ShipAck> {
    if (batch.hallId !== credentialHall) {
      throw new DomainError('forbidden', `This credential belongs to the hall "${credentialHall}"; it cannot write the events of "${batch.hallId}".`);
    }
    // Partitions for the months of the events central may store (those after the hall's mark, which only grows).
    const mark = (await new HallRegistry(this.db).byId(batch.hallId))?.lastEventId ?? 0;
    const instants = batch.events.filter((e) => e.id > mark).map((e) => e.at);
    await this.partitions.ensure(instants);
    let ack: Omit<ShipAck, 'catalogue'>;
    try {
      ack = await this.store(batch);
    } catch (err) {
      // 23514: no partition for a row's month (another central process dropped a month this one still knew).
      if ((err as { code?: unknown }).code !== '23514') throw err;
      this.partitions.forget();
      await this.partitions.ensure(instants);
      ack = await this.store(batch);
    }
    if (ack.accepted > 0 || batch.profile) this.stored(batch.hallId);
    const catalogue = await new CatalogueStore(this.db).newer(batch.subscriptions ?? []);
    return catalogue.length > 0 ? { ...ack, catalogue } : ack;
  }

  private store(batch: ShipBatch): Promise<Omit<ShipAck, 'catalogue'>> {
    return inTransaction(this.db, async (c) => {
      const halls = new HallRegistry(c);
      const hall = await halls.lock(batch.hallId);
      if (!hall) throw new DomainError('not_found', `There is no hall "${batch.hallId}".`);
      if (batch.after > hall.lastEventId) {
        throw new DomainError('conflict', `Central holds the events of this hall up to ${hall.lastEventId}; send from there.`, { lastEventId: hall.lastEventId });
      }
      if (batch.profile) await halls.setProfile(hall.id, batch.profile);
      const fresh = batch.events.filter((e) => e.id > hall.lastEventId);
      const accepted = await new CentralEventLog(c).append(hall.id, fresh);
      const lastEventId = Math.max(hall.lastEventId, batch.events.at(-1)?.id ?? 0);
      await halls.shipped(hall.id, lastEventId, this.now());
      return { lastEventId, accepted, duplicates: batch.events.length - accepted };
    });
  }
}
