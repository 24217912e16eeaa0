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

export type VersionState = 'proposed' | 'published' | 'rejected' | 'superseded';

export interface ArticleSummaryView {
  id: number;
  serviceId: string | null;
  organisationId: string;
  title: Partial<Record<Language, string>>;
  summary: Partial<Record<Language, string>>;
  languages: Language[];
  version: number;
  reviewOverdue: boolean;
  openFlags: number;
}

export interface SearchResultView {
  query: string;
  total: number;
  results: ArticleSummaryView[];
}

export interface ContactView extends ContactConfig {
  /** Where "transfer" sends the visitor, when this desk is a Vuoro service or counter. */
  transfer: { serviceId: string } | { counterId: string } | null;
}

export interface ArticleView extends ArticleSummaryView {
  content: ArticleContent;
  /** The body rendered to safe HTML, per language. */
  html: Partial<Record<Language, string>>;
  contacts: ContactView[];
  publishedAt: number;
  publishedBy: string | null;
  reviewedAt: number;
  pendingProposals: number;
}

export interface VersionView {
  id: number;
  articleId: number;
  version: number;
  state: VersionState;
  basedOn: number | null;
  content: ArticleContent;
  comment: string;
  proposedBy: string | null;
  proposedAt: number;
  reviewedBy: string | null;
  reviewedAt: number | null;
  reviewNote: string;
}

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface FieldDiff {
  field: string;
  parts: DiffPart[];
}

export interface VersionDiffView {
  version: VersionView;
  against: number | null;
  fields: FieldDiff[];
}

export interface FlagView {
  id: number;
  articleId: number;
  version: number;
  kind: 'wrong' | 'outdated';
  comment: string;
  at: number;
  by: string | null;
  resolvedAt: number | null;
}

export interface ReviewQueueView {
  proposals: (VersionView & { title: Partial<Record<Language, string>>; organisationId: string })[];
  flags: (FlagView & { title: Partial<Record<Language, string>> })[];
  overdue: ArticleSummaryView[];
}

export interface ResolutionRow {
  week: string;
  serviceId: string;
  finished: number;
  resolvedFirstContact: number;
  transferredOrReferred: number;
  resolvedWithArticle: number;
  rate: number | null;
}

export interface ArticleUseRow {
  articleId: number;
  title: string;
  opens: number;
  resolved: number;
}

export interface MissingSearchRow {
  week: string;
  query: string;
  searches: number;
}

export interface KnowledgeFiguresView {
  from: string;
  to: string;
  resolution: ResolutionRow[];
  articles: ArticleUseRow[];
  missing: MissingSearchRow[];
}
