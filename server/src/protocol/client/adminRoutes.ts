import type { RouteDef } from './routeDef.js';

/**
 * The routes of administration: central shipping, the server's status, backups, retention, visitor data, the hall's
 * configuration, sign-ins, users, API keys and webhooks.
 * One part of the hall's route table (`routes.ts`); see there.
 */
export const ADMIN_ROUTES = {
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
