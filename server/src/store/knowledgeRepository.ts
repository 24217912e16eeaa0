import type { Db } from './database.js';

/** SQL of the knowledge base (migration 008). Every statement is prepared once. */

export interface ArticleRow {
  id: number;
  service_id: string | null;
  organisation_id: string;
  published_version: number | null;
  created_at: number;
  reviewed_at: number;
  import_key: string | null;
}

export interface VersionRow {
  id: number;
  article_id: number;
  version: number;
  state: 'proposed' | 'published' | 'rejected' | 'superseded';
  based_on: number | null;
  content: string;
  comment: string;
  proposed_by: number | null;
  proposed_at: number;
  reviewed_by: number | null;
  reviewed_at: number | null;
  review_note: string;
}

export interface PublishedRow extends ArticleRow {
  content: string;
  published_at: number;
  published_by: number | null;
  open_flags: number;
  pending: number;
}

export interface FtsColumns {
  title: string;
  keywords: string;
  summary: string;
  body: string;
  other: string;
  alt: string;
}

export interface ContactRow {
  id: string;
  organisation_id: string;
  data: string;
  updated_at: number;
}

export interface FlagRow {
  id: number;
  article_id: number;
  version: number;
  kind: 'wrong' | 'outdated';
  comment: string;
  at: number;
  user_id: number | null;
  resolved_at: number | null;
  resolved_by: number | null;
}

export interface ResolutionSqlRow {
  week: string;
  service_id: string;
  finished: number;
  resolved: number;
  transferred: number;
  with_article: number;
}

/** Monday of the week of a local date (YYYY-MM-DD). */
const WEEK = (col: string) => `date(${col}, '-' || ((CAST(strftime('%w', ${col}) AS INTEGER) + 6) % 7) || ' days')`;

const PUBLISHED = `
  SELECT a.*, v.content, v.reviewed_at AS published_at, v.reviewed_by AS published_by,
    (SELECT count(*) FROM knowledge_flags f WHERE f.article_id = a.id AND f.resolved_at IS NULL) AS open_flags,
    (SELECT count(*) FROM knowledge_versions p WHERE p.article_id = a.id AND p.state = 'proposed') AS pending
  FROM knowledge_articles a JOIN knowledge_versions v ON v.article_id = a.id AND v.version = a.published_version`;

