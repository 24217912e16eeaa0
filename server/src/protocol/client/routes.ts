import type { ApiScope } from '../integrations.js';

/**
 * THE route table of /api/v1: every route once, keyed by name. The server registers its handlers by these keys (and
 * refuses to start when a registered route is not here or a route here has no handler), GET /api/v1 lists it, the
 * OpenAPI document is built from it with the schemas of `protocol/routeSchemas.ts`, and the screens build their
 * request paths with `path(key, params)` instead of writing path strings. Zod-free: the screens import it.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone, the visitor holding the ticket's token, or signed-in staff of at least this role. */
export type RouteAccess = 'public' | 'visitor' | 'staff' | 'supervisor' | 'admin';

export interface RouteDef {
  method: HttpMethod;
  /** Full path with `:name` parameters, e.g. `/api/v1/counters/:id/open`. */
  path: string;
  access: RouteAccess;
  /** The API key scope that may use the route (staff routes without a scope refuse API keys). */
  scope?: ApiScope;
  summary: string;
  /** Success statuses (the first is the usual one); 200 when absent. */
  ok?: readonly number[];
  /** Error statuses this route answers besides the ones every route of its kind may give (see `errorStatuses`). */
  errors?: readonly number[];
}

export const API_BASE = '/api/v1';

const COUNTER_ACTION_ERRORS = [409, 422] as const;

