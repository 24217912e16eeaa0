import { z } from 'zod';
import { AnnouncementRequest, CallTicketRequest, ChangeServiceRequest, CreateUserRequest, FinishRequest, IssueTicketRequest, LoginRequest, MayHelpRequest, OpenCounterRequest, PauseRequest, ProfileRequest, ResumeParkedRequest, ServiceStopRequest, TicketNoteRequest, TicketPageQuery, TransferRequest, UpdateUserRequest } from './api.js';
import {
  AffectedBooking,
  AppointmentDayQuery,
  AppointmentServiceView,
  AppointmentStats,
  AppointmentStaffView,
  AppointmentView,
  BookableDay,
  BookedView,
  BookRequest,
  CancelAppointmentRequest,
  CheckInRequest,
  EntranceCode,
  VisitorHereRequest,
  CheckInResult,
  DaysQuery,
  RemoteJoined,
  RemoteJoinRequest,
  RemoteServiceView,
  MoveRequest,
  SlotsQuery,
  SlotsView,
} from './appointments.js';
import { ShippingStatus } from './central.js';
import { CounterConfig, HallConfig, ServiceConfig } from './config.js';
import { ApiKeyView, AuditEntryView, AuditQuery, CreateApiKeyRequest, CreatedApiKey, CreatedWebhook, CreateWebhookRequest, DeliveryQuery, UpdateWebhookRequest, WebhookDeliveryView, WebhookView } from './integrations.js';
import {
  ArticleListQuery,
  ArticleQuery,
  ArticleSummaryView,
  ArticleView,
  ContactConfig,
  ContactView,
  DiffQuery,
  FlagRequest,
  FlagView,
  KnowledgeExport,
  KnowledgeFiguresView,
  KnowledgeStatsQuery,
  ProposeArticleRequest,
  ReviewQueueView,
  ReviewRequest,
  RevertRequest,
  SearchQuery,
  SearchResultView,
  VersionDiffView,
  VersionView,
} from './knowledge.js';
import { BackupStatus, BackupView, HealthReport, HeldDataView, OpsStatus, RetentionPolicyView, VisitorDataRequest } from './ops.js';
import { SpeechQuery } from './speech.js';
import { CounterTime, DailyRow, EstimateAccuracy, FeedbackReceipt, FeedbackRequest, FeedbackStats, FeedbackStatusView, HeatmapCell, LiveQuery, LiveStats, CompareQuery, Comparison, StaffingAdvice, StaffingQuery, StatsQuery, StatsSummary, TicketPromise, VisitPage, VisitsQuery } from './stats.js';
import {
  AdminUserView,
  CounterView,
  DeviceStatusView,
  EventView,
  HallView,
  IssueTicketResponse,
  PrintResult,
  ServiceStatus,
  SessionView,
  SignInActivity,
  StrandedTicketView,
  TicketView,
  UserView,
  VisitorStatus,
} from './views.js';
import { NotificationsStatusView, NotifyOptInRequest, NotifyOptionsView, OutboxMessageView, OutboxQuery } from './notifications.js';
import type { RouteKey } from './client/routes.js';

/**
 * The schemas of every route of the route table (`client/routes.ts`): request body and query, and the answer of each
 * status. The OpenAPI document is built from them; the contract tests validate the real server's answers against it.
 * An error status without a schema here answers the error body (`{ error: { code, message, details? } }`).
 */

/** An answer that is a file, not JSON. */
export interface FileAnswer {
  media: string;
}
export type AnswerSchema = z.ZodType | FileAnswer | 'empty';

export interface RouteSchema {
  body?: z.ZodType;
  query?: z.ZodType;
  /** The answer by status: the success statuses of the route and error statuses that answer something else than the error body. */
  responses: Readonly<Record<number, AnswerSchema>>;
  /** The answer is a CSV file instead when the query says `format=csv`. */
  csv?: true;
}

const FILE_WAV: FileAnswer = { media: 'audio/wav' };

