import type { DeviceDefinition, DeviceKind as DriversDeviceKind } from '@vuoro/drivers/definition';
import { z } from 'zod';
import { AppointmentConfig, AppointmentPolicy, RemoteJoinConfig } from './appointmentConfig.js';
import { Feature, Language, LANGUAGES, LocalizedText, Role } from './vocabulary.js';
import { NotificationsConfig } from './notifications.js';
import type { Exactly, Flat } from './typeChecks.js';

/** The hall configuration: the format of VUORO_CONFIG files, of the admin export and import. */

const Id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" or "_"');

export const TimeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'use HH:MM, 00:00 to 24:00');

export const OpeningSpan = z
  .object({ open: TimeOfDay, close: TimeOfDay })
  .refine((s) => s.open < s.close, { message: 'a span must close after it opens' });
export type OpeningSpan = z.infer<typeof OpeningSpan>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WeeklyHours = z.strictObject({
  mon: z.array(OpeningSpan).default([]),
  tue: z.array(OpeningSpan).default([]),
  wed: z.array(OpeningSpan).default([]),
  thu: z.array(OpeningSpan).default([]),
  fri: z.array(OpeningSpan).default([]),
  sat: z.array(OpeningSpan).default([]),
  sun: z.array(OpeningSpan).default([]),
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
export const Closure = z.strictObject({ date: LocalDate, reason: LocalizedText.optional() });
export type Closure = z.infer<typeof Closure>;

export const ALWAYS_OPEN: WeeklyHours = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
) as WeeklyHours;

export const Organisation = z.strictObject({ id: Id, name: LocalizedText });
export type Organisation = z.infer<typeof Organisation>;

export const ServiceConfig = z.strictObject({
  id: Id,
  organisationId: Id.optional(),
  prefix: z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters'),
  name: LocalizedText,
  /** What to prepare or bring, shown at the kiosk, on the ticket and on the status page. */
  prepare: LocalizedText.optional(),
  category: z.string().max(40).optional(),
  /** Multiplies the weighted wait in call-next (1 = normal). */
  priorityWeight: z.number().positive().max(10).default(1),
  /** Service-level target: a visit should be called within this many minutes. */
  targetMinutes: z.number().int().positive().max(600).default(15),
  /** Assumed service time until there is history. */
  defaultServiceMinutes: z.number().positive().max(240).default(8),
  /** Overrides the hall's hours. */
  hours: WeeklyHours.optional(),
  closures: z.array(Closure).default([]),
  /** No new tickets this many minutes before closing. */
  cutoffMinutes: z.number().int().min(0).max(240).default(0),
  dailyCap: z.number().int().positive().optional(),
  /**
   * Capacity-aware cut-off: stop issuing automatically while the forecast says a new ticket would not be called
   * before the service closes today (availability `full`); without it the kiosk only warns ("probably not today").
   */
  capacityCutoff: z.boolean().default(false),
  /**
   * Follows an entry of the central service catalogue: its name, what to prepare and target come from central
   * whenever the entry changes (`version` is the one applied, 0 before the first). Hours, counters stay local.
   */
  catalogue: z.strictObject({ id: Id, version: z.number().int().nonnegative().default(0) }).optional(),
  /** Takes appointments (see README "Appointments"). */
  appointments: AppointmentConfig.optional(),
  /** Its queue can be joined from home (see README "Joining from home"). */
  remote: RemoteJoinConfig.optional(),
});
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const ProfileEntry = z.strictObject({ serviceId: Id, weight: z.number().positive().max(10).default(1) });
export type ProfileEntry = z.infer<typeof ProfileEntry>;

export const CounterConfig = z.strictObject({
  id: Id,
  /** Short label shown on displays and spoken: "4", "7". */
  label: z.string().min(1).max(12),
  name: LocalizedText.optional(),
  features: z.array(Feature).default([]),
  /** The work profile: services served and their weights. */
  profile: z.array(ProfileEntry).min(1),
  roaming: z.boolean().default(false),
  /** Calls only checked-in appointments (of its profile's services), and tickets sent to it by name. */
  appointmentsOnly: z.boolean().default(false),
});
export type CounterConfig = z.infer<typeof CounterConfig>;

export const KioskConfig = z.strictObject({
  id: Id,
  name: z.string().min(1).max(80),
  /** Services offered at this kiosk; all when absent. */
  services: z.array(Id).optional(),
  /** Offer the optional "do you need…" step. */
  needsStep: z.boolean().default(true),
  /** Whether visitors may select "priority" themselves. */
  priorityNeedAllowed: z.boolean().default(false),
  interpreterLanguages: z.array(z.string().regex(/^[a-z]{2,3}$/)).default([]),
  idleSeconds: z.number().int().min(20).max(600).default(60),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

export const DisplayConfig = z.strictObject({
  id: Id,
  name: z.string().min(1).max(80),
  layout: z.enum(['hall', 'portrait', 'counter']).default('hall'),
  counters: z.array(Id).optional(),
  services: z.array(Id).optional(),
  sound: z
    .object({
      enabled: z.boolean().default(true),
      volume: z.number().min(0).max(1).default(0.8),
      /** Folder of recorded clips under the data directory; see README "Display audio". */
      clips: z
        .string()
        .min(1)
        .max(200)
        .refine((p) => !/^([/\\]|[A-Za-z]:)/.test(p) && !p.split(/[/\\]/).includes('..'), 'must be a folder inside the data folder (a relative path without "..")')
        .optional(),
    })
    .default({ enabled: true, volume: 0.8 }),
  historySize: z.number().int().min(0).max(20).default(6),
});
export type DisplayConfig = z.infer<typeof DisplayConfig>;

export const HallMessage = z.strictObject({
  id: Id,
  text: LocalizedText,
  /** The services it is about: shown only on displays showing one of them and on those services' status pages. */
  services: z.array(Id).max(100).optional(),
  /** Where it is shown (default both): a phone user on the status page does not need "scan the QR code". */
  where: z.array(z.enum(['display', 'status'])).min(1).optional(),
});
export type HallMessage = z.infer<typeof HallMessage>;

export const OutcomeConfig = z.strictObject({ code: Id, label: LocalizedText });
export type OutcomeConfig = z.infer<typeof OutcomeConfig>;

export const SerialLinkConfig = z.strictObject({
  type: z.literal('serial'),
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
});
export const TcpLinkConfig = z.strictObject({
  type: z.literal('tcp'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(9100),
});
/** The kinds of device (the drivers' `DeviceKind`, checked to be the same list). */
export const DEVICE_KINDS = ['printer', 'relay', 'counter-display'] as const;
void (true satisfies Exactly<(typeof DEVICE_KINDS)[number], DriversDeviceKind>);
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

/**
 * A device as written in the config file (defaults not yet applied). Declared once, by the drivers
 * (`DeviceDefinition`, types only, so the screens load no driver); the server adds the kiosk or counter it serves.
 */
export type DeviceConfigInput = DeviceDefinition & { kioskId?: string; counterId?: string };

export const DeviceConfig = z.strictObject({
  id: Id,
  kind: DeviceKind,
  link: z.discriminatedUnion('type', [SerialLinkConfig, TcpLinkConfig]),
  /** Relay protocol (lcus, kmtronic, numato) or display protocol (modbus). */
  protocol: z.string().max(20).optional(),
  kioskId: Id.optional(),
  counterId: Id.optional(),
  channel: z.number().int().min(0).max(255).optional(),
  /** Modbus unit id of a counter display. */
  unit: z.number().int().min(1).max(247).optional(),
}) satisfies z.ZodType<DeviceConfigInput, DeviceConfigInput>;
/** A device of the hall config in force (defaults applied); what the drivers' `createDevice` takes. */
export type DeviceConfig = z.infer<typeof DeviceConfig>;
// The schema checks exactly the declared shape: a field added to `DeviceDefinition` and not here (or here and not
// there) stops the build. (`satisfies` alone would let the schema miss an optional field.)
void (true satisfies Exactly<Flat<z.input<typeof DeviceConfig>>, Flat<DeviceConfigInput>>);

export const PriorityPolicy = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('strict') }),
  z.strictObject({ mode: z.literal('ratio'), normalPerPriority: z.number().int().min(1).max(20).default(2) }),
  z.strictObject({ mode: z.literal('aging'), bonusMinutes: z.number().min(0).max(240).default(10) }),
]);
export type PriorityPolicy = z.infer<typeof PriorityPolicy>;

