import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ArticleSummaryView,
  CreatedApiKey,
  CreatedWebhook,
  HallConfig,
  IssueTicketResponse,
  KnowledgeExport,
  UserView,
  VersionView,
} from '../../server/src/protocol/index.js';
import type { QueryValue } from '../../server/src/protocol/client/pathTemplate.js';
import type { RouteDef } from '../../server/src/protocol/client/routeDef.js';
import { path, ROUTE_KEYS, ROUTES, type PathParams, type RouteKey } from '../../server/src/protocol/client/routes.js';
import { contractFetch } from '../support/contract.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * A day of the hall through every route of the route table, with the demo hall: public reads, a visitor's ticket,
 * a counter serving it, a supervisor's tools, the administration, the knowledge base and appointments. Each answer is
 * checked against the OpenAPI document by the test helpers (test/support/contract.ts); this walk makes sure every
 * route is reached at least once, and that the routes of the ordinary day answer with success.
 */

interface Answer<T> {
  status: number;
  body: T;
}

describe('a walk through every route of the API, each answer held to the OpenAPI document', () => {
  let server: TestServer;
  const reached = new Map<RouteKey, number[]>();

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.dispose());

  /** Calls a route by key (JSON through server.api, which checks the answer against the document). */
  async function call<T = unknown>(
    key: RouteKey,
    opts: { params?: Record<string, string | number>; query?: Record<string, QueryValue>; token?: string; body?: unknown } = {},
  ): Promise<Answer<T>> {
    const def: RouteDef = ROUTES[key];
    const url = path(key, (opts.params ?? {}) as PathParams<typeof key>, opts.query);
    const r = await server.api<T>(def.method, url, { ...(opts.token ? { token: opts.token } : {}), ...(opts.body !== undefined ? { body: opts.body } : {}) });
    reached.set(key, [...(reached.get(key) ?? []), r.status]);
    return r;
  }

  /** A route whose answer is a file (CSV, audio, calendar): checked by contractFetch. */
  async function file(key: RouteKey, opts: { params?: Record<string, string | number>; query?: Record<string, QueryValue>; token?: string } = {}): Promise<number> {
    const url = path(key, (opts.params ?? {}) as PathParams<typeof key>, opts.query);
    const res = await contractFetch(server.url + url, { headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {} });
    await res.arrayBuffer();
    reached.set(key, [...(reached.get(key) ?? []), res.status]);
    return res.status;
  }

  const ok = <T>(r: Answer<T>): T => {
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    return r.body;
  };

  it('walks the day', async () => {
    // Public reads.
    for (const key of ['apiIndex', 'health', 'healthReady', 'healthLive', 'openApi', 'asyncApi', 'hall', 'services', 'counters'] as const) ok(await call(key));

    // A visitor takes tickets and follows one.
    const issue = async () => ok(await call<IssueTicketResponse>('issueTicket', { body: { serviceId: 'identity', needs: ['low-desk'] } })).ticket;
    const first = await issue();
    const second = await issue();
    const third = await issue();
    const fourth = await issue();
    ok(await call('visitorStatus', { params: { token: first.statusToken } }));
    ok(await call('visitorNotify', { params: { token: first.statusToken } }));
    await call('visitorNotifyOptIn', { params: { token: second.statusToken }, body: { channel: 'email', address: 'jane.doe@example.org', onCall: true } });
    await call('visitorNotifyOptOut', { params: { token: second.statusToken, channel: 'email' } });

    // A counter serves them.
    const admin = await server.login('admin');
    const supervisor = await server.login('city-supervisor');
    const staffToken = ok(await call<{ token: string }>('signIn', { body: { username: 'city-staff', password: 'demo-city-staff' } })).token;
    const staff = { token: staffToken, params: { id: '1' } };
    ok(await call('whoAmI', { token: staffToken }));
    ok(await call('openCounter', { ...staff, body: {} }));
    ok(await call('callNext', staff));
    ok(await call('recall', staff));
    ok(await call('startService', staff));
    ok(await call('finish', { ...staff, body: {} }));
    ok(await call('visitorFeedback', { params: { token: first.statusToken } }));
    ok(await call('giveFeedback', { params: { token: first.statusToken }, body: { rating: 5, comment: 'Quick and kind' } }));
    ok(await call('callTicket', { ...staff, body: { ticketId: second.id } }));
    ok(await call('noShow', staff));
    ok(await call('requeue', { token: staffToken, params: { id: second.id } }));
    ok(await call('callNext', staff));
    ok(await call('park', staff));
    ok(await call('callNext', staff));
    ok(await call('transfer', { ...staff, body: { serviceId: 'residence', note: 'needs a residence permit' } }));
    ok(await call('resumeParked', { ...staff, body: { ticketId: second.id } }));
    ok(await call('finish', { ...staff, body: {} }));
    ok(await call('pauseCounter', { ...staff, body: { reason: 'lunch' } }));
    ok(await call('unpauseCounter', staff));
    ok(await call('setProfile', { token: supervisor, params: { id: '1' }, body: { services: [{ serviceId: 'identity', weight: 1 }] } }));
    ok(await call('tickets', { token: staffToken, query: { limit: 10 } }));
    ok(await call('strandedTickets', { token: supervisor }));
    ok(await call('ticket', { token: staffToken, params: { id: fourth.id } }));
    ok(await call('ticketEvents', { token: supervisor, params: { id: first.id } }));
    ok(await call('ticketPromises', { token: supervisor, params: { id: first.id } }));
    ok(await call('ticketNote', { token: staffToken, params: { id: fourth.id }, body: { note: 'brings a form' } }));
    ok(await call('ticketService', { token: staffToken, params: { id: fourth.id }, body: { serviceId: 'residence' } }));
    ok(await call('reprint', { token: staffToken, params: { id: fourth.id } }));
    ok(await call('devices', { token: staffToken }));
    ok(await call('closeCounter', staff));
    ok(await call('visitorCancel', { params: { token: third.statusToken } }));

    // A supervisor's tools and figures.
    ok(await call('announcement', { token: supervisor, body: { text: 'Counter 3 closes at noon' } }));
    ok(await call('stopService', { token: supervisor, params: { id: 'identity' }, body: { stopped: false } }));
    ok(await call('events', { token: supervisor, query: { after: 0, limit: 50 } }));
    ok(await call('audit', { token: supervisor }));
    for (const key of ['statsSummary', 'statsCounters', 'statsDaily', 'statsHeatmap', 'statsEstimates', 'statsVisits', 'statsLive', 'statsFeedback', 'statsAppointments'] as const) {
      ok(await call(key, { token: supervisor }));
    }
    ok(await call('statsStaffing', { token: supervisor, query: { weekday: 0 } }));
    ok(await call('statsCompare', { token: supervisor, query: { aFrom: '2026-01-05', aTo: '2026-01-09', bFrom: '2026-01-12', bTo: '2026-01-16' } }));
    expect(await file('statsSummary', { token: supervisor, query: { format: 'csv' } })).toBe(200);
    ok(await call('notifications', { token: supervisor }));
    ok(await call('notificationsStatus', { token: supervisor }));
    await call('retryNotification', { token: supervisor, params: { id: 999_999 } });
    ok(await call('centralShipping', { token: supervisor }));

    // The knowledge base.
    const articles = ok(await call<{ articles: ArticleSummaryView[] }>('knowledgeArticles', { token: staffToken })).articles;
    const article = articles.find((a) => a.organisationId === 'city') ?? articles[0];
    if (!article) throw new Error('the demo hall has no knowledge articles');
    ok(await call('knowledgeSearch', { token: staffToken, query: { q: 'passport' } }));
    const full = ok(await call<{ content: unknown }>('knowledgeArticle', { token: staffToken, params: { id: article.id }, query: { use: 'counter' } }));
    const versions = ok(await call<{ versions: VersionView[] }>('knowledgeVersions', { token: staffToken, params: { id: article.id } })).versions;
    ok(await call('knowledgeDiff', { token: staffToken, params: { id: versions[0]?.id ?? 1 } }));
    const proposal = ok(await call<VersionView>('knowledgePropose', { token: staffToken, body: { articleId: article.id, content: full.content, comment: 'Still right' } }));
    const another = ok(await call<VersionView>('knowledgePropose', { token: staffToken, body: { articleId: article.id, content: full.content, comment: 'Again' } }));
    const flag = ok(await call<{ id: number }>('knowledgeFlag', { token: staffToken, params: { id: article.id }, body: { kind: 'outdated', comment: 'fees changed' } }));
    ok(await call('knowledgeContacts', { token: staffToken }));
    ok(await call('knowledgeReview', { token: supervisor }));
    const orgSupervisor = article.organisationId === 'city' ? supervisor : await server.login(`${article.organisationId}-supervisor`);
    await call('knowledgePublish', { token: orgSupervisor, params: { id: proposal.id }, body: { note: 'ok' } });
    await call('knowledgeReject', { token: orgSupervisor, params: { id: another.id }, body: { note: 'duplicate' } });
    await call('knowledgeRevert', { token: orgSupervisor, params: { id: article.id }, body: { version: 1 } });
    await call('knowledgeReviewed', { token: orgSupervisor, params: { id: article.id } });
    await call('knowledgeResolveFlag', { token: orgSupervisor, params: { id: flag.id } });
    const contact = { id: 'walk-desk', organisationId: 'city', name: { en: 'Walk desk' } };
    ok(await call('knowledgePutContact', { token: supervisor, params: { id: contact.id }, body: contact }));
    ok(await call('knowledgeDeleteContact', { token: supervisor, params: { id: contact.id } }));
    const exported = ok(await call<KnowledgeExport>('knowledgeExport', { token: supervisor }));
    ok(await call('knowledgeImport', { token: admin, body: exported }));
    ok(await call('knowledgeFigures', { token: supervisor }));

    // Appointments and joining from home (the demo hall takes none: each answers its documented refusal or an empty list).
    ok(await call('appointmentServices'));
    await call('appointmentDays', { query: { serviceId: 'identity' } });
    await call('appointmentSlots', { query: { serviceId: 'identity', date: '2026-12-01' } });
    await call('book', { body: { serviceId: 'identity', at: Date.now() + 86_400_000 } });
    ok(await call('appointmentDay', { token: staffToken }));
    ok(await call('affectedAppointments', { token: supervisor }));
    ok(await call('remoteServices'));
    await call('remoteJoin', { body: { serviceId: 'identity' } });
    await call('visitorHere', { params: { token: fourth.statusToken } });
    ok(await call('remoteEntrance', { token: staffToken }));
    const code = 'ABCDEFGHJK';
    await call('checkIn', { body: { code } });
    await call('appointment', { params: { code } });
    await file('appointmentCalendar', { params: { code } });
    await call('cancelAppointment', { params: { code }, body: {} });
    await call('moveAppointment', { params: { code }, body: { at: Date.now() + 86_400_000 } });

    // Speech and recorded clips (espeak-ng may be missing: 503 is documented; the demo display has no clips: 404).
    await file('speech', { query: { app: 'display', lang: 'en', key: 'call.sentence', number: first.number, counter: '1' } });
    await file('displayClip', { params: { id: 'hall', lang: 'en', file: 'number.wav' } });

    // The administration.
    ok(await call('mayHelp', { token: admin }));
    ok(await call('setMayHelp', { token: admin, params: { id: 'city' }, body: { helps: [] } }));
    ok(await call('adminStatus', { token: admin }));
    ok(await call('backups', { token: admin }));
    ok(await call('takeBackup', { token: admin }));
    ok(await call('retention', { token: admin }));
    ok(await call('runRetention', { token: admin }));
    ok(await call('visitorData', { token: admin, query: { date: new Date().toISOString().slice(0, 10), number: first.number } }));
    await call('eraseVisitorData', { token: admin, body: { date: new Date().toISOString().slice(0, 10), number: fourth.number } });
    const config = ok(await call<HallConfig>('exportConfig', { token: admin }));
    ok(await call('importConfig', { token: admin, body: config }));
    ok(await call('adminServices', { token: admin }));
    const service = { ...config.services[0], id: 'walk-service', prefix: 'W' };
    ok(await call('createService', { token: admin, body: service }));
    ok(await call('updateService', { token: admin, params: { id: service.id }, body: { ...service, targetMinutes: 20 } }));
    ok(await call('deleteService', { token: admin, params: { id: service.id } }));
    ok(await call('adminCounters', { token: admin }));
    const counter = { ...config.counters[0], id: 'walk-counter', label: 'W1' };
    ok(await call('createCounter', { token: admin, body: counter }));
    ok(await call('updateCounter', { token: admin, params: { id: counter.id }, body: { ...counter, label: 'W2' } }));
    ok(await call('deleteCounter', { token: admin, params: { id: counter.id } }));
    ok(await call('checkDatabase', { token: admin }));
    ok(await call('signIns', { token: admin }));
    ok(await call('users', { token: admin }));
    const user = ok(await call<UserView>('createUser', { token: admin, body: { username: 'walker', displayName: 'Walker', password: 'a-long-password', role: 'staff' } }));
    ok(await call('updateUser', { token: admin, params: { id: user.id }, body: { displayName: 'Walker Two' } }));
    ok(await call('apiKeys', { token: admin }));
    const key = ok(await call<CreatedApiKey>('createApiKey', { token: admin, body: { name: 'walk', scopes: ['tickets:read'] } }));
    ok(await call('revokeApiKey', { token: admin, params: { id: key.key.id } }));
    ok(await call('webhooks', { token: admin }));
    const hook = ok(await call<CreatedWebhook>('createWebhook', { token: admin, body: { url: 'http://127.0.0.1:9/hook', allowHttp: true, eventTypes: ['ticket.called'] } }));
    ok(await call('updateWebhook', { token: admin, params: { id: hook.webhook.id }, body: { active: false } }));
    ok(await call('webhookDeliveries', { token: admin, params: { id: hook.webhook.id } }));
    await call('replayDelivery', { token: admin, params: { id: 999_999 } });
    ok(await call('deleteWebhook', { token: admin, params: { id: hook.webhook.id } }));

    ok(await call('signOut', { token: staffToken }));

    // Every route of the table was reached (its answers checked against the document on the way).
    expect(ROUTE_KEYS.filter((k) => !reached.has(k)), 'routes the walk did not reach').toEqual([]);
    // None of them failed on the server's side.
    const failures = [...reached].filter(([, statuses]) => statuses.some((s) => s >= 500 && s !== 503));
    expect(failures).toEqual([]);
  });
});