export const ApiIndexView = z.object({
  routes: z.array(
    z.object({
      key: z.string(),
      method: z.string(),
      path: z.string(),
      access: z.string(),
      scope: z.string().nullable(),
      what: z.string(),
    }),
  ),
});
export type ApiIndexView = z.infer<typeof ApiIndexView>;

const JsonDocument = z.record(z.string(), z.unknown());
const EventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
/** GET /admin/sign-ins */
export const SignInsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) });
const ReprintQuery = z.strictObject({ kioskId: z.string().min(1).max(40).optional() });

export const ROUTE_SCHEMAS = {
  apiIndex: { responses: { 200: ApiIndexView } },
  health: { responses: { 200: HealthReport, 503: HealthReport } },
  healthReady: { responses: { 200: HealthReport, 503: HealthReport } },
  healthLive: { responses: { 200: z.object({ status: z.literal('live') }) } },
  openApi: { responses: { 200: JsonDocument } },
  asyncApi: { responses: { 200: JsonDocument } },
  hall: { responses: { 200: HallView } },
  services: { responses: { 200: z.array(ServiceStatus) } },
  issueTicket: { body: IssueTicketRequest, responses: { 201: IssueTicketResponse, 200: IssueTicketResponse } },
  visitorStatus: { responses: { 200: VisitorStatus } },
  visitorCancel: { responses: { 200: VisitorStatus } },
  visitorFeedback: { responses: { 200: FeedbackStatusView } },
  giveFeedback: { body: FeedbackRequest, responses: { 201: FeedbackReceipt } },
  visitorNotify: { responses: { 200: NotifyOptionsView } },
  visitorNotifyOptIn: { body: NotifyOptInRequest, responses: { 200: NotifyOptionsView } },
  visitorNotifyOptOut: { responses: { 200: NotifyOptionsView } },
  notifications: { query: OutboxQuery, responses: { 200: z.array(OutboxMessageView) } },
  notificationsStatus: { responses: { 200: NotificationsStatusView } },
  retryNotification: { responses: { 200: OutboxMessageView } },
  speech: { query: SpeechQuery, responses: { 200: FILE_WAV } },
  appointmentServices: { responses: { 200: z.array(AppointmentServiceView) } },
  appointmentDays: { query: DaysQuery, responses: { 200: z.array(BookableDay) } },
  appointmentSlots: { query: SlotsQuery, responses: { 200: SlotsView } },
  book: { body: BookRequest, responses: { 201: BookedView } },
  appointmentDay: { query: AppointmentDayQuery, responses: { 200: z.array(AppointmentStaffView) } },
  affectedAppointments: { responses: { 200: z.array(AffectedBooking) } },
  checkIn: { body: CheckInRequest, responses: { 200: CheckInResult } },
  remoteServices: { responses: { 200: z.array(RemoteServiceView) } },
  remoteJoin: { body: RemoteJoinRequest, responses: { 201: RemoteJoined } },
  visitorHere: { body: VisitorHereRequest, responses: { 200: VisitorStatus } },
  remoteEntrance: { responses: { 200: EntranceCode } },
  appointment: { responses: { 200: z.union([AppointmentStaffView, AppointmentView]) } },
  appointmentCalendar: { responses: { 200: { media: 'text/calendar' } } },
  cancelAppointment: { body: CancelAppointmentRequest, responses: { 200: AppointmentView } },
  moveAppointment: { body: MoveRequest, responses: { 200: AppointmentView } },
  counters: { responses: { 200: z.array(CounterView) } },
  displayClip: { responses: { 200: FILE_WAV } },
  signIn: { body: LoginRequest, responses: { 201: SessionView } },
  whoAmI: { responses: { 200: z.object({ user: UserView }) } },
  signOut: { responses: { 204: 'empty' } },
  openCounter: { body: OpenCounterRequest, responses: { 200: CounterView } },
  closeCounter: { responses: { 200: CounterView } },
  pauseCounter: { body: PauseRequest, responses: { 200: CounterView } },
  unpauseCounter: { responses: { 200: CounterView } },
  callNext: { responses: { 200: TicketView } },
  callTicket: { body: CallTicketRequest, responses: { 200: TicketView } },
  recall: { responses: { 200: TicketView } },
  startService: { responses: { 200: TicketView } },
  noShow: { responses: { 200: TicketView } },
  finish: { body: FinishRequest, responses: { 200: TicketView } },
  transfer: { body: TransferRequest, responses: { 200: TicketView } },
  park: { responses: { 200: TicketView } },
  resumeParked: { body: ResumeParkedRequest, responses: { 200: TicketView } },
  setProfile: { body: ProfileRequest, responses: { 200: CounterView } },
  tickets: { query: TicketPageQuery, responses: { 200: z.array(TicketView) } },
  strandedTickets: { responses: { 200: z.array(StrandedTicketView) } },
  ticket: { responses: { 200: TicketView } },
  ticketEvents: { responses: { 200: z.array(EventView) } },
  ticketPromises: { responses: { 200: z.array(TicketPromise) } },
  requeue: { responses: { 200: TicketView } },
  ticketNote: { body: TicketNoteRequest, responses: { 200: TicketView } },
  ticketService: { body: ChangeServiceRequest, responses: { 200: TicketView } },
  reprint: { query: ReprintQuery, responses: { 200: PrintResult } },
  devices: { responses: { 200: z.array(DeviceStatusView) } },
  announcement: { body: AnnouncementRequest, responses: { 200: z.object({ text: z.string().nullable() }) } },
  stopService: { body: ServiceStopRequest, responses: { 200: ServiceStatus } },
  mayHelp: { responses: { 200: z.record(z.string(), z.array(z.string())) } },
  setMayHelp: { body: MayHelpRequest, responses: { 200: z.object({ organisationId: z.string(), helps: z.array(z.string()) }) } },
  events: { query: EventsQuery, responses: { 200: z.array(EventView) } },
  audit: { query: AuditQuery, responses: { 200: z.array(AuditEntryView) }, csv: true },
  statsSummary: { query: StatsQuery, responses: { 200: StatsSummary }, csv: true },
  statsCounters: { query: StatsQuery, responses: { 200: z.array(CounterTime) }, csv: true },
  statsDaily: { query: StatsQuery, responses: { 200: z.array(DailyRow) }, csv: true },
  statsHeatmap: { query: StatsQuery, responses: { 200: z.array(HeatmapCell) }, csv: true },
  statsEstimates: { query: StatsQuery, responses: { 200: EstimateAccuracy }, csv: true },
  statsStaffing: { query: StaffingQuery, responses: { 200: StaffingAdvice }, csv: true },
  statsCompare: { query: CompareQuery, responses: { 200: Comparison }, csv: true },
  statsVisits: { query: VisitsQuery, responses: { 200: VisitPage }, csv: true },
  statsLive: { query: LiveQuery, responses: { 200: LiveStats }, csv: true },
  statsFeedback: { query: StatsQuery, responses: { 200: FeedbackStats }, csv: true },
  statsAppointments: { query: StatsQuery, responses: { 200: AppointmentStats }, csv: true },
  knowledgeArticles: { query: ArticleListQuery, responses: { 200: z.object({ articles: z.array(ArticleSummaryView) }) } },
  knowledgeSearch: { query: SearchQuery, responses: { 200: SearchResultView } },
  knowledgeArticle: { query: ArticleQuery, responses: { 200: ArticleView } },
  knowledgeVersions: { responses: { 200: z.object({ versions: z.array(VersionView) }) } },
  knowledgeDiff: { query: DiffQuery, responses: { 200: VersionDiffView } },
  knowledgePropose: { body: ProposeArticleRequest, responses: { 201: VersionView } },
  knowledgeFlag: { body: FlagRequest, responses: { 201: FlagView } },
  knowledgeContacts: { responses: { 200: z.object({ contacts: z.array(ContactView) }) } },
  knowledgeReview: { responses: { 200: ReviewQueueView } },
  knowledgePublish: { body: ReviewRequest, responses: { 200: ArticleView } },
  knowledgeReject: { body: ReviewRequest, responses: { 200: VersionView } },
  knowledgeRevert: { body: RevertRequest, responses: { 200: ArticleView } },
  knowledgeReviewed: { responses: { 200: ArticleView } },
  knowledgeResolveFlag: { responses: { 200: FlagView } },
  knowledgePutContact: { body: ContactConfig, responses: { 200: ContactView } },
  knowledgeDeleteContact: { responses: { 204: 'empty' } },
  knowledgeExport: { responses: { 200: KnowledgeExport } },
  knowledgeImport: {
    body: KnowledgeExport,
    responses: { 200: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), contacts: z.number().int() }) },
  },
  knowledgeFigures: { query: KnowledgeStatsQuery, responses: { 200: KnowledgeFiguresView }, csv: true },
  centralShipping: { responses: { 200: ShippingStatus } },
  adminStatus: { responses: { 200: OpsStatus } },
  backups: { responses: { 200: BackupStatus } },
  takeBackup: { responses: { 201: BackupView } },
  retention: { responses: { 200: RetentionPolicyView } },
  runRetention: { responses: { 200: RetentionPolicyView } },
  visitorData: { query: VisitorDataRequest, responses: { 200: z.array(HeldDataView) } },
  eraseVisitorData: { body: VisitorDataRequest, responses: { 200: z.array(HeldDataView) } },
  exportConfig: { responses: { 200: HallConfig } },
  importConfig: { body: HallConfig, responses: { 200: HallConfig } },
  adminServices: { responses: { 200: z.array(ServiceConfig) } },
  createService: { body: ServiceConfig, responses: { 201: ServiceConfig } },
  updateService: { body: ServiceConfig, responses: { 200: ServiceConfig } },
  deleteService: { responses: { 204: 'empty' } },
  adminCounters: { responses: { 200: z.array(CounterConfig) } },
  createCounter: { body: CounterConfig, responses: { 201: CounterConfig } },
  updateCounter: { body: CounterConfig, responses: { 200: CounterConfig } },
  deleteCounter: { responses: { 204: 'empty' } },
  checkDatabase: { responses: { 200: z.object({ ok: z.boolean(), problems: z.array(z.string()), file: z.string() }) } },
  signIns: { query: SignInsQuery, responses: { 200: SignInActivity } },
  users: { responses: { 200: z.array(AdminUserView) } },
  createUser: { body: CreateUserRequest, responses: { 201: UserView } },
  updateUser: { body: UpdateUserRequest, responses: { 200: UserView } },
  apiKeys: { responses: { 200: z.array(ApiKeyView) } },
  createApiKey: { body: CreateApiKeyRequest, responses: { 201: CreatedApiKey } },
  revokeApiKey: { responses: { 200: ApiKeyView } },
  webhooks: { responses: { 200: z.array(WebhookView) } },
  createWebhook: { body: CreateWebhookRequest, responses: { 201: CreatedWebhook } },
  updateWebhook: { body: UpdateWebhookRequest, responses: { 200: WebhookView } },
  deleteWebhook: { responses: { 204: 'empty' } },
  webhookDeliveries: { query: DeliveryQuery, responses: { 200: z.array(WebhookDeliveryView) } },
  replayDelivery: { responses: { 200: WebhookDeliveryView } },
} as const satisfies { readonly [K in RouteKey]: RouteSchema };

type Schemas = typeof ROUTE_SCHEMAS;
type JsonOf<A> = A extends z.ZodType ? z.output<A> : A extends 'empty' ? null : A extends FileAnswer ? Blob : never;
type OkOf<K extends RouteKey> = Schemas[K]['responses'] extends infer R ? { [S in keyof R]: S extends 200 | 201 | 204 ? JsonOf<R[S]> : never }[keyof R] : never;

/** What a route answers on success (JSON routes: the parsed body; 204: null). */
export type RouteResponse<K extends RouteKey> = OkOf<K>;

/** What a route takes as its JSON body (`undefined` when it takes none). */
export type RouteBody<K extends RouteKey> = Schemas[K] extends { body: infer B extends z.ZodType } ? z.input<B> : undefined;
