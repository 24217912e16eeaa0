import type { LoginRequest } from '../api.js';
import type {
  CatalogueEntry,
  CatalogueEntryInput,
  CentralCounterTime,
  CentralDailyRow,
  CentralFeedback,
  CentralHallView,
  CentralHeatmapCell,
  CentralInfo,
  CentralLive,
  CentralLiveQuery,
  CentralStatsQuery,
  CentralSummary,
  HallCredential,
  NewCentralUser,
  NewHall,
  ShipAck,
  ShipBatch,
} from '../central.js';
import type { SessionView, UserView } from '../views.js';
import { fillPath, type ParamsOf, type QueryValue } from './pathTemplate.js';
import type { HttpMethod } from './routeDef.js';

/**
 * THE route table of the central server's API (VUORO_MODE=central): a separate API from the hall's (`routes.ts`),
 * declared the same way. The central router registers its handlers by these keys (and refuses to start when the two
 * differ), its GET /api/v1 lists this table, the central back office and the halls' shipper build their request
 * paths with `centralPath(key, params)`, and `CentralRouteTypes` says what each route takes and answers.
 * Routes the counter app's shared screens call on either server (sign-in, `health`, the heatmap's CSV) have the same
 * key, method and path in both tables; a test holds them so. Zod-free: the screens import it.
 */

/** Who may call a central route: anyone, a hall with its credential, or a back-office user of at least this role. */
export type CentralAccess = 'public' | 'hall' | 'supervisor' | 'admin';

export interface CentralRouteDef {
  method: HttpMethod;
  /** Full path with `:name` parameters. */
  path: string;
  access: CentralAccess;
  summary: string;
  /** Success statuses (the first is the usual one); 200 when absent. */
  ok?: readonly number[];
  /** The answer is a CSV file instead when the query says `format=csv`. */
  csv?: true;
}

export const CENTRAL_ROUTES = {
  apiIndex: { method: 'GET', path: '/api/v1', access: 'public', summary: 'this list of routes' },
  centralInfo: { method: 'GET', path: '/api/v1/central', access: 'public', summary: 'tells a client it talks to a central server {mode, halls}' },
  health: { method: 'GET', path: '/api/v1/health', access: 'public', summary: 'the process answers {status, mode: central}' },
  signIn: { method: 'POST', path: '/api/v1/session', access: 'public', summary: 'sign in to the back office {username, password}', ok: [201] },
  whoAmI: { method: 'GET', path: '/api/v1/session', access: 'supervisor', summary: 'who is signed in' },
  signOut: { method: 'DELETE', path: '/api/v1/session', access: 'public', summary: 'sign out (the token stops working)', ok: [204] },
  halls: { method: 'GET', path: '/api/v1/central/halls', access: 'supervisor', summary: 'the halls that ship here, with their last contact' },
  registerHall: { method: 'POST', path: '/api/v1/central/halls', access: 'admin', summary: 'register a hall {id, name}: answers its credential once', ok: [201] },
  rotateHallCredential: {
    method: 'POST',
    path: '/api/v1/central/halls/:id/credential',
    access: 'admin',
    summary: "a new credential for a hall (the old one stops working): answered once",
    ok: [201],
  },
  users: { method: 'GET', path: '/api/v1/central/users', access: 'admin', summary: 'the back-office accounts' },
  createUser: { method: 'POST', path: '/api/v1/central/users', access: 'admin', summary: 'add a back-office account', ok: [201] },
  catalogue: { method: 'GET', path: '/api/v1/central/catalogue', access: 'supervisor', summary: 'the central service catalogue' },
  putCatalogueEntry: { method: 'PUT', path: '/api/v1/central/catalogue/:id', access: 'admin', summary: 'add or change a catalogue entry (its version goes up)' },
  shipEvents: {
    method: 'POST',
    path: '/api/v1/central/events',
    access: 'hall',
    summary: "a hall's batch of events (hall credential as bearer token); answers the high-water mark and newer catalogue entries",
  },
  statsSummary: { method: 'GET', path: '/api/v1/stats/summary', access: 'supervisor', summary: 'figures per hall, service and hall-service ?from&to&hallId&format', csv: true },
  statsDaily: { method: 'GET', path: '/api/v1/stats/daily', access: 'supervisor', summary: 'figures per day ?from&to&hallId&format', csv: true },
  statsHeatmap: { method: 'GET', path: '/api/v1/stats/heatmap', access: 'supervisor', summary: 'arrivals by weekday and hour ?from&to&hallId&format', csv: true },
  statsLive: { method: 'GET', path: '/api/v1/stats/live', access: 'supervisor', summary: 'today so far in every hall ?hallId&format', csv: true },
  statsCounters: { method: 'GET', path: '/api/v1/stats/counters', access: 'supervisor', summary: 'counter time per hall, counter and staff ?from&to&hallId&format', csv: true },
  statsFeedback: { method: 'GET', path: '/api/v1/stats/feedback', access: 'supervisor', summary: 'ratings per hall ?from&to&hallId&format', csv: true },
} as const satisfies Record<string, CentralRouteDef>;

