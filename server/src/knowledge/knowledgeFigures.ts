import { DomainError, addDays } from '../domain/index.js';
import { localize, type KnowledgeFiguresView } from '../protocol/index.js';
import type { Actor } from '../services/index.js';
import type { ServiceContext } from '../services/context.js';
import { canReview } from './knowledgeRules.js';

const DEFAULT_DAYS = 56;
const MAX_DAYS = 400;

/**
 * Knowledge figures per week (weeks start on Monday, hall-local): first-contact resolution per service (finished
 * visits resolved without a transfer, against those transferred or referred), the articles used most, and the
 * searches that found nothing. A supervisor of an organisation sees its services and articles only.
 */
export class KnowledgeFigures {
  constructor(
    private readonly ctx: ServiceContext,
    /** Brings the visit projection up to date before reading it. */
    private readonly catchUp: () => void,
  ) {}

  figures(actor: Actor, q: { from?: string | undefined; to?: string | undefined }): KnowledgeFiguresView {
    const hall = this.ctx.hall();
    const now = this.ctx.now();
    const to = q.to ?? hall.today(now);
    const from = q.from ?? addDays(to, -DEFAULT_DAYS + 1);
    if (from > to) throw new DomainError('validation_failed', 'from: the range must start on or before its end.');
    if (addDays(from, MAX_DAYS) < to) throw new DomainError('validation_failed', `from: a range can span at most ${MAX_DAYS} days.`);
    this.catchUp();
    const repo = this.ctx.store.knowledge;
    const visible = (serviceId: string | null) => {
      if (serviceId === null) return true;
      const org = hall.services.get(serviceId)?.organisationId;
      return org === undefined || canReview(actor, org);
    };
    const resolution = repo
      .resolution(from, to)
      .filter((r) => visible(r.service_id))
      .map((r) => ({
        week: r.week,
        serviceId: r.service_id,
        finished: r.finished,
        resolvedFirstContact: r.resolved,
        transferredOrReferred: r.transferred,
        resolvedWithArticle: r.with_article,
        rate: r.finished === 0 ? null : r.resolved / r.finished,
      }));
    const opens = repo.opens(from, to);
    const resolved = repo.resolvedWith(from, to);
    const lang = hall.defaultLanguage;
    const articles = repo
      .allPublished()
      .filter((a) => canReview(actor, a.organisation_id))
      .map((a) => {
        const title = (JSON.parse(a.content) as { title: Record<string, string> }).title;
        return { articleId: a.id, title: localize(title, lang, lang) || Object.values(title)[0] || '', opens: opens.get(a.id) ?? 0, resolved: resolved.get(a.id) ?? 0 };
      })
      .filter((a) => a.opens + a.resolved > 0)
      .sort((a, b) => b.resolved + b.opens - (a.resolved + a.opens) || a.articleId - b.articleId)
      .slice(0, 50);
    const missing = repo.missing(from, to).map((m) => ({ week: m.week, query: m.query, searches: m.n }));
    return { from, to, resolution, articles, missing };
  }
}