export class KnowledgeRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      insertArticle: db.prepare<[string | null, string, number, number, string | null]>(
        'INSERT INTO knowledge_articles (service_id, organisation_id, created_at, reviewed_at, import_key) VALUES (?, ?, ?, ?, ?)',
      ),
      article: db.prepare<[number], ArticleRow>('SELECT * FROM knowledge_articles WHERE id = ?'),
      byImportKey: db.prepare<[string], ArticleRow>('SELECT * FROM knowledge_articles WHERE import_key = ?'),
      publish: db.prepare<[number, string | null, string, number, number]>(
        'UPDATE knowledge_articles SET published_version = ?, service_id = ?, organisation_id = ?, reviewed_at = ? WHERE id = ?',
      ),
      setOwner: db.prepare<[string | null, string, number]>('UPDATE knowledge_articles SET service_id = ?, organisation_id = ? WHERE id = ?'),
      touchReviewed: db.prepare<[number, number]>('UPDATE knowledge_articles SET reviewed_at = ? WHERE id = ?'),
      published: db.prepare<[number], PublishedRow>(`${PUBLISHED} WHERE a.id = ?`),
      allPublished: db.prepare<[], PublishedRow>(`${PUBLISHED} ORDER BY a.id`),
      publishedOfService: db.prepare<[string], PublishedRow>(`${PUBLISHED} WHERE a.service_id = ? ORDER BY a.id`),
      publishedByIds: db.prepare<[string], PublishedRow>(`${PUBLISHED} WHERE a.id IN (SELECT value FROM json_each(?))`),
      nextVersion: db.prepare<[number], { v: number }>('SELECT coalesce(max(version), 0) + 1 AS v FROM knowledge_versions WHERE article_id = ?'),
      insertVersion: db.prepare<[number, number, 'proposed', number | null, string, string, number | null, number]>(
        `INSERT INTO knowledge_versions (article_id, version, state, based_on, content, comment, proposed_by, proposed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      version: db.prepare<[number], VersionRow>('SELECT * FROM knowledge_versions WHERE id = ?'),
      versionByNumber: db.prepare<[number, number], VersionRow>('SELECT * FROM knowledge_versions WHERE article_id = ? AND version = ?'),
      versions: db.prepare<[number], VersionRow>('SELECT * FROM knowledge_versions WHERE article_id = ? ORDER BY version DESC'),
      review: db.prepare<[string, number | null, number, string, number]>(
        'UPDATE knowledge_versions SET state = ?, reviewed_by = ?, reviewed_at = ?, review_note = ? WHERE id = ?',
      ),
      supersede: db.prepare<[number]>("UPDATE knowledge_versions SET state = 'superseded' WHERE article_id = ? AND state = 'published'"),
      proposed: db.prepare<[], VersionRow & { organisation_id: string }>(
        `SELECT v.*, a.organisation_id FROM knowledge_versions v JOIN knowledge_articles a ON a.id = v.article_id
         WHERE v.state = 'proposed' ORDER BY v.proposed_at`,
      ),
      ftsDelete: db.prepare<[number]>('DELETE FROM knowledge_fts WHERE rowid = ?'),
      ftsInsert: db.prepare<FtsColumns & { id: number }>(
        'INSERT INTO knowledge_fts (rowid, title, keywords, summary, body, other, alt) VALUES (@id, @title, @keywords, @summary, @body, @other, @alt)',
      ),
      // Titles weigh most, then keywords, other spellings, the short answer; the count of all matches comes along.
      search: db.prepare<{ match: string; limit: number }, { id: number; total: number }>(
        `WITH m AS MATERIALIZED (
           SELECT rowid AS id, bm25(knowledge_fts, 10.0, 8.0, 3.0, 1.0, 1.0, 6.0) AS rank FROM knowledge_fts WHERE knowledge_fts MATCH @match
         )
         SELECT id, count(*) OVER () AS total FROM m ORDER BY rank LIMIT @limit`,
      ),
      contacts: db.prepare<[], ContactRow>('SELECT * FROM knowledge_contacts ORDER BY id'),
      contact: db.prepare<[string], ContactRow>('SELECT * FROM knowledge_contacts WHERE id = ?'),
      putContact: db.prepare<[string, string, string, number]>(
        `INSERT INTO knowledge_contacts (id, organisation_id, data, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET organisation_id = excluded.organisation_id, data = excluded.data, updated_at = excluded.updated_at`,
      ),
      deleteContact: db.prepare<[string]>('DELETE FROM knowledge_contacts WHERE id = ?'),
      insertFlag: db.prepare<[number, number, string, string, number, number | null]>(
        'INSERT INTO knowledge_flags (article_id, version, kind, comment, at, user_id) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      flag: db.prepare<[number], FlagRow>('SELECT * FROM knowledge_flags WHERE id = ?'),
      openFlags: db.prepare<[], FlagRow & { organisation_id: string }>(
        `SELECT f.*, a.organisation_id FROM knowledge_flags f JOIN knowledge_articles a ON a.id = f.article_id
         WHERE f.resolved_at IS NULL ORDER BY f.at`,
      ),
      resolveFlag: db.prepare<[number, number, number]>('UPDATE knowledge_flags SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL'),
      insertUse: db.prepare<[number, string, string, number | null, string | null, string | null, number | null]>(
        'INSERT INTO knowledge_uses (at, local_date, kind, article_id, service_id, query, results) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      purgeUses: db.prepare<[string]>('DELETE FROM knowledge_uses WHERE local_date < ?'),
      resolution: db.prepare<{ from: string; to: string }, ResolutionSqlRow>(
        `SELECT ${WEEK('v.local_date')} AS week, v.first_service_id AS service_id,
           count(*) AS finished,
           count(CASE WHEN v.outcome = 'resolved' AND v.transfers = 0 THEN 1 END) AS resolved,
           count(CASE WHEN v.transfers > 0 OR v.outcome = 'referred' THEN 1 END) AS transferred,
           sum(EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = v.ticket_id AND e.type = 'ticket_finished'
                       AND json_extract(e.data, '$.articleId') IS NOT NULL)) AS with_article
         FROM visits v WHERE v.local_date BETWEEN @from AND @to AND v.state = 'done' AND v.demo = 0
         GROUP BY week, v.first_service_id ORDER BY week, v.first_service_id`,
      ),
      opens: db.prepare<{ from: string; to: string }, { article_id: number; n: number }>(
        `SELECT article_id, count(*) AS n FROM knowledge_uses
         WHERE kind = 'open' AND local_date BETWEEN @from AND @to AND article_id IS NOT NULL GROUP BY article_id`,
      ),
      resolvedWith: db.prepare<{ from: string; to: string }, { article_id: number; n: number }>(
        `SELECT CAST(json_extract(e.data, '$.articleId') AS INTEGER) AS article_id, count(*) AS n
         FROM visits v JOIN events e ON e.ticket_id = v.ticket_id AND e.type = 'ticket_finished'
         WHERE v.local_date BETWEEN @from AND @to AND json_extract(e.data, '$.articleId') IS NOT NULL
         GROUP BY article_id`,
      ),
      missing: db.prepare<{ from: string; to: string }, { week: string; query: string; n: number }>(
        `SELECT ${WEEK('local_date')} AS week, query, count(*) AS n FROM knowledge_uses
         WHERE kind = 'search' AND results = 0 AND local_date BETWEEN @from AND @to
         GROUP BY week, query ORDER BY week DESC, n DESC, query LIMIT 500`,
      ),
      exists: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM knowledge_articles WHERE id = ? AND published_version IS NOT NULL'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM knowledge_articles'),
    };
  }

  insertArticle(serviceId: string | null, organisationId: string, at: number, importKey: string | null): number {
    return Number(this.s.insertArticle.run(serviceId, organisationId, at, at, importKey).lastInsertRowid);
  }

  article(id: number): ArticleRow | undefined {
    return this.s.article.get(id);
  }

  byImportKey(key: string): ArticleRow | undefined {
    return this.s.byImportKey.get(key);
  }

  articleCount(): number {
    return this.s.count.get()?.n ?? 0;
  }

  /** Whether a published article has this id. */
  isPublished(id: number): boolean {
    return (this.s.exists.get(id)?.n ?? 0) > 0;
  }

  /** Makes `version` the published one; the previous published version becomes superseded. */
  publish(articleId: number, versionId: number, version: number, owner: { serviceId: string | null; organisationId: string }, reviewedBy: number | null, at: number, note: string): void {
    this.s.supersede.run(articleId);
    this.s.review.run('published', reviewedBy, at, note, versionId);
    this.s.publish.run(version, owner.serviceId, owner.organisationId, at, articleId);
  }

  /** Keeps a new article's owner in step with its first proposal (before anything is published). */
  setOwner(articleId: number, serviceId: string | null, organisationId: string): void {
    this.s.setOwner.run(serviceId, organisationId, articleId);
  }

  reject(versionId: number, reviewedBy: number | null, at: number, note: string): void {
    this.s.review.run('rejected', reviewedBy, at, note, versionId);
  }

  touchReviewed(articleId: number, at: number): void {
    this.s.touchReviewed.run(at, articleId);
  }

  published(id: number): PublishedRow | undefined {
    return this.s.published.get(id);
  }

  allPublished(): PublishedRow[] {
    return this.s.allPublished.all();
  }

  publishedOfService(serviceId: string): PublishedRow[] {
    return this.s.publishedOfService.all(serviceId);
  }

  publishedByIds(ids: readonly number[]): PublishedRow[] {
    return this.s.publishedByIds.all(JSON.stringify(ids));
  }

  /** Adds a proposed version (publish it with `publish`). */
  addVersion(v: { articleId: number; basedOn: number | null; content: string; comment: string; by: number | null; at: number }): { id: number; version: number } {
    const version = this.s.nextVersion.get(v.articleId)?.v ?? 1;
    const id = Number(this.s.insertVersion.run(v.articleId, version, 'proposed', v.basedOn, v.content, v.comment, v.by, v.at).lastInsertRowid);
    return { id, version };
  }

  version(id: number): VersionRow | undefined {
    return this.s.version.get(id);
  }

  versionByNumber(articleId: number, version: number): VersionRow | undefined {
    return this.s.versionByNumber.get(articleId, version);
  }

  versions(articleId: number): VersionRow[] {
    return this.s.versions.all(articleId);
  }

  proposed(): (VersionRow & { organisation_id: string })[] {
    return this.s.proposed.all();
  }

  /** Replaces the article's row in the full-text index (or removes it with `null`). */
  index(articleId: number, columns: FtsColumns | null): void {
    this.s.ftsDelete.run(articleId);
    if (columns) this.s.ftsInsert.run({ id: articleId, ...columns });
  }

  /** The best `limit` articles for an FTS5 MATCH expression, and how many match in all. */
  search(match: string, limit: number): { ids: number[]; total: number } {
    const rows = this.s.search.all({ match, limit });
    return { ids: rows.map((r) => r.id), total: rows[0]?.total ?? 0 };
  }

  contacts(): ContactRow[] {
    return this.s.contacts.all();
  }

  contact(id: string): ContactRow | undefined {
    return this.s.contact.get(id);
  }

  putContact(id: string, organisationId: string, data: string, at: number): void {
    this.s.putContact.run(id, organisationId, data, at);
  }

  deleteContact(id: string): void {
    this.s.deleteContact.run(id);
  }

  addFlag(articleId: number, version: number, kind: 'wrong' | 'outdated', comment: string, at: number, userId: number | null): number {
    return Number(this.s.insertFlag.run(articleId, version, kind, comment, at, userId).lastInsertRowid);
  }

  flag(id: number): FlagRow | undefined {
    return this.s.flag.get(id);
  }

  openFlags(): (FlagRow & { organisation_id: string })[] {
    return this.s.openFlags.all();
  }

  resolveFlag(id: number, at: number, by: number): boolean {
    return this.s.resolveFlag.run(at, by, id).changes > 0;
  }

  recordUse(u: { at: number; localDate: string; kind: 'open' | 'search'; articleId?: number | null; serviceId?: string | null; query?: string | null; results?: number | null }): void {
    this.s.insertUse.run(u.at, u.localDate, u.kind, u.articleId ?? null, u.serviceId ?? null, u.query ?? null, u.results ?? null);
  }

  /** Deletes what staff opened and searched for before `localDate`. */
  purgeUses(localDate: string): number {
    return this.s.purgeUses.run(localDate).changes;
  }

  resolution(from: string, to: string): ResolutionSqlRow[] {
    return this.s.resolution.all({ from, to });
  }

  opens(from: string, to: string): Map<number, number> {
    return new Map(this.s.opens.all({ from, to }).map((r) => [r.article_id, r.n]));
  }

  /** Visits of the hall-local date range finished "resolved with this article", per article. */
  resolvedWith(from: string, to: string): Map<number, number> {
    return new Map(this.s.resolvedWith.all({ from, to }).map((r) => [r.article_id, r.n]));
  }

  missing(from: string, to: string): { week: string; query: string; n: number }[] {
    return this.s.missing.all({ from, to });
  }

  /** Runs `fn` in one immediate transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
