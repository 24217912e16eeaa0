import { z } from 'zod';
import { Language } from './vocabulary.js';

/** The knowledge base at the counter: articles, their versions, contacts (responsible desks), flags and figures. */

const Id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" or "_"');

/** A text per language, each at most `max` characters. */
function texts(max: number) {
  return z.partialRecord(Language, z.string().trim().min(1).max(max, `at most ${max} characters`));
}

export const ARTICLE_LIMITS = { title: 160, summary: 1_000, body: 20_000, bring: 2_000, fees: 1_000, contact: 1_000, legalBasis: 500 } as const;

/** What one version of an article holds. `serviceId: null` is a general article. */
export const ArticleContent = z.strictObject({
  serviceId: Id.nullable(),
  organisationId: Id,
  title: texts(ARTICLE_LIMITS.title).refine((t) => Object.keys(t).length > 0, 'needs a title in at least one language'),
  /** The short answer staff give at the counter. */
  summary: texts(ARTICLE_LIMITS.summary).default({}),
  /** The full text, Markdown (no HTML; links allowed). */
  body: texts(ARTICLE_LIMITS.body).default({}),
  /** What the visitor must bring: the service's "what to prepare" on the kiosk, ticket and status page. */
  bring: texts(ARTICLE_LIMITS.bring).default({}),
  fees: texts(ARTICLE_LIMITS.fees).default({}),
  /** Opening hours or contact of the responsible office, as free text. */
  contact: texts(ARTICLE_LIMITS.contact).default({}),
  legalBasis: z.string().trim().max(ARTICLE_LIMITS.legalBasis).default(''),
  keywords: z.array(z.string().trim().min(1).max(60)).max(40).default([]),
  /** Responsible desks from the directory. */
  contactIds: z.array(Id).max(10).default([]),
});
export type ArticleContent = z.infer<typeof ArticleContent>;
export type ArticleContentInput = z.input<typeof ArticleContent>;

export const ProposeArticleRequest = z.strictObject({
  /** Absent: a new article. */
  articleId: z.number().int().positive().optional(),
  content: ArticleContent,
  comment: z.string().trim().max(500).default(''),
});
export type ProposeArticleRequest = z.input<typeof ProposeArticleRequest>;

export const ReviewRequest = z.strictObject({ note: z.string().trim().max(500).default('') });
export const RevertRequest = z.strictObject({ version: z.number().int().positive() });
export const FlagRequest = z.strictObject({
  kind: z.enum(['wrong', 'outdated']),
  comment: z.string().trim().min(1, 'say what is wrong').max(500),
});
export type FlagRequest = z.input<typeof FlagRequest>;

export const SearchQuery = z.strictObject({
  q: z.string().max(200).default(''),
  serviceId: Id.optional(),
  lang: Language.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** The query the staff member settled on: counted in the figures (searches with no result). */
  record: z.enum(['0', '1']).optional(),
});

export const ArticleQuery = z.strictObject({
  /** Opened at a counter: counted as a use. */
  use: z.enum(['counter']).optional(),
});

export const ContactConfig = z.strictObject({
  id: Id,
  organisationId: Id,
  /** The office or desk, never a private person. */
  name: texts(160).refine((t) => Object.keys(t).length > 0, 'needs a name in at least one language'),
  topic: texts(300).default({}),
  room: z.string().trim().max(80).default(''),
  phone: z.string().trim().max(40).regex(/^[+0-9 ()/-]*$/, 'digits, spaces, + ( ) / - only').default(''),
  email: z.union([z.literal(''), z.email()]).default(''),
  hours: texts(300).default({}),
  /** Transfer in one step when the desk is a Vuoro service or counter. */
  serviceId: Id.nullable().default(null),
  counterId: Id.nullable().default(null),
});
export type ContactConfig = z.infer<typeof ContactConfig>;

export const KnowledgeExport = z.strictObject({
  format: z.literal('vuoro-knowledge-1'),
  contacts: z.array(ContactConfig).max(2_000).default([]),
  articles: z
    .array(z.strictObject({ key: z.string().max(80).optional(), content: ArticleContent }))
    .max(10_000),
});
export type KnowledgeExport = z.infer<typeof KnowledgeExport>;
export type KnowledgeExportInput = z.input<typeof KnowledgeExport>;

export const KnowledgeStatsQuery = z.strictObject({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').optional(),
  table: z.enum(['resolution', 'articles', 'missing']).default('resolution'),
  format: z.enum(['json', 'csv']).default('json'),
});

// ---------------------------------------------------------------- views

