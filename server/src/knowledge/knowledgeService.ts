import { DomainError, addDays, ftsMatch, normaliseSearchText } from '../domain/index.js';
import {
  ArticleContent,
  ContactConfig,
  KnowledgeExport,
  type ArticleSummaryView,
  type ArticleView,
  type FlagRequest,
  type FlagView,
  type Language,
  type LocalizedText,
  type ReviewQueueView,
  type SearchResultView,
  type VersionDiffView,
  type VersionView,
} from '../protocol/index.js';
import type { Actor, HallService } from '../services/index.js';
import { AuditTrail } from '../services/auditTrail.js';
import type { ServiceContext } from '../services/context.js';
import type { PublishedRow, VersionRow } from '../store/index.js';
import { diffContent, ftsColumns } from './articleText.js';
import { canReview, checkArticleContent, checkContact, requireReviewer } from './knowledgeRules.js';
import { contactView, flagView, parseContent, summaryView, versionView } from './knowledgeViews.js';
import { renderMarkdown } from './markdown.js';

/** What staff opened and searched for is kept this long, then deleted. */
const USES_KEPT_DAYS = 400;

export interface SearchOptions {
  serviceId?: string | undefined;
  limit: number;
  record: boolean;
}

/**
 * The knowledge base: staff read and search published articles and propose changes; supervisors of the owning
 * organisation (or a supervisor without one, or an admin) publish, reject and revert. Every version is kept.
 * A service's first published article with a "what to bring" text is that service's "what to prepare" everywhere.
 */