export const ROUTES = {
  apiIndex: { method: 'GET', path: '/api/v1', access: 'public', summary: 'this list of routes' },
  health: {
    method: 'GET',
    path: '/api/v1/health',
    access: 'public',
    summary: 'ready: database writable, disk space, devices (200, or 503 when not ready); also /health/ready',
    errors: [503],
  },
  healthReady: { method: 'GET', path: '/api/v1/health/ready', access: 'public', summary: 'the same as /api/v1/health (for a readiness probe)', errors: [503] },
  healthLive: { method: 'GET', path: '/api/v1/health/live', access: 'public', summary: 'the process answers (200)' },
  openApi: { method: 'GET', path: '/api/v1/openapi.json', access: 'public', summary: 'this API as an OpenAPI 3.1 document (readable at /api/docs)' },
  asyncApi: { method: 'GET', path: '/api/v1/asyncapi.json', access: 'public', summary: 'the Socket.IO events as an AsyncAPI 3.0 document' },
  hall: { method: 'GET', path: '/api/v1/hall', access: 'public', summary: 'hall name, languages, kiosks, displays, messages, outcomes' },
  services: { method: 'GET', path: '/api/v1/services', access: 'public', summary: 'services with open, waiting, estimatedWaitMinutes' },
  issueTicket: {
    method: 'POST',
    path: '/api/v1/tickets',
    access: 'public',
    scope: 'tickets:issue',
    summary: 'take a ticket {serviceId, language?, needs?, kioskId?}; Idempotency-Key header (a repeat answers 200 with the same ticket)',
    ok: [201, 200],
    errors: [403, 409],
  },
  visitorStatus: { method: 'GET', path: '/api/v1/tickets/status/:token', access: 'visitor', summary: "the visitor's own ticket" },
  visitorCancel: { method: 'POST', path: '/api/v1/tickets/status/:token/cancel', access: 'visitor', summary: "I'm leaving", errors: [409] },
  visitorFeedback: { method: 'GET', path: '/api/v1/tickets/status/:token/feedback', access: 'visitor', summary: '{canGive, given}: whether to ask for feedback' },
  giveFeedback: {
    method: 'POST',
    path: '/api/v1/tickets/status/:token/feedback',
    access: 'visitor',
    summary: '{rating 1..5, comment?} once per finished visit',
    ok: [201],
    errors: [409],
  },
  visitorNotify: {
    method: 'GET',
    path: '/api/v1/tickets/status/:token/notify',
    access: 'visitor',
    summary: 'what the status page may offer (email, sms, push) and what the visitor asked for (masked)',
  },
  visitorNotifyOptIn: {
    method: 'PUT',
    path: '/api/v1/tickets/status/:token/notify',
    access: 'visitor',
    summary: '{channel: email|sms, address | channel: push, subscription; ahead?: 0..20, onCall?, language?}: tell me when N are ahead / when called',
    errors: [409],
  },
  visitorNotifyOptOut: {
    method: 'DELETE',
    path: '/api/v1/tickets/status/:token/notify/:channel',
    access: 'visitor',
    summary: 'stop messages on this channel (the address is deleted)',
  },
  notifications: {
    method: 'GET',
    path: '/api/v1/notifications',
    access: 'supervisor',
    summary: 'messages to visitors, newest first, addresses masked ?status=pending|sent|failed|dropped&limit=',
  },
  notificationsStatus: { method: 'GET', path: '/api/v1/notifications/status', access: 'supervisor', summary: 'which channels are set up, why push is not possible, message counts' },
  retryNotification: { method: 'POST', path: '/api/v1/notifications/:id/retry', access: 'supervisor', summary: 'send a failed message again', errors: [409] },
  speech: {
    method: 'GET',
    path: '/api/v1/speech',
    access: 'public',
    summary: 'a screen text as speech (audio/wav) ?app=&lang=&key=&number=&counter=&service=&minutes=&ahead=',
    errors: [404, 503],
  },
  appointmentServices: {
    method: 'GET',
    path: '/api/v1/appointments/services',
    access: 'public',
    summary: 'services that take appointments (slot length, how far ahead, appointment only)',
  },
  appointmentDays: {
    method: 'GET',
    path: '/api/v1/appointments/days',
    access: 'public',
    summary: 'days with a bookable slot ?serviceId= → [{date, places}]',
  },
  appointmentSlots: {
    method: 'GET',
    path: '/api/v1/appointments/slots',
    access: 'public',
    summary: 'bookable times of a service on a day ?serviceId=&date=YYYY-MM-DD',
  },
  book: {
    method: 'POST',
    path: '/api/v1/appointments',
    access: 'public',
    scope: 'appointments:write',
    summary: 'book {serviceId, at, name?, language?, email?, phone?} → booking code; email/phone for a reminder (API keys: appointments:write; staff: on behalf)',
    ok: [201],
    errors: [403, 404, 409],
  },
  appointmentDay: {
    method: 'GET',
    path: '/api/v1/appointments',
    access: 'staff',
    summary: "a day's appointments ?date=&serviceId= (booked, arrived, late, no-show, cancelled)",
  },
  affectedAppointments: {
    method: 'GET',
    path: '/api/v1/appointments/affected',
    access: 'supervisor',
    summary: 'bookings that the current hours, closures or slot rules leave without a slot',
  },
  remoteServices: {
    method: 'GET',
    path: '/api/v1/remote/services',
    access: 'public',
    summary: 'services whose queue can be joined from home, and whether now (open, closed, cap-reached, too-long)',
  },
  remoteJoin: {
    method: 'POST',
    path: '/api/v1/remote',
    access: 'public',
    scope: 'tickets:issue',
    summary: "join a service's queue from home {serviceId, language?} → a ticket held until check-in, and its arrival code",
    ok: [201],
    errors: [403, 409, 429],
  },
  visitorHere: {
    method: 'POST',
    path: '/api/v1/tickets/status/:token/here',
    access: 'visitor',
    summary: "\"I'm here\" {entrance?}: a remote ticket checks in from the hall's network, or with today's entrance code (the QR at the door)",
    errors: [403, 409, 429],
  },
  remoteEntrance: {
    method: 'GET',
    path: '/api/v1/remote/entrance',
    access: 'staff',
    summary: "today's entrance code and the path its QR opens (it changes at the hall's midnight)",
  },
  checkIn: {
    method: 'POST',
    path: '/api/v1/appointments/check-in',
    access: 'public',
    summary: '{code, kioskId?}: arrive for an appointment (kiosk or counter; API keys: appointments:write or tickets:issue)',
    errors: [403, 404, 409],
  },
  appointment: { method: 'GET', path: '/api/v1/appointments/:code', access: 'visitor', summary: 'the booking of a code' },
  appointmentCalendar: { method: 'GET', path: '/api/v1/appointments/:code/calendar.ics', access: 'visitor', summary: 'the booking as a calendar file' },
  cancelAppointment: {
    method: 'POST',
    path: '/api/v1/appointments/:code/cancel',
    access: 'visitor',
    scope: 'appointments:write',
    summary: '{reason?} (staff: reason required)',
    errors: [403, 409],
  },
  moveAppointment: {
    method: 'POST',
    path: '/api/v1/appointments/:code/move',
    access: 'visitor',
    scope: 'appointments:write',
    summary: '{at, reason?} (staff: reason required)',
    errors: [403, 409],
  },
  counters: { method: 'GET', path: '/api/v1/counters', access: 'public', summary: 'counters and what they show' },
  displayClip: {
    method: 'GET',
    path: '/api/v1/displays/:id/clips/:lang/:file',
    access: 'public',
    summary: "a recorded clip of a display's sound.clips folder (<lang>/<name>.wav)",
  },
  signIn: { method: 'POST', path: '/api/v1/session', access: 'public', summary: 'sign in {username, password} → bearer token', ok: [201], errors: [401, 403, 429, 503] },
  whoAmI: { method: 'GET', path: '/api/v1/session', access: 'staff', summary: 'who am I' },
  signOut: { method: 'DELETE', path: '/api/v1/session', access: 'public', summary: 'sign out: ends the session of the bearer token, if any', ok: [204] },
  openCounter: { method: 'POST', path: '/api/v1/counters/:id/open', access: 'staff', summary: '{services?, takeOver?}', errors: COUNTER_ACTION_ERRORS },
  closeCounter: { method: 'POST', path: '/api/v1/counters/:id/close', access: 'staff', summary: 'close the counter', errors: COUNTER_ACTION_ERRORS },
  pauseCounter: { method: 'POST', path: '/api/v1/counters/:id/pause', access: 'staff', summary: '{reason}', errors: COUNTER_ACTION_ERRORS },
  unpauseCounter: { method: 'POST', path: '/api/v1/counters/:id/unpause', access: 'staff', summary: 'end the pause', errors: COUNTER_ACTION_ERRORS },
  callNext: { method: 'POST', path: '/api/v1/counters/:id/next', access: 'staff', summary: 'call the next visitor by the call-next rule', errors: COUNTER_ACTION_ERRORS },
  callTicket: { method: 'POST', path: '/api/v1/counters/:id/call', access: 'staff', summary: '{ticketId}: call a chosen ticket', errors: COUNTER_ACTION_ERRORS },
  recall: { method: 'POST', path: '/api/v1/counters/:id/recall', access: 'staff', summary: 'call the visitor on call again', errors: COUNTER_ACTION_ERRORS },
  startService: { method: 'POST', path: '/api/v1/counters/:id/start', access: 'staff', summary: 'the visitor arrived at the counter', errors: COUNTER_ACTION_ERRORS },
  noShow: { method: 'POST', path: '/api/v1/counters/:id/no-show', access: 'staff', summary: 'the visitor on call did not come', errors: COUNTER_ACTION_ERRORS },
  finish: { method: 'POST', path: '/api/v1/counters/:id/finish', access: 'staff', summary: '{outcome?, articleId?}', errors: COUNTER_ACTION_ERRORS },
  transfer: { method: 'POST', path: '/api/v1/counters/:id/transfer', access: 'staff', summary: '{serviceId, note?} | {counterId, note?}', errors: COUNTER_ACTION_ERRORS },
  park: { method: 'POST', path: '/api/v1/counters/:id/park', access: 'staff', summary: 'set the visitor aside (parked) to serve someone else', errors: COUNTER_ACTION_ERRORS },
  resumeParked: { method: 'POST', path: '/api/v1/counters/:id/resume', access: 'staff', summary: '{ticketId}: resume a parked ticket', errors: COUNTER_ACTION_ERRORS },
  setProfile: { method: 'PUT', path: '/api/v1/counters/:id/profile', access: 'supervisor', summary: '{services: [{serviceId, weight}]}', errors: COUNTER_ACTION_ERRORS },
  tickets: {
    method: 'GET',
    path: '/api/v1/tickets',
    access: 'staff',
    scope: 'tickets:read',
    summary: "today's active tickets ?limit=&offset= (X-Total-Count: all of them)",
  },
  strandedTickets: { method: 'GET', path: '/api/v1/tickets/stranded', access: 'supervisor', summary: 'waiting tickets no open counter can call, with the reason' },
  ticket: { method: 'GET', path: '/api/v1/tickets/:id', access: 'staff', scope: 'tickets:read', summary: 'one ticket' },
  ticketEvents: { method: 'GET', path: '/api/v1/tickets/:id/events', access: 'supervisor', summary: "a ticket's event log" },
  ticketPromises: {
    method: 'GET',
    path: '/api/v1/tickets/:id/promises',
    access: 'supervisor',
    summary: "the waits promised to a ticket's visitor: at issue, then sampled from the status page",
  },
  requeue: { method: 'POST', path: '/api/v1/tickets/:id/requeue', access: 'staff', summary: 'a no-show back into the queue (grace period)', errors: [409] },
  ticketNote: { method: 'POST', path: '/api/v1/tickets/:id/note', access: 'staff', summary: '{note}', errors: [409] },
  ticketService: { method: 'POST', path: '/api/v1/tickets/:id/service', access: 'staff', summary: '{serviceId}: move a waiting ticket', errors: [409] },
  reprint: { method: 'POST', path: '/api/v1/tickets/:id/reprint', access: 'staff', summary: 'print the ticket again ?kioskId=' },
  devices: { method: 'GET', path: '/api/v1/devices', access: 'staff', summary: 'printers, relays and counter displays with state and last error' },
  announcement: { method: 'PUT', path: '/api/v1/announcement', access: 'supervisor', summary: '{text | null}: message on the displays' },
  stopService: { method: 'PUT', path: '/api/v1/services/:id/stopped', access: 'supervisor', summary: '{stopped}: no more tickets today' },
  mayHelp: { method: 'GET', path: '/api/v1/admin/organisations/may-help', access: 'admin', summary: 'which organisations each organisation may help' },
  setMayHelp: { method: 'PUT', path: '/api/v1/admin/organisations/:id/may-help', access: 'admin', summary: '{helps: [organisationId]}: audited' },
  events: { method: 'GET', path: '/api/v1/events', access: 'supervisor', scope: 'events:read', summary: 'event log ?after=&limit=' },
  audit: {
    method: 'GET',
    path: '/api/v1/audit',
    access: 'supervisor',
    summary: 'audit log, newest first ?userId=&kind=&from=&to=&before=&limit=&format=csv',
  },
  statsSummary: {
    method: 'GET',
    path: '/api/v1/stats/summary',
    access: 'supervisor',
    scope: 'stats:read',
    summary: 'figures: totals, per service, counter, staff; counter time ?from=&to=&organisationId=&serviceId=&counterId=&userId=&format=csv',
  },
  statsCounters: {
    method: 'GET',
    path: '/api/v1/stats/counters',
    access: 'supervisor',
    scope: 'stats:read',
    summary: 'open, serving, paused (by reason) and idle time per counter and staff member',
  },
  statsDaily: { method: 'GET', path: '/api/v1/stats/daily', access: 'supervisor', scope: 'stats:read', summary: 'figures per day of the range (same filters)' },
  statsHeatmap: {
    method: 'GET',
    path: '/api/v1/stats/heatmap',
    access: 'supervisor',
    scope: 'stats:read',
    summary: 'arrivals and mean wait by weekday × hour ?from=&to=&organisationId=&serviceId=',
  },
  statsEstimates: {
    method: 'GET',
    path: '/api/v1/stats/estimates',
    access: 'supervisor',
    scope: 'stats:read',
    summary: 'estimate accuracy: promised vs actual wait (median and p90 |error|, share > 5 min late/early) overall, per service, hour, day (same filters)',
  },
  statsStaffing: {
    method: 'GET',
    path: '/api/v1/stats/staffing',
    access: 'supervisor',
    scope: 'stats:read',
    summary: 'staffing advice: counters needed (Erlang C) vs counters open per service group and hour of a weekday ?weekday=&share=&from=&to=',
  },
  statsCompare: {
    method: 'GET',
    path: '/api/v1/stats/compare',
    access: 'supervisor',
    scope: 'stats:read',
    summary: 'before/after: every figure of two periods side by side, with a bootstrap interval on the change in mean wait ?aFrom=&aTo=&bFrom=&bTo=',
  },
  statsVisits: { method: 'GET', path: '/api/v1/stats/visits', access: 'supervisor', scope: 'stats:read', summary: 'raw visit list ?page=&pageSize= (same filters)' },
  statsLive: { method: 'GET', path: '/api/v1/stats/live', access: 'supervisor', scope: 'stats:read', summary: 'today so far ?organisationId=&serviceId=' },
  statsAppointments: {
    method: 'GET',
    path: '/api/v1/stats/appointments',
    access: 'supervisor',
    scope: 'stats:read',
    summary: 'appointments by slot date: booked, cancelled, arrived, no-show rate, punctuality, wait after check-in and after the slot (same filters)',
  },
  statsFeedback: {
    method: 'GET',
    path: '/api/v1/stats/feedback',
    access: 'supervisor',
    scope: 'stats:read',
    summary: 'visitor ratings and anonymous comments (same filters)',
  },
  knowledgeArticles: { method: 'GET', path: '/api/v1/knowledge/articles', access: 'staff', summary: 'published articles ?serviceId=' },
  knowledgeSearch: { method: 'GET', path: '/api/v1/knowledge/search', access: 'staff', summary: 'full-text search ?q=&serviceId=&limit=&record=1' },
  knowledgeArticle: {
    method: 'GET',
    path: '/api/v1/knowledge/articles/:id',
    access: 'staff',
    summary: 'one article with its body as safe HTML and its contacts ?use=counter',
  },
  knowledgeVersions: { method: 'GET', path: '/api/v1/knowledge/articles/:id/versions', access: 'staff', summary: 'every version of an article' },
  knowledgeDiff: { method: 'GET', path: '/api/v1/knowledge/versions/:id/diff', access: 'staff', summary: 'what a version changes ?against=' },
  knowledgePropose: {
    method: 'POST',
    path: '/api/v1/knowledge/proposals',
    access: 'staff',
    summary: '{articleId?, content, comment?}: propose a new article or a change',
    ok: [201],
    errors: [404, 409],
  },
  knowledgeFlag: { method: 'POST', path: '/api/v1/knowledge/articles/:id/flags', access: 'staff', summary: '{kind: wrong|outdated, comment}', ok: [201] },
  knowledgeContacts: { method: 'GET', path: '/api/v1/knowledge/contacts', access: 'staff', summary: 'the directory of responsible desks' },
  knowledgeReview: { method: 'GET', path: '/api/v1/knowledge/review', access: 'supervisor', summary: 'proposals, open flags and overdue articles of your organisation' },
  knowledgePublish: { method: 'POST', path: '/api/v1/knowledge/versions/:id/publish', access: 'supervisor', summary: '{note?}', errors: [409] },
  knowledgeReject: { method: 'POST', path: '/api/v1/knowledge/versions/:id/reject', access: 'supervisor', summary: '{note?}', errors: [409] },
  knowledgeRevert: {
    method: 'POST',
    path: '/api/v1/knowledge/articles/:id/revert',
    access: 'supervisor',
    summary: '{version}: publish an earlier version again',
    errors: [409],
  },
  knowledgeReviewed: { method: 'POST', path: '/api/v1/knowledge/articles/:id/reviewed', access: 'supervisor', summary: 'the article is still right' },
  knowledgeResolveFlag: { method: 'POST', path: '/api/v1/knowledge/flags/:id/resolve', access: 'supervisor', summary: 'the flag is dealt with', errors: [409] },
  knowledgePutContact: { method: 'PUT', path: '/api/v1/knowledge/contacts/:id', access: 'supervisor', summary: 'create or replace a desk of the directory' },
  knowledgeDeleteContact: { method: 'DELETE', path: '/api/v1/knowledge/contacts/:id', access: 'supervisor', summary: 'delete a desk of the directory', ok: [204], errors: [409] },
  knowledgeExport: { method: 'GET', path: '/api/v1/knowledge/export', access: 'supervisor', summary: 'articles and contacts as JSON (the import format)' },
  knowledgeImport: { method: 'PUT', path: '/api/v1/knowledge/import', access: 'admin', summary: 'import articles and contacts (up to 8 MB)', errors: [409] },
  knowledgeFigures: {
    method: 'GET',
    path: '/api/v1/knowledge/figures',
    access: 'supervisor',
    summary: 'first-contact resolution, articles used, searches without result per week ?from=&to=&table=&format=csv',
  },
  centralShipping: {
    method: 'GET',
    path: '/api/v1/central-shipping',
    access: 'supervisor',
    summary: 'shipping of the event log to central: connected / behind by N / unreachable since',
  },
  adminStatus: {
    method: 'GET',
    path: '/api/v1/admin/status',
    access: 'admin',
    summary: 'version, uptime, database size, last backup, disk, health, devices, connected screens (last contact, clock skew), retention policy',
  },
  backups: { method: 'GET', path: '/api/v1/admin/backups', access: 'admin', summary: 'backup folder, schedule, keep and the verified backups (name, size, time)' },
  takeBackup: { method: 'POST', path: '/api/v1/admin/backups', access: 'admin', summary: 'take a verified backup now (409 while one runs)', ok: [201], errors: [409, 503] },
  retention: { method: 'GET', path: '/api/v1/admin/retention', access: 'admin', summary: 'how long personal data is kept (days) and the last daily run' },
  runRetention: { method: 'POST', path: '/api/v1/admin/retention/run', access: 'admin', summary: 'run the retention job now' },
  visitorData: { method: 'GET', path: '/api/v1/admin/visitor-data', access: 'admin', summary: '?date=YYYY-MM-DD&number=A012: what is held about one visit', errors: [404] },
  eraseVisitorData: {
    method: 'POST',
    path: '/api/v1/admin/visitor-data/erase',
    access: 'admin',
    summary: "{date, number}: erase one visitor's needs, note, comment and status link",
    errors: [404, 409],
  },
  exportConfig: { method: 'GET', path: '/api/v1/admin/config', access: 'admin', scope: 'config:read', summary: 'export the hall configuration' },
  importConfig: { method: 'PUT', path: '/api/v1/admin/config', access: 'admin', summary: 'import a hall configuration', errors: [409] },
  adminServices: { method: 'GET', path: '/api/v1/admin/services', access: 'admin', scope: 'config:read', summary: 'the configured services' },
  createService: { method: 'POST', path: '/api/v1/admin/services', access: 'admin', summary: 'add a service', ok: [201], errors: [409] },
  updateService: { method: 'PUT', path: '/api/v1/admin/services/:id', access: 'admin', summary: 'replace a service', errors: [409] },
  deleteService: { method: 'DELETE', path: '/api/v1/admin/services/:id', access: 'admin', summary: 'delete a service', ok: [204], errors: [409, 422] },
  adminCounters: { method: 'GET', path: '/api/v1/admin/counters', access: 'admin', scope: 'config:read', summary: 'the configured counters' },
  createCounter: { method: 'POST', path: '/api/v1/admin/counters', access: 'admin', summary: 'add a counter', ok: [201], errors: [409] },
  updateCounter: { method: 'PUT', path: '/api/v1/admin/counters/:id', access: 'admin', summary: 'replace a counter', errors: [409] },
  deleteCounter: { method: 'DELETE', path: '/api/v1/admin/counters/:id', access: 'admin', summary: 'delete a counter', ok: [204], errors: [409, 422] },
  checkDatabase: { method: 'POST', path: '/api/v1/admin/database/check', access: 'admin', summary: 'a quick integrity check (quick_check) of the database now → {ok, problems, file}' },
  signIns: {
    method: 'GET',
    path: '/api/v1/admin/sign-ins',
    access: 'admin',
    summary: 'sign-in attempts (?limit=1..1000, newest first), locks and slowed accounts in force',
  },
  users: { method: 'GET', path: '/api/v1/admin/users', access: 'admin', summary: 'the user accounts' },
  createUser: { method: 'POST', path: '/api/v1/admin/users', access: 'admin', summary: 'add a user account', ok: [201], errors: [409] },
  updateUser: { method: 'PATCH', path: '/api/v1/admin/users/:id', access: 'admin', summary: 'update, disable, reset password', errors: [409] },
  apiKeys: { method: 'GET', path: '/api/v1/admin/api-keys', access: 'admin', summary: 'the API keys (never their secrets)' },
  createApiKey: {
    method: 'POST',
    path: '/api/v1/admin/api-keys',
    access: 'admin',
    summary: 'create {name, scopes, organisationId?, expiresAt?, ratePerMinute?} → the secret, once',
    ok: [201],
  },
  revokeApiKey: { method: 'DELETE', path: '/api/v1/admin/api-keys/:id', access: 'admin', summary: 'revoke a key' },
  webhooks: { method: 'GET', path: '/api/v1/admin/webhooks', access: 'admin', summary: 'the webhook subscriptions with delivery counts' },
  createWebhook: {
    method: 'POST',
    path: '/api/v1/admin/webhooks',
    access: 'admin',
    summary: 'subscribe {url, eventTypes, organisationId?, serviceIds?, allowHttp?, description?} → the signing secret, once',
    ok: [201],
  },
  updateWebhook: { method: 'PATCH', path: '/api/v1/admin/webhooks/:id', access: 'admin', summary: '{active}: pause or resume' },
  deleteWebhook: { method: 'DELETE', path: '/api/v1/admin/webhooks/:id', access: 'admin', summary: 'delete a subscription', ok: [204] },
  webhookDeliveries: {
    method: 'GET',
    path: '/api/v1/admin/webhooks/:id/deliveries',
    access: 'admin',
    summary: 'delivery history ?status=pending|delivered|dead|skipped&limit=',
  },
  replayDelivery: { method: 'POST', path: '/api/v1/admin/webhooks/deliveries/:id/replay', access: 'admin', summary: 'send a dead delivery again', errors: [409] },
} as const satisfies Record<string, RouteDef>;