export const PolicyConfig = z.strictObject({
  priority: PriorityPolicy.default({ mode: 'aging', bonusMinutes: 10 }),
  /** How long a no-show may be brought back into the queue. */
  noShowGraceMinutes: z.number().int().min(0).max(240).default(30),
  /** How many recent visits the moving average of service time uses. */
  estimateSampleSize: z.number().int().min(1).max(200).default(20),
  /** Ticket numbers: the shortest (A001 with 3) and the longest before the day's sequence wraps (A9999 with 4). */
  numbering: z
    .strictObject({
      digits: z.number().int().min(2).max(4).default(3),
      maxDigits: z.number().int().min(2).max(6).default(4),
    })
    .refine((n) => n.maxDigits >= n.digits, { message: 'maxDigits must be at least digits', path: ['maxDigits'] })
    .default({ digits: 3, maxDigits: 4 }),
  /** How a due appointment competes with walk-ins in call-next. */
  appointments: AppointmentPolicy.default({ mode: 'first' }),
});
export type PolicyConfig = z.infer<typeof PolicyConfig>;

export const DemoAccount = z.strictObject({
  username: z.string().min(1).max(40),
  password: z.string().min(8).max(200),
  displayName: z.string().min(1).max(80),
  role: Role,
  organisationId: Id.optional(),
});
export type DemoAccount = z.infer<typeof DemoAccount>;

