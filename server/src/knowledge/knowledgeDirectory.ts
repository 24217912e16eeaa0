import { DomainError } from '../domain/index.js';
import type { ContactConfig, ContactView } from '../protocol/index.js';
import type { Actor } from '../services/index.js';
import { AuditTrail } from '../services/auditTrail.js';
import type { ServiceContext } from '../services/context.js';
import { checkContact, requireReviewer } from './knowledgeRules.js';
import { contactView } from './knowledgeViews.js';

/**
 * The knowledge base's directory of responsible desks: staff read it (an article names its desks, a counter transfers
 * to one); supervisors of the owning organisation (or without one, or an admin) create, replace and delete desks,
 * each change audited.
 */
export class KnowledgeDirectory {
  private readonly audit: AuditTrail;

  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditTrail(ctx.store, ctx.now);
  }

  private get repo() {
    return this.ctx.store.knowledge;
  }

  contacts(): ContactView[] {
    return this.repo.contacts().map(contactView);
  }

  putContact(actor: Actor, contact: ContactConfig): ContactView {
    const existing = this.repo.contact(contact.id);
    if (existing) requireReviewer(actor, existing.organisation_id);
    requireReviewer(actor, contact.organisationId);
    checkContact(this.ctx.hall(), contact);
    this.repo.transaction(() => {
      this.repo.putContact(contact.id, contact.organisationId, JSON.stringify(contact), this.ctx.now());
      this.audit.record(actor, 'knowledge.contact', contact.id, existing ? JSON.parse(existing.data) : null, contact);
    });
    return contactView({ id: contact.id, organisation_id: contact.organisationId, data: JSON.stringify(contact), updated_at: this.ctx.now() });
  }

  deleteContact(actor: Actor, id: string): void {
    const existing = this.repo.contact(id);
    if (!existing) throw new DomainError('not_found', `There is no contact "${id}".`);
    requireReviewer(actor, existing.organisation_id);
    this.repo.transaction(() => {
      this.repo.deleteContact(id);
      this.audit.record(actor, 'knowledge.contact', id, JSON.parse(existing.data), null);
    });
  }
}
