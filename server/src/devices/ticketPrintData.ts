import type { TicketPrintData } from '@vuoro/drivers';
import type { Ticket } from '../domain/index.js';
import { localize } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { issuedAtText, needsLine, TICKET_TEXT } from './ticketText.js';

/** The status page of a ticket, printed as a QR code: `${origin}/t/<statusToken>`. */
export function statusUrl(origin: string, statusToken: string): string {
  return `${origin.replace(/\/+$/, '')}/t/${encodeURIComponent(statusToken)}`;
}

/**
 * What a ticket says on paper, in the visitor's language: hall, number, service,
 * local issue time, people ahead and the estimate as the kiosk showed them, what
 * to prepare, needs and the QR link to the status page.
 */
export function ticketPrintData(s: Services, ticket: Ticket, origin: string): TicketPrintData {
  const hall = s.hall.current();
  const language = ticket.language;
  const fallback = hall.config.hall.defaultLanguage;
  const text = TICKET_TEXT[language];
  const service = hall.services.get(ticket.serviceId);
  const status = s.views.visitorStatus(ticket);

  let aheadText: string;
  let estimateText: string;
  if (status.position === null) {
    aheadText = text.notWaiting;
    estimateText = '';
  } else {
    aheadText = text.ahead(status.position);
    estimateText = status.estimatedWaitMinutes === null ? text.estimateUnknown : text.estimate(status.estimatedWaitMinutes);
  }

  const data: TicketPrintData = {
    hallName: localize(hall.config.hall.name, language, fallback),
    number: ticket.number,
    serviceName: localize(service?.name, language, fallback) || ticket.serviceId,
    issuedAtText: issuedAtText(ticket.issuedAt, hall.config.hall.timeZone, language),
    aheadText,
    estimateText,
    qrUrl: statusUrl(origin, ticket.statusToken),
    footerText: text.footer,
  };
  const prepare = localize(hall.prepareOf(ticket.serviceId), language, fallback);
  if (prepare) data.prepareText = prepare;
  const needs = needsLine(ticket.needs, language);
  if (needs) data.needsText = needs;
  return data;
}
