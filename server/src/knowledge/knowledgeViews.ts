import { reviewOverdue } from '../domain/index.js';
import { ArticleContent, ContactConfig, type ArticleSummaryView, type ContactView, type FlagView, type VersionView } from '../protocol/index.js';
import type { ContactRow, PublishedRow, VersionRow } from '../store/index.js';
import { articleLanguages } from './articleText.js';

/** The knowledge base's stored rows as the API shows them. */

export function parseContent(json: string): ArticleContent {
  return ArticleContent.parse(JSON.parse(json));
}

/** Stored content was validated when written; lists read it without validating again (search answers fast). */
export function readContent(json: string): ArticleContent {
  return JSON.parse(json) as ArticleContent;
}

/** A published article in a list; its review is overdue `reviewAfterDays` after the last one (at `now`). */
export function summaryView(r: PublishedRow, now: number, reviewAfterDays: number): ArticleSummaryView {
  const c = readContent(r.content);
  return {
    id: r.id,
    serviceId: r.service_id,
    organisationId: r.organisation_id,
    title: c.title,
    summary: c.summary,
    languages: articleLanguages(c),
    version: r.published_version ?? 0,
    reviewOverdue: reviewOverdue(r.reviewed_at, now, reviewAfterDays),
    openFlags: r.open_flags,
  };
}

export function contactView(r: ContactRow): ContactView {
  const c = ContactConfig.parse(JSON.parse(r.data));
  const transfer = c.counterId !== null ? { counterId: c.counterId } : c.serviceId !== null ? { serviceId: c.serviceId } : null;
  return { ...c, transfer };
}

export function flagView(f: { id: number; article_id: number; version: number; kind: 'wrong' | 'outdated'; comment: string; at: number; resolved_at: number | null }, by: string | null): FlagView {
  return { id: f.id, articleId: f.article_id, version: f.version, kind: f.kind, comment: f.comment, at: f.at, by, resolvedAt: f.resolved_at };
}

/** A version with its proposer's and reviewer's names (`userName`). */
export function versionView(v: VersionRow, userName: (id: number | null) => string | null): VersionView {
  return {
    id: v.id,
    articleId: v.article_id,
    version: v.version,
    state: v.state,
    basedOn: v.based_on,
    content: parseContent(v.content),
    comment: v.comment,
    proposedBy: userName(v.proposed_by),
    proposedAt: v.proposed_at,
    reviewedBy: userName(v.reviewed_by),
    reviewedAt: v.reviewed_at,
    reviewNote: v.review_note,
  };
}
