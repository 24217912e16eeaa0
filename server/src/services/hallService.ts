import { DomainError } from '../domain/index.js';
import { HallConfig, type LocalizedText } from '../protocol/index.js';
import type { HallSource } from '../config.js';
import { parseHallConfig } from '../config.js';
import type { Store } from '../store/index.js';
import { AuditTrail } from './auditTrail.js';
import type { Actor } from './context.js';
import type { AuditKind } from '../protocol/index.js';
import { HallModel } from './hallModel.js';
import { ANNOUNCEMENT_KEY, type QueueViews } from './queueViews.js';

/**
 * The hall configuration in force. The database holds it; a config file seeds it, and a changed file
 * (different content hash) is imported again at start. Admin edits replace it whole, validated, and audited.
 */
export class HallService {
  private model: HallModel;
  /** The knowledge base's prepare texts last applied (null: none yet). */
  private prepareKey: string | null = null;
  private readonly audit: AuditTrail;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    source: HallSource,
  ) {
    this.audit = new AuditTrail(store, now);
    this.model = new HallModel(this.load(source));
  }

  current = (): HallModel => this.model;

  private load(source: HallSource): HallConfig {
    const stored = this.store.hall.config();
    if (stored && stored.sourceHash === source.hash) {
      try {
        return parseHallConfig(JSON.parse(stored.json), 'the stored hall config');
      } catch {
        // fall through: the file is valid, the stored copy is not
      }
    }
    this.store.transaction(() => {
      this.store.hall.saveConfig(JSON.stringify(source.config), source.hash, this.now());
      this.store.events.append({ type: 'config_changed', at: this.now(), data: { source: source.file, imported: true } });
    });
    return source.config;
  }

  /**
   * Replace the whole configuration (admin edit or import). The audit record is the whole configuration before and
   * after, unless the caller names the part it changed (`audit`).
   */
  replace(
    input: unknown,
    actor: Actor,
    what: string,
    audit?: { kind: AuditKind; target: string | null; before: unknown; after: unknown },
  ): HallConfig {
    // A ZodError here becomes a 422 naming the wrong field.
    const config = HallConfig.parse(input);
    const active = this.store.tickets.active();
    const services = new Set(config.services.map((s) => s.id));
    const orphan = active.find((t) => !services.has(t.serviceId));
    if (orphan) {
      throw new DomainError('conflict', `Service "${orphan.serviceId}" still has ticket ${orphan.number} in the queue; remove it after the queue is empty.`);
    }
    const counters = new Set(config.counters.map((c) => c.id));
    const openGone = [...this.store.counters.all().values()].find((c) => c.open && !counters.has(c.id));
    if (openGone) throw new DomainError('conflict', `Counter "${openGone.id}" is open; close it before removing it.`);
    const keepHash = this.store.hall.config()?.sourceHash ?? null;
    const previous = this.model;
    try {
      this.store.transaction(() => {
        this.store.hall.saveConfig(JSON.stringify(config), keepHash, this.now());
        this.store.events.append({ type: 'config_changed', at: this.now(), userId: actor.userId, data: { what } });
        const a = audit ?? { kind: 'config.import', target: null, before: this.export(), after: { ...config, demoAccounts: [] } };
        this.audit.record(actor, a.kind, a.target, a.before, a.after);
        // In force before the commit's events reach consumers, so they see the new hall.
        this.model = previous.withConfig(config);
      });
    } catch (err) {
      this.model = previous;
      throw err;
    }
    return config;
  }

  /**
   * "What to prepare" per service from the knowledge base (replaces the config's texts for visitors). A change
   * after the first is recorded as a `config_changed` event, so every screen hears of it through the event flow.
   */
  setPrepareTexts(texts: ReadonlyMap<string, LocalizedText>): void {
    const key = JSON.stringify([...texts]);
    if (key === this.prepareKey) return;
    const first = this.prepareKey === null;
    this.prepareKey = key;
    if (first) {
      this.model = this.model.withPrepareTexts(texts);
      return;
    }
    const previous = this.model;
    try {
      this.store.transaction(() => {
        this.store.events.append({ type: 'config_changed', at: this.now(), data: { what: 'prepare-texts' } });
        this.model = previous.withPrepareTexts(texts);
      });
    } catch (err) {
      this.model = previous;
      throw err;
    }
  }

  /** A full integrity check of the database file (on demand: it reads every page). */
  checkDatabase(): { ok: boolean; problems: ReturnType<Store['storage']['quickCheck']>; file: string } {
    const problems = this.store.storage.quickCheck();
    return { ok: problems.length === 0, problems, file: this.store.storage.file };
  }

  /** What is wrong with the database file (gone, replaced, damaged, disk full); empty when it answers. */
  health(): { kind: string; message: string; since: number }[] {
    const storage = this.store.storage;
    storage.checkIdentity();
    if (storage.problems().length === 0) this.store.ops.ping();
    return storage.problems().map((p) => ({ kind: p.kind, message: p.message, since: p.since }));
  }

  /** The configuration as a VUORO_CONFIG file, without demo account passwords. */
  export(): HallConfig {
    return { ...this.model.config, demoAccounts: [] };
  }

  announcement(): string | null {
    return this.store.hall.state(ANNOUNCEMENT_KEY) ?? null;
  }

  setAnnouncement(text: string | null, actor: Actor): void {
    const value = text === null || text.trim() === '' ? null : text.trim();
    this.store.transaction(() => {
      this.audit.record(actor, 'announcement.set', null, { text: this.announcement() }, { text: value });
      this.store.hall.setState(ANNOUNCEMENT_KEY, value);
      this.store.events.append({ type: 'config_changed', at: this.now(), userId: actor.userId, data: { what: 'announcement', text: value } });
    });
  }

  /** Stop (or restart) taking new tickets for a service for the rest of today. */
  stopService(serviceId: string, stopped: boolean, actor: Actor, views: QueueViews): void {
    if (!this.model.services.has(serviceId)) throw new DomainError('not_found', `There is no service "${serviceId}".`);
    const today = this.model.today(this.now());
    this.store.transaction(() => {
      const wasStopped = views.isStopped(serviceId, today);
      this.audit.record(actor, stopped ? 'service.stop' : 'service.restart', serviceId, { stopped: wasStopped }, { stopped });
      views.setStopped(serviceId, today, stopped);
      this.store.events.append({ type: stopped ? 'service_stopped' : 'service_restarted', data: null, at: this.now(), userId: actor.userId, serviceId });
    });
  }
}