export type CentralRouteKey = keyof typeof CENTRAL_ROUTES;

export const CENTRAL_ROUTE_KEYS = Object.keys(CENTRAL_ROUTES) as CentralRouteKey[];

/** The entries of GET /api/v1 at central (the hall's index has the same shape). */
export interface CentralApiIndex {
  routes: { key: string; method: string; path: string; access: string; scope: null; what: string }[];
}

/** What each central route takes (its JSON body, its query as sent) and answers on success (JSON; 204: null). */
export interface CentralRouteTypes {
  apiIndex: { response: CentralApiIndex };
  centralInfo: { response: CentralInfo };
  health: { response: { status: 'ok'; mode: 'central' } };
  signIn: { body: LoginRequest; response: SessionView };
  whoAmI: { response: { user: UserView } };
  signOut: { response: null };
  halls: { response: CentralHallView[] };
  registerHall: { body: NewHall; response: HallCredential };
  rotateHallCredential: { response: HallCredential };
  users: { response: UserView[] };
  createUser: { body: Omit<NewCentralUser, 'organisationId'> & { organisationId?: string | null }; response: UserView };
  catalogue: { response: CatalogueEntry[] };
  putCatalogueEntry: { body: CatalogueEntryInput; response: CatalogueEntry };
  shipEvents: { body: ShipBatch; response: ShipAck };
  statsSummary: { query: CentralStatsQueryParams; response: CentralSummary };
  statsDaily: { query: CentralStatsQueryParams; response: CentralDailyRow[] };
  statsHeatmap: { query: CentralStatsQueryParams; response: CentralHeatmapCell[] };
  statsLive: { query: Partial<CentralLiveQuery>; response: CentralLive };
  statsCounters: { query: CentralStatsQueryParams; response: CentralCounterTime[] };
  statsFeedback: { query: CentralStatsQueryParams; response: CentralFeedback };
}

/** The statistics query as a client sends it (every entry optional; JSON unless `format: 'csv'`). */
export type CentralStatsQueryParams = Partial<CentralStatsQuery>;

/** What a central route answers on success. */
export type CentralResponse<K extends CentralRouteKey> = CentralRouteTypes[K]['response'];

/** What a central route takes as its JSON body (`undefined` when it takes none). */
export type CentralBody<K extends CentralRouteKey> = CentralRouteTypes[K] extends { body: infer B } ? B : undefined;

/** What a central route takes as its query (`undefined` when it takes none). */
export type CentralQuery<K extends CentralRouteKey> = CentralRouteTypes[K] extends { query: infer Q } ? Q : undefined;

/** The path parameters of a central route, by name; `{}` when it has none. */
export type CentralPathParams<K extends CentralRouteKey> = ParamsOf<(typeof CENTRAL_ROUTES)[K]['path']>;

/** The path of a central route with its parameters filled in and an optional query: `centralPath('statsLive', {})`. */
export function centralPath<K extends CentralRouteKey>(key: K, params: CentralPathParams<K>, query?: Readonly<Record<string, QueryValue>>): string {
  return fillPath(key, CENTRAL_ROUTES[key].path, params, query);
}
