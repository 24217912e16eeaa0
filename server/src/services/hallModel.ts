import type {
  CounterConfig,
  DisplayConfig,
  HallConfig,
  HallInfo,
  KioskConfig,
  Language,
  LocalizedText,
  ServiceConfig,
} from '../protocol/index.js';
import { localDate, type ScheduleInput } from '../domain/index.js';

/** The hall configuration with lookups. Immutable: a config change builds a new model. */
export class HallModel {
  readonly services: ReadonlyMap<string, ServiceConfig>;
  readonly counters: ReadonlyMap<string, CounterConfig>;
  readonly kiosks: ReadonlyMap<string, KioskConfig>;
  readonly displays: ReadonlyMap<string, DisplayConfig>;

  /**
   * `prepareTexts`: "what to prepare" per service from the knowledge base, which wins over the config's `prepare`.
   */
  constructor(
    readonly config: HallConfig,
    private readonly prepareTexts: ReadonlyMap<string, LocalizedText> = new Map(),
  ) {
    this.services = new Map(config.services.map((s) => [s.id, s]));
    this.counters = new Map(config.counters.map((c) => [c.id, c]));
    this.kiosks = new Map(config.kiosks.map((k) => [k.id, k]));
    this.displays = new Map(config.displays.map((d) => [d.id, d]));
  }

  /**
   * Whether something belongs to an organisation: a service of it, or a counter whose work profile has one of its
   * services. Something with neither (a hall-wide event) belongs to no organisation.
   */
  belongsTo(organisationId: string, what: { serviceId?: string | null; counterId?: string | null }): boolean {
    if (what.serviceId) return this.services.get(what.serviceId)?.organisationId === organisationId;
    const counter = what.counterId ? this.counters.get(what.counterId) : undefined;
    return counter?.profile.some((p) => this.services.get(p.serviceId)?.organisationId === organisationId) ?? false;
  }

  /** What a visitor of the service should prepare: the knowledge base's text, else the config's. */
  prepareOf(serviceId: string): LocalizedText | undefined {
    return this.prepareTexts.get(serviceId) ?? this.services.get(serviceId)?.prepare;
  }

  /** The configuration as visitors see it: each service's `prepare` is `prepareOf`. */
  get visitorConfig(): HallConfig {
    if (this.prepareTexts.size === 0) return this.config;
    return { ...this.config, services: this.config.services.map((s) => ({ ...s, prepare: this.prepareOf(s.id) })) };
  }

  withPrepareTexts(texts: ReadonlyMap<string, LocalizedText>): HallModel {
    return new HallModel(this.config, texts);
  }

  withConfig(config: HallConfig): HallModel {
    return new HallModel(config, this.prepareTexts);
  }

  get timeZone(): string {
    return this.config.hall.timeZone;
  }

  get defaultLanguage(): Language {
    return this.config.hall.defaultLanguage;
  }

  info(): HallInfo {
    const h = this.config.hall;
    return { name: h.name, timeZone: h.timeZone, languages: h.languages, defaultLanguage: h.defaultLanguage, demo: h.demo, publicUrl: h.publicUrl ?? null };
  }

  today(now: number): string {
    return localDate(now, this.timeZone);
  }

  schedule(service: ServiceConfig): ScheduleInput {
    return {
      hours: service.hours ?? this.config.hall.hours,
      closures: [...this.config.hall.closures, ...service.closures],
      cutoffMinutes: service.cutoffMinutes,
      dailyCap: service.dailyCap,
      timeZone: this.timeZone,
    };
  }

  priorityWeight = (serviceId: string): number => this.services.get(serviceId)?.priorityWeight ?? 1;
}