/** GET /knowledge/articles?serviceId= */
export const ArticleListQuery = z.strictObject({ serviceId: z.string().min(1).max(40).optional() });
/** GET /knowledge/versions/:id/diff?against= */
export const DiffQuery = z.strictObject({ against: z.coerce.number().int().positive().optional() });

const Texts = z.partialRecord(Language, z.string());

export const VersionState = z.enum(['proposed', 'published', 'rejected', 'superseded']);
export type VersionState = z.infer<typeof VersionState>;

export const ArticleSummaryView = z.object({
  id: z.number().int(),
  serviceId: z.string().nullable(),
  organisationId: z.string(),
  title: Texts,
  summary: Texts,
  languages: z.array(Language),
  version: z.number().int(),
  reviewOverdue: z.boolean(),
  openFlags: z.number().int(),
});
export type ArticleSummaryView = z.infer<typeof ArticleSummaryView>;

export const SearchResultView = z.object({ query: z.string(), total: z.number().int(), results: z.array(ArticleSummaryView) });
export type SearchResultView = z.infer<typeof SearchResultView>;

export const ContactView = ContactConfig.extend({
  /** Where "transfer" sends the visitor, when this desk is a Vuoro service or counter. */
  transfer: z.union([z.object({ serviceId: z.string() }), z.object({ counterId: z.string() })]).nullable(),
});
export type ContactView = z.infer<typeof ContactView>;

export const ArticleView = ArticleSummaryView.extend({
  content: ArticleContent,
  /** The body rendered to safe HTML, per language. */
  html: Texts,
  contacts: z.array(ContactView),
  publishedAt: z.number(),
  publishedBy: z.string().nullable(),
  reviewedAt: z.number(),
  pendingProposals: z.number().int(),
});
export type ArticleView = z.infer<typeof ArticleView>;

export const VersionView = z.object({
  id: z.number().int(),
  articleId: z.number().int(),
  version: z.number().int(),
  state: VersionState,
  basedOn: z.number().int().nullable(),
  content: ArticleContent,
  comment: z.string(),
  proposedBy: z.string().nullable(),
  proposedAt: z.number(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.number().nullable(),
  reviewNote: z.string(),
});
export type VersionView = z.infer<typeof VersionView>;

export const DiffPart = z.object({ value: z.string(), added: z.boolean().optional(), removed: z.boolean().optional() });
export type DiffPart = z.infer<typeof DiffPart>;

export const FieldDiff = z.object({ field: z.string(), parts: z.array(DiffPart) });
export type FieldDiff = z.infer<typeof FieldDiff>;

export const VersionDiffView = z.object({ version: VersionView, against: z.number().int().nullable(), fields: z.array(FieldDiff) });
export type VersionDiffView = z.infer<typeof VersionDiffView>;

export const FlagView = z.object({
  id: z.number().int(),
  articleId: z.number().int(),
  version: z.number().int(),
  kind: z.enum(['wrong', 'outdated']),
  comment: z.string(),
  at: z.number(),
  by: z.string().nullable(),
  resolvedAt: z.number().nullable(),
});
export type FlagView = z.infer<typeof FlagView>;

export const ReviewQueueView = z.object({
  proposals: z.array(VersionView.extend({ title: Texts, organisationId: z.string() })),
  flags: z.array(FlagView.extend({ title: Texts })),
  overdue: z.array(ArticleSummaryView),
});
export type ReviewQueueView = z.infer<typeof ReviewQueueView>;

export const ResolutionRow = z.object({
  week: z.string(),
  serviceId: z.string(),
  finished: z.number().int(),
  resolvedFirstContact: z.number().int(),
  transferredOrReferred: z.number().int(),
  resolvedWithArticle: z.number().int(),
  rate: z.number().nullable(),
});
export type ResolutionRow = z.infer<typeof ResolutionRow>;

export const ArticleUseRow = z.object({ articleId: z.number().int(), title: z.string(), opens: z.number().int(), resolved: z.number().int() });
export type ArticleUseRow = z.infer<typeof ArticleUseRow>;

export const MissingSearchRow = z.object({ week: z.string(), query: z.string(), searches: z.number().int() });
export type MissingSearchRow = z.infer<typeof MissingSearchRow>;

export const KnowledgeFiguresView = z.object({
  from: z.string(),
  to: z.string(),
  resolution: z.array(ResolutionRow),
  articles: z.array(ArticleUseRow),
  missing: z.array(MissingSearchRow),
});
export type KnowledgeFiguresView = z.infer<typeof KnowledgeFiguresView>;
