import { DomainError } from '../domain/index.js';
import type { FeedbackReceipt, FeedbackRequest, FeedbackStatusView } from '../protocol/index.js';
import type { Store } from '../store/index.js';

/**
 * A visitor rates their finished visit once, by the status token of their ticket. The rating is an event
 * (`feedback_given`) linked to the visit, so statistics see it with the visit's service, counter and wait.
 */
export class FeedbackService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly afterCommit: () => void,
  ) {
  }

  /** Whether the visitor of this ticket may still give feedback, and what they gave. */
  status(token: string): FeedbackStatusView {
    const t = this.store.tickets.byToken(token);
    if (!t) throw new DomainError('not_found', 'This ticket link is not valid. It may have expired.');
    const given = this.store.events.forTicket(t.id).find((e) => e.type === 'feedback_given');
    const rating = given?.data?.rating;
    return {
      canGive: t.state === 'done' && given === undefined,
      given: given && typeof rating === 'number' ? { rating, at: given.at } : null,
    };
  }

  give(token: string, input: FeedbackRequest): FeedbackReceipt {
    const now = this.now();
    const receipt = this.store.transaction((): FeedbackReceipt => {
      const t = this.store.tickets.byToken(token);
      if (!t) throw new DomainError('not_found', 'This ticket link is not valid. It may have expired.');
      if (t.state !== 'done') {
        throw new DomainError('invalid_transition', 'Feedback can be given once the visit has finished.', { state: t.state });
      }
      if (this.store.events.countForTicket(t.id, 'feedback_given') > 0) throw new DomainError('conflict', 'Thank you: feedback for this visit was given already.');
      const comment = input.comment?.trim() ?? '';
      this.store.events.append({
        type: 'feedback_given',
        at: now,
        ticketId: t.id,
        serviceId: t.serviceId,
        counterId: t.counterId,
        data: { rating: input.rating, ...(comment ? { comment } : {}), language: t.language },
      });
      return { rating: input.rating, at: now };
    });
    this.afterCommit();
    return receipt;
  }
}