export type RouteKey = keyof typeof ROUTES;

export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The parameters of a path template, by name: `{ id: 'c1' }` for `/counters/:id/open`; `{}` when it has none. */
export type ParamsOf<P extends string> = { [N in ParamNames<P>]: string | number };

/** The path parameters of a route, by name: `{ id: 'c1' }` for `/counters/:id/open`; `{}` when it has none. */
export type PathParams<K extends RouteKey> = ParamsOf<(typeof ROUTES)[K]['path']>;

export type QueryValue = string | number | boolean | null | undefined;

/**
 * The path of a route with its parameters filled in (each one URL-encoded) and an optional query string (entries
 * that are null, undefined or '' are left out): `path('openCounter', { id: 'c1' })` → `/api/v1/counters/c1/open`.
 */
export function path<K extends RouteKey>(key: K, params: PathParams<K>, query?: Readonly<Record<string, QueryValue>>): string {
  return fillPath(key, ROUTES[key].path, params, query);
}

/** A path template (`/api/v1/x/:id`) with its parameters filled in and the query appended; `key` names it in errors. */
export function fillPath(key: string, template: string, params: object, query?: Readonly<Record<string, QueryValue>>): string {
  const values = params as Record<string, string | number>;
  const filled = template.replace(/:(\w+)/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') throw new Error(`path("${key}"): the parameter "${name}" is missing.`);
    return encodeURIComponent(String(v));
  });
  const q = queryString(query);
  return q ? `${filled}?${q}` : filled;
}

/** `a=1&b=x` from the entries that have a value. */
export function queryString(query?: Readonly<Record<string, QueryValue>>): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}

/** The success statuses of a route. */
export function okStatuses(def: RouteDef): readonly number[] {
  return def.ok ?? [200];
}

/**
 * The error statuses a route may answer: its own (`errors`) plus what follows from its kind — a body or query that
 * does not parse (400, 422; a body over the limit 413), a path parameter naming nothing (404), a staff route without
 * or with the wrong credentials (401, 403), an API key over its rate (429; any route, as the key is checked first),
 * and the database being unavailable (503).
 */
export function errorStatuses(def: RouteDef, has: { body: boolean; query: boolean }): number[] {
  const out = new Set<number>([401, 429, 503, ...(def.errors ?? [])]);
  if (has.body) [400, 413, 422].forEach((s) => out.add(s));
  if (has.query) [400, 422].forEach((s) => out.add(s));
  if (def.path.includes(':')) [400, 404].forEach((s) => out.add(s));
  if (def.access !== 'public' && def.access !== 'visitor') out.add(403);
  if (def.scope) out.add(403);
  return [...out].sort((a, b) => a - b);
}
