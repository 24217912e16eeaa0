import { DomainError } from '../domain/index.js';
import type { ArticleContent, ContactConfig } from '../protocol/index.js';
import type { Actor } from '../services/index.js';
import type { HallModel } from '../services/hallModel.js';
import { markdownProblems } from './markdown.js';

/**
 * The rules of the knowledge base: who may review an organisation's articles and desks, and what an article's content
 * or a desk of the directory must meet beyond its schema.
 */

/** An admin, a supervisor without an organisation, or a supervisor of the owning organisation. */
export function canReview(actor: Actor, organisationId: string): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'supervisor') return false;
  return actor.organisationId === null || actor.organisationId === organisationId;
}

export function requireReviewer(actor: Actor, organisationId: string): void {
  if (!canReview(actor, organisationId)) {
    throw new DomainError('forbidden', `Only a supervisor of the organisation "${organisationId}" can do this.`);
  }
}

/**
 * Rules a content must meet beyond its schema: known service, organisation and contacts; clean Markdown.
 * `contacts` is asked for only when everything else is right.
 */
export function checkArticleContent(hall: HallModel, c: ArticleContent, prefix: string, contacts: () => ReadonlySet<string>): void {
  if (c.serviceId !== null) {
    const s = hall.services.get(c.serviceId);
    if (!s) throw new DomainError('unknown_service', `There is no service "${c.serviceId}".`, { path: `${prefix}serviceId` });
    if (s.organisationId !== undefined && s.organisationId !== c.organisationId) {
      throw invalid(`${prefix}organisationId`, `the service "${c.serviceId}" belongs to "${s.organisationId}"`);
    }
  }
  const orgs = hall.config.organisations;
  if (orgs.length > 0 && !orgs.some((o) => o.id === c.organisationId)) throw invalid(`${prefix}organisationId`, `there is no organisation "${c.organisationId}"`);
  for (const [lang, md] of Object.entries(c.body)) {
    const problems = markdownProblems(md);
    if (problems.length > 0) throw invalid(`${prefix}body.${lang}`, problems.join('; '));
  }
  const known = contacts();
  const unknown = c.contactIds.find((id) => !known.has(id));
  if (unknown !== undefined) throw invalid(`${prefix}contactIds`, `there is no contact "${unknown}"`);
}

/** A desk of the directory names a known service, counter and organisation. */
export function checkContact(hall: HallModel, c: ContactConfig): void {
  if (c.serviceId !== null && !hall.services.has(c.serviceId)) throw new DomainError('unknown_service', `There is no service "${c.serviceId}".`);
  if (c.counterId !== null && !hall.counters.has(c.counterId)) throw new DomainError('unknown_counter', `There is no counter "${c.counterId}".`);
  const orgs = hall.config.organisations;
  if (orgs.length > 0 && !orgs.some((o) => o.id === c.organisationId)) throw invalid('organisationId', `there is no organisation "${c.organisationId}"`);
}

function invalid(path: string, message: string): DomainError {
  return new DomainError('validation_failed', `${path}: ${message}`, { issues: [{ path, message }] });
}
