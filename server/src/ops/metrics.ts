import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DEVICE_STATES, type DeviceStatusView } from '../protocol/index.js';
import type { DayCounts } from '../store/index.js';

/** Where the figures come from; each is read when Prometheus scrapes, never on the request path. */
export interface MetricsSources {
  queues(): { serviceId: string; waiting: number; open: boolean }[];
  today(): DayCounts;
  openCounters(): number;
  devices(): DeviceStatusView[];
  /** Connected sockets by role (display, kiosk, staff, visitor). */
  sockets(): Record<string, number>;
  /** When the newest verified backup was taken (epoch ms), or null. */
  lastBackupAt(): number | null;
  databaseBytes(): number;
  now(): number;
}

/** Prometheus metrics of one server (its own registry, so several servers in one process stay apart). */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;

  constructor(sources: MetricsSources, version: string) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'vuoro_' });
    new Gauge({ name: 'vuoro_build_info', help: 'The running release (always 1).', labelNames: ['version'], registers }).set({ version }, 1);
    this.requests = new Counter({
      name: 'vuoro_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'vuoro_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 8],
      registers,
    });
    const today = () => sources.today();
    new Gauge({ name: 'vuoro_tickets_issued_today', help: 'Tickets issued today (hall-local day).', registers, collect() { this.set(today().issued); } });
    new Gauge({ name: 'vuoro_tickets_called_today', help: 'Tickets of today called at least once.', registers, collect() { this.set(today().called); } });
    new Gauge({ name: 'vuoro_tickets_served_today', help: 'Tickets of today whose service started.', registers, collect() { this.set(today().served); } });
    new Gauge({
      name: 'vuoro_queue_waiting',
      help: 'Tickets waiting, per service.',
      labelNames: ['service'],
      registers,
      collect() {
        this.reset();
        for (const q of sources.queues()) this.set({ service: q.serviceId }, q.waiting);
      },
    });
    new Gauge({ name: 'vuoro_counters_open', help: 'Counters open now.', registers, collect() { this.set(sources.openCounters()); } });
    new Gauge({
      name: 'vuoro_device_state',
      help: 'Each device has value 1 for its current state and 0 for the others.',
      labelNames: ['device', 'kind', 'state'],
      registers,
      collect() {
        this.reset();
        for (const d of sources.devices()) for (const s of DEVICE_STATES) this.set({ device: d.id, kind: d.kind, state: s }, d.state === s ? 1 : 0);
      },
    });
    new Gauge({
      name: 'vuoro_socket_connections',
      help: 'Connected realtime clients, by role.',
      labelNames: ['role'],
      registers,
      collect() {
        this.reset();
        for (const [role, n] of Object.entries(sources.sockets())) this.set({ role }, n);
      },
    });
    new Gauge({
      name: 'vuoro_backup_age_seconds',
      help: 'Age of the newest verified backup; -1 when there is none.',
      registers,
      collect() {
        const at = sources.lastBackupAt();
        this.set(at === null ? -1 : Math.max(0, (sources.now() - at) / 1000));
      },
    });
    new Gauge({ name: 'vuoro_database_bytes', help: 'Size of the database file and its write-ahead log.', registers, collect() { this.set(sources.databaseBytes()); } });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