export const HallConfig = z
  .strictObject({
    hall: z.strictObject({
      name: LocalizedText,
      timeZone: z.string().refine(isTimeZone, 'unknown IANA time zone'),
      languages: z.array(Language).min(1).default([...LANGUAGES]),
      defaultLanguage: Language.default('en'),
      /** A demo hall: the landing page says so; demo accounts are created. */
      demo: z.boolean().default(false),
      /** Public base URL printed in QR codes, e.g. http://hall.local:8080; the request's host when absent. */
      publicUrl: z.url().optional(),
      hours: WeeklyHours.default(ALWAYS_OPEN),
      closures: z.array(Closure).default([]),
    }),
    policy: PolicyConfig.default({
      priority: { mode: 'aging', bonusMinutes: 10 },
      noShowGraceMinutes: 30,
      estimateSampleSize: 20,
      numbering: { digits: 3, maxDigits: 4 },
      appointments: { mode: 'first' },
    }),
    organisations: z.array(Organisation).default([]),
    services: z.array(ServiceConfig).min(1),
    counters: z.array(CounterConfig).min(1),
    kiosks: z.array(KioskConfig).default([]),
    displays: z.array(DisplayConfig).default([]),
    messages: z.array(HallMessage).default([]),
    outcomes: z.array(OutcomeConfig).min(1),
    devices: z.array(DeviceConfig).default([]),
    demoAccounts: z.array(DemoAccount).default([]),
    /** The knowledge base: an article not reviewed for this many days is flagged to its owner. */
    knowledge: z.object({ reviewAfterDays: z.number().int().min(1).max(3650).default(365) }).default({ reviewAfterDays: 365 }),
    /** Telling visitors when it is their turn: the email (SMTP) and SMS (HTTP) gateways, Web Push. */
    notifications: NotificationsConfig.optional(),
  })
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    unique(c.services.map((s) => s.id)).forEach((i) => issue(['services', i, 'id'], 'duplicate service id'));
    unique(c.services.map((s) => s.prefix)).forEach((i) => issue(['services', i, 'prefix'], 'duplicate prefix'));
    const walkInPrefixes = new Set(c.services.map((s) => s.prefix));
    const apptPrefixes = new Set<string>();
    c.services.forEach((s, i) => {
      const a = s.appointments;
      if (!a) return;
      if (walkInPrefixes.has(a.prefix) || apptPrefixes.has(a.prefix)) issue(['services', i, 'appointments', 'prefix'], 'duplicate prefix');
      apptPrefixes.add(a.prefix);
      if (Math.floor(a.parallel * (1 - a.walkInShare) + 1e-9) < 1) {
        issue(['services', i, 'appointments', 'walkInShare'], 'leaves no place per slot for appointments (lower it or raise parallel)');
      }
    });
    unique(c.counters.map((s) => s.id)).forEach((i) => issue(['counters', i, 'id'], 'duplicate counter id'));
    unique(c.devices.map((s) => s.id)).forEach((i) => issue(['devices', i, 'id'], 'duplicate device id'));
    unique(c.counters.map((s) => s.label)).forEach((i) => issue(['counters', i, 'label'], 'duplicate counter label (displays and speech could not tell them apart)'));
    unique(c.organisations.map((s) => s.id)).forEach((i) => issue(['organisations', i, 'id'], 'duplicate organisation id'));
    unique(c.kiosks.map((s) => s.id)).forEach((i) => issue(['kiosks', i, 'id'], 'duplicate kiosk id'));
    unique(c.displays.map((s) => s.id)).forEach((i) => issue(['displays', i, 'id'], 'duplicate display id'));
    unique(c.messages.map((s) => s.id)).forEach((i) => issue(['messages', i, 'id'], 'duplicate message id'));
    unique(c.outcomes.map((s) => s.code)).forEach((i) => issue(['outcomes', i, 'code'], 'duplicate outcome code'));
    unique(c.demoAccounts.map((s) => s.username)).forEach((i) => issue(['demoAccounts', i, 'username'], 'duplicate username'));
    if (!c.hall.languages.includes(c.hall.defaultLanguage)) {
      issue(['hall', 'defaultLanguage'], `"${c.hall.defaultLanguage}" is not one of the hall's languages (${c.hall.languages.join(', ')})`);
    }
    const services = new Set(c.services.map((s) => s.id));
    const orgs = new Set(c.organisations.map((o) => o.id));
    const def = c.hall.defaultLanguage;
    if (!c.hall.name[def]) issue(['hall', 'name'], `needs a text in the default language (${def})`);
    c.services.forEach((s, i) => {
      if (s.organisationId && !orgs.has(s.organisationId)) issue(['services', i, 'organisationId'], 'unknown organisation');
      if (!s.name[def]) issue(['services', i, 'name'], `needs a text in the default language (${def})`);
    });
    c.counters.forEach((ct, i) =>
      ct.profile.forEach((p, j) => {
        if (!services.has(p.serviceId)) issue(['counters', i, 'profile', j, 'serviceId'], 'unknown service');
      }),
    );
    c.kiosks.forEach((k, i) =>
      k.services?.forEach((s, j) => {
        if (!services.has(s)) issue(['kiosks', i, 'services', j], 'unknown service');
      }),
    );
    const counters = new Set(c.counters.map((x) => x.id));
    const kiosks = new Set(c.kiosks.map((x) => x.id));
    c.displays.forEach((d, i) => {
      d.counters?.forEach((x, j) => {
        if (!counters.has(x)) issue(['displays', i, 'counters', j], `unknown counter "${x}"`);
      });
      d.services?.forEach((x, j) => {
        if (!services.has(x)) issue(['displays', i, 'services', j], `unknown service "${x}"`);
      });
    });
    c.messages.forEach((m, i) => {
      m.services?.forEach((x, j) => {
        if (!services.has(x)) issue(['messages', i, 'services', j], `unknown service "${x}"`);
      });
    });
    c.demoAccounts.forEach((a, i) => {
      if (a.organisationId && !orgs.has(a.organisationId)) issue(['demoAccounts', i, 'organisationId'], 'unknown organisation');
    });
    c.devices.forEach((d, i) => {
      if (d.counterId && !counters.has(d.counterId)) issue(['devices', i, 'counterId'], 'unknown counter');
      if (d.kioskId && !kiosks.has(d.kioskId)) issue(['devices', i, 'kioskId'], 'unknown kiosk');
    });
  });
export type HallConfig = z.infer<typeof HallConfig>;
/** A config as written in a file (defaults not yet applied). */
export type HallConfigInput = z.input<typeof HallConfig>;

function unique(values: readonly string[]): number[] {
  const seen = new Set<string>();
  const dupes: number[] = [];
  values.forEach((v, i) => (seen.has(v) ? dupes.push(i) : seen.add(v)));
  return dupes;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