export class KnowledgeService {
  private purgedOn = '';
  private readonly audit: AuditTrail;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly hallService: HallService,
  ) {
    this.audit = new AuditTrail(ctx.store, ctx.now);
    this.refreshPrepareTexts();
  }

  private get repo() {
    return this.ctx.store.knowledge;
  }

  // ------------------------------------------------------------------ reading

  /** Published articles, those of `serviceId` (and general ones when `withGeneral`) or all. */
  list(serviceId?: string): ArticleSummaryView[] {
    const rows = serviceId === undefined ? this.repo.allPublished() : this.repo.publishedOfService(serviceId);
    return rows.map((r) => this.summary(r));
  }

  search(query: string, opts: SearchOptions): SearchResultView {
    const match = ftsMatch(query);
    const normalised = normaliseSearchText(query);
    let results: ArticleSummaryView[] = [];
    let total = 0;
    if (match !== null) {
      const found = this.repo.search(match, opts.limit);
      const ids = found.ids;
      total = found.total;
      const byId = new Map(this.repo.publishedByIds(ids).map((r) => [r.id, r]));
      results = ids.flatMap((id) => {
        const r = byId.get(id);
        return r ? [this.summary(r)] : [];
      });
      if (opts.serviceId !== undefined) {
        // The ticket's service first, the rest in rank order after it.
        const sid = opts.serviceId;
        results = [...results.filter((r) => r.serviceId === sid), ...results.filter((r) => r.serviceId !== sid)];
      }
    }
    if (opts.record && normalised !== '') this.recordUse({ kind: 'search', query: normalised.slice(0, 200), results: total, serviceId: opts.serviceId ?? null });
    return { query, total, results };
  }

  article(id: number, use: 'counter' | undefined): ArticleView {
    const row = this.repo.published(id);
    if (!row) throw new DomainError('not_found', `There is no published article ${id}.`);
    if (use === 'counter') this.recordUse({ kind: 'open', articleId: id, serviceId: row.service_id });
    const content = parseContent(row.content);
    const html: Partial<Record<Language, string>> = {};
    for (const [lang, md] of Object.entries(content.body) as [Language, string][]) html[lang] = renderMarkdown(md);
    const contacts = content.contactIds.flatMap((cid) => {
      const c = this.repo.contact(cid);
      return c ? [contactView(c)] : [];
    });
    return {
      ...this.summary(row),
      content,
      html,
      contacts,
      publishedAt: row.published_at,
      publishedBy: this.userName(row.published_by),
      reviewedAt: row.reviewed_at,
      pendingProposals: row.pending,
    };
  }

  history(articleId: number): VersionView[] {
    if (!this.repo.article(articleId)) throw new DomainError('not_found', `There is no article ${articleId}.`);
    return this.repo.versions(articleId).map((v) => this.versionView(v));
  }

  /** What a version changes, against `against` (a version number) or the version it was based on / the one before. */
  diff(versionId: number, against: number | undefined): VersionDiffView {
    const v = this.repo.version(versionId);
    if (!v) throw new DomainError('not_found', `There is no article version ${versionId}.`);
    const baseNumber = against ?? v.based_on ?? (v.version > 1 ? v.version - 1 : null);
    const base = baseNumber === null ? undefined : this.repo.versionByNumber(v.article_id, baseNumber);
    if (baseNumber !== null && !base) throw new DomainError('not_found', `Article ${v.article_id} has no version ${baseNumber}.`);
    return { version: this.versionView(v), against: baseNumber, fields: diffContent(base ? parseContent(base.content) : null, parseContent(v.content)) };
  }

  /** Proposals, open flags and overdue articles the reader may act on. */
  reviewQueue(actor: Actor): ReviewQueueView {
    const titles = new Map(this.repo.allPublished().map((r) => [r.id, parseContent(r.content).title]));
    return {
      proposals: this.repo
        .proposed()
        .filter((v) => canReview(actor, v.organisation_id))
        .map((v) => ({ ...this.versionView(v), title: parseContent(v.content).title, organisationId: v.organisation_id })),
      flags: this.repo
        .openFlags()
        .filter((f) => canReview(actor, f.organisation_id))
        .map((f) => ({ ...flagView(f, this.userName(f.user_id)), title: titles.get(f.article_id) ?? {} })),
      overdue: this.list().filter((a) => a.reviewOverdue && canReview(actor, a.organisationId)),
    };
  }

  // ------------------------------------------------------------------ changing

  /** Staff propose a new article or a change; nothing is visible until a supervisor publishes it. */
  propose(actor: Actor, input: { articleId?: number | undefined; content: ArticleContent; comment: string }): VersionView {
    this.check(input.content);
    const now = this.ctx.now();
    const row = this.repo.transaction(() => {
      let articleId = input.articleId;
      let basedOn: number | null = null;
      if (articleId === undefined) {
        // Every article gets a key of its own, so an export can be imported again (here or in another hall).
        articleId = this.repo.insertArticle(input.content.serviceId, input.content.organisationId, now, `a-${this.ctx.token(12)}`);
      } else {
        const a = this.repo.article(articleId);
        if (!a) throw new DomainError('not_found', `There is no article ${articleId}.`);
        basedOn = a.published_version;
        if (a.published_version === null) this.repo.setOwner(a.id, input.content.serviceId, input.content.organisationId);
        else if (a.organisation_id !== input.content.organisationId && !canReview(actor, a.organisation_id)) {
          throw new DomainError('forbidden', 'Only a supervisor of the owning organisation can give an article to another organisation.');
        }
      }
      const { id } = this.repo.addVersion({ articleId, basedOn, content: JSON.stringify(input.content), comment: input.comment, by: actor.userId, at: now });
      return this.repo.version(id);
    });
    if (!row) throw new Error('the new version vanished');
    return this.versionView(row);
  }

  publish(actor: Actor, versionId: number, note: string): ArticleView {
    const now = this.ctx.now();
    const articleId = this.repo.transaction(() => {
      const v = this.pending(versionId);
      const a = this.repo.article(v.article_id);
      if (!a) throw new DomainError('not_found', `There is no article ${v.article_id}.`);
      const content = parseContent(v.content);
      requireReviewer(actor, a.organisation_id);
      requireReviewer(actor, content.organisationId);
      this.check(content);
      const before = a.published_version === null ? null : this.repo.versionByNumber(a.id, a.published_version);
      this.makePublished(a.id, v, content, actor.userId, now, note);
      this.audit.record(actor, 'knowledge.publish', `article:${a.id}`, before ? { version: before.version, content: JSON.parse(before.content) } : null, { version: v.version, content, note });
      return a.id;
    });
    this.refreshPrepareTexts();
    return this.article(articleId, undefined);
  }

  reject(actor: Actor, versionId: number, note: string): VersionView {
    const now = this.ctx.now();
    return this.repo.transaction(() => {
      const v = this.pending(versionId);
      const a = this.repo.article(v.article_id);
      requireReviewer(actor, a?.organisation_id ?? '');
      this.repo.reject(v.id, actor.userId, now, note);
      this.audit.record(actor, 'knowledge.reject', `article:${v.article_id}`, null, { version: v.version, note });
      const after = this.repo.version(v.id);
      if (!after) throw new Error('the version vanished');
      return this.versionView(after);
    });
  }

  /** Publishes a copy of an earlier version as the newest one; history is never rewritten. */
  revert(actor: Actor, articleId: number, version: number): ArticleView {
    const now = this.ctx.now();
    this.repo.transaction(() => {
      const a = this.repo.article(articleId);
      if (!a) throw new DomainError('not_found', `There is no article ${articleId}.`);
      requireReviewer(actor, a.organisation_id);
      const old = this.repo.versionByNumber(articleId, version);
      if (!old || old.state === 'proposed') throw new DomainError('not_found', `Article ${articleId} has no earlier version ${version} to go back to.`);
      if (a.published_version === version) throw new DomainError('conflict', `Version ${version} is the published one already.`);
      const content = parseContent(old.content);
      requireReviewer(actor, content.organisationId);
      this.check(content);
      const { id } = this.repo.addVersion({ articleId, basedOn: a.published_version, content: old.content, comment: `Back to version ${version}`, by: actor.userId, at: now });
      const v = this.repo.version(id);
      if (!v) throw new Error('the new version vanished');
      this.makePublished(articleId, v, content, actor.userId, now, `Back to version ${version}`);
      this.audit.record(actor, 'knowledge.revert', `article:${articleId}`, { version: a.published_version }, { version: v.version, copyOf: version });
    });
    this.refreshPrepareTexts();
    return this.article(articleId, undefined);
  }

  /** A supervisor confirms the article is still right: the review clock starts again. */
  markReviewed(actor: Actor, articleId: number): ArticleView {
    const a = this.repo.article(articleId);
    if (!a || a.published_version === null) throw new DomainError('not_found', `There is no published article ${articleId}.`);
    requireReviewer(actor, a.organisation_id);
    this.repo.transaction(() => {
      this.repo.touchReviewed(articleId, this.ctx.now());
      this.audit.record(actor, 'knowledge.reviewed', `article:${articleId}`, { reviewedAt: a.reviewed_at }, { reviewedAt: this.ctx.now() });
    });
    return this.article(articleId, undefined);
  }

  flag(actor: Actor, articleId: number, input: FlagRequest): FlagView {
    const a = this.repo.article(articleId);
    if (!a || a.published_version === null) throw new DomainError('not_found', `There is no published article ${articleId}.`);
    const id = this.repo.addFlag(articleId, a.published_version, input.kind, input.comment, this.ctx.now(), actor.userId);
    const f = this.repo.flag(id);
    if (!f) throw new Error('the flag vanished');
    return flagView(f, actor.name);
  }

  resolveFlag(actor: Actor, flagId: number): FlagView {
    const f = this.repo.flag(flagId);
    if (!f) throw new DomainError('not_found', `There is no flag ${flagId}.`);
    const a = this.repo.article(f.article_id);
    requireReviewer(actor, a?.organisation_id ?? '');
    this.repo.transaction(() => {
      if (!this.repo.resolveFlag(flagId, this.ctx.now(), actor.userId)) throw new DomainError('conflict', 'This flag was resolved already.');
      this.audit.record(actor, 'knowledge.flag-resolve', `article:${f.article_id}`, { flag: f.id, comment: f.comment }, null);
    });
    const after = this.repo.flag(flagId);
    if (!after) throw new Error('the flag vanished');
    return flagView(after, this.userName(after.user_id));
  }

  // ------------------------------------------------------------------ import / export

  export(): KnowledgeExport {
    return {
      format: 'vuoro-knowledge-1',
      contacts: this.repo.contacts().map((c) => ContactConfig.parse(JSON.parse(c.data))),
      articles: this.repo.allPublished().map((r) => ({ ...(r.import_key === null ? {} : { key: r.import_key }), content: parseContent(r.content) })),
    };
  }

  /**
   * Imports contacts and articles, published at once (an admin's act). An article with a known `key` gets a new
   * version when its content differs; everything is checked first, and one bad article changes nothing.
   */
  import(actor: Actor, input: KnowledgeExport): { created: number; updated: number; unchanged: number; contacts: number } {
    if (actor.role !== 'admin') throw new DomainError('forbidden', 'Importing articles needs the admin role.');
    for (const c of input.contacts) checkContact(this.ctx.hall(), c);
    const known = new Set([...this.repo.contacts().map((c) => c.id), ...input.contacts.map((c) => c.id)]);
    input.articles.forEach((a, i) => this.check(a.content, `articles.${i}.content.`, known));
    const now = this.ctx.now();
    const result = this.repo.transaction(() => {
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const c of input.contacts) this.repo.putContact(c.id, c.organisationId, JSON.stringify(c), now);
      for (const a of input.articles) {
        const json = JSON.stringify(a.content);
        const existing = a.key === undefined ? undefined : this.repo.byImportKey(a.key);
        const current = existing ? this.repo.published(existing.id) : undefined;
        if (current && current.content === json) {
          unchanged += 1;
          continue;
        }
        const articleId = existing?.id ?? this.repo.insertArticle(a.content.serviceId, a.content.organisationId, now, a.key ?? `a-${this.ctx.token(12)}`);
        const { id } = this.repo.addVersion({ articleId, basedOn: existing?.published_version ?? null, content: json, comment: 'Imported', by: actor.userId, at: now });
        const v = this.repo.version(id);
        if (!v) throw new Error('the new version vanished');
        this.makePublished(articleId, v, a.content, actor.userId, now, 'Imported');
        if (existing) updated += 1;
        else created += 1;
      }
      const result = { created, updated, unchanged, contacts: input.contacts.length };
      if (actor.userId !== 0) this.audit.record(actor, 'knowledge.import', null, null, result);
      return result;
    });
    this.refreshPrepareTexts();
    return result;
  }

  /** The demo hall's articles, on a database that has none yet. */
  seedDemo(data: unknown): void {
    if (this.repo.articleCount() > 0) return;
    const parsed = KnowledgeExport.parse(data);
    this.import({ userId: 0, name: 'Vuoro', role: 'admin', organisationId: null }, parsed);
  }

  // ------------------------------------------------------------------ internals

  private makePublished(articleId: number, v: VersionRow, content: ArticleContent, by: number | null, now: number, note: string): void {
    this.repo.publish(articleId, v.id, v.version, { serviceId: content.serviceId, organisationId: content.organisationId }, by, now, note);
    const service = content.serviceId === null ? undefined : this.ctx.hall().services.get(content.serviceId);
    this.repo.index(articleId, ftsColumns(content, service?.name));
  }

  private pending(versionId: number): VersionRow {
    const v = this.repo.version(versionId);
    if (!v) throw new DomainError('not_found', `There is no article version ${versionId}.`);
    if (v.state !== 'proposed') throw new DomainError('conflict', `Version ${v.version} of article ${v.article_id} was ${v.state} already.`);
    return v;
  }

  /** See `checkArticleContent`; the known contacts are the directory's unless given (an import's). */
  private check(c: ArticleContent, prefix = 'content.', contacts?: ReadonlySet<string>): void {
    checkArticleContent(this.ctx.hall(), c, prefix, () => contacts ?? new Set(this.repo.contacts().map((x) => x.id)));
  }

  /** Recomputes each service's "what to prepare" from the published articles. */
  refreshPrepareTexts(): void {
    const texts = new Map<string, LocalizedText>();
    for (const r of this.repo.allPublished()) {
      if (r.service_id === null || texts.has(r.service_id)) continue;
      const bring = parseContent(r.content).bring;
      if (Object.keys(bring).length > 0) texts.set(r.service_id, bring);
    }
    this.hallService.setPrepareTexts(texts);
  }

  private recordUse(u: { kind: 'open' | 'search'; articleId?: number; serviceId?: string | null; query?: string; results?: number }): void {
    const now = this.ctx.now();
    const today = this.ctx.hall().today(now);
    if (this.purgedOn !== today) {
      this.purgedOn = today;
      this.repo.purgeUses(addDays(today, -USES_KEPT_DAYS));
    }
    this.repo.recordUse({ at: now, localDate: today, ...u });
  }

  private summary(r: PublishedRow): ArticleSummaryView {
    return summaryView(r, this.ctx.now(), this.ctx.hall().config.knowledge.reviewAfterDays);
  }

  private versionView(v: VersionRow): VersionView {
    return versionView(v, (id) => this.userName(id));
  }

  private userName(id: number | null): string | null {
    if (id === null) return null;
    if (id === 0) return 'Vuoro';
    return this.ctx.store.users.byId(id)?.displayName ?? null;
  }
}
