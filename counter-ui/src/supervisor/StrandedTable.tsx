import { localize, strandedTickets, type CounterView, type StaffSnapshot, type TicketView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  snapshot: StaffSnapshot;
  token: string;
  runner: ActionRunner;
}

/** An open counter to take a service into its work: one of the service's organisation first, the roaming point next. */
function helperFor(snapshot: StaffSnapshot, serviceId: string): CounterView | undefined {
  const org = snapshot.services.find((s) => s.id === serviceId)?.organisationId ?? null;
  const open = snapshot.counters.filter((c) => c.open);
  const servesOrg = (c: CounterView) =>
    c.services.some((p) => (snapshot.services.find((s) => s.id === p.serviceId)?.organisationId ?? null) === org);
  return open.find(servesOrg) ?? open.find((c) => c.roaming);
}

/**
 * Waiting tickets that no open counter can call (protocol/stranded.ts), each with a one-click fix: a ticket sent to a
 * closed counter goes back to its service's queue; a service no open counter serves is added to an open counter's work.
 */
export function StrandedTable({ snapshot, token, runner }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const stranded = strandedTickets(snapshot.tickets, snapshot.counters);
  const serviceName = (id: string) => {
    const s = snapshot.services.find((x) => x.id === id);
    return s ? localize(s.name, language) : id;
  };

  const backToQueue = async (ticket: TicketView) => {
    const r = await runner.run(() => api('ticketService', token, { params: { id: ticket.id }, body: { serviceId: ticket.serviceId } }));
    if (r) announce(t('sup.strandedFixedQueue', { number: ticket.number, service: serviceName(ticket.serviceId) }));
  };
  const addToCounter = async (ticket: TicketView, counter: CounterView) => {
    const services = [...counter.services.map((p) => ({ serviceId: p.serviceId, weight: p.weight })), { serviceId: ticket.serviceId, weight: 1 }];
    const r = await runner.run(() => api('setProfile', token, { params: { id: counter.id }, body: { services } }));
    if (r) announce(t('sup.strandedFixedCounter', { service: serviceName(ticket.serviceId), label: counter.label }));
  };

  return (
    <section className="panel" aria-labelledby="sup-stranded-title" data-testid="sup-stranded">
      <h2 id="sup-stranded-title">{t('sup.stranded', { count: stranded.length })}</h2>
      {stranded.length === 0 ? (
        <p>{t('sup.strandedNone')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('sup.strandedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.number')}</th>
                <th scope="col">{t('queue.service')}</th>
                <th scope="col">{t('sup.strandedWhy')}</th>
                <th scope="col">{t('sup.strandedFix')}</th>
              </tr>
            </thead>
            <tbody>
              {stranded.map(({ ticket, reason }) => {
                const helper = reason === 'no-open-counter' ? helperFor(snapshot, ticket.serviceId) : undefined;
                const target = snapshot.counters.find((c) => c.id === ticket.targetCounterId);
                return (
                  <tr key={ticket.id} data-testid={`sup-stranded-${ticket.number}`}>
                    <th scope="row">{ticket.number}</th>
                    <td>{serviceName(ticket.serviceId)}</td>
                    <td>
                      {reason === 'counter-closed'
                        ? t('sup.strandedCounterClosed', { label: target?.label ?? ticket.targetCounterId ?? '' })
                        : t('sup.strandedNoCounter')}
                    </td>
                    <td>
                      {reason === 'counter-closed' ? (
                        <BusyButton type="button" className="button button--secondary" busy={runner.busy} onClick={() => void backToQueue(ticket)}>
                          {t('sup.strandedBackToQueue', { service: serviceName(ticket.serviceId) })}
                        </BusyButton>
                      ) : helper ? (
                        <BusyButton type="button" className="button button--secondary" busy={runner.busy} onClick={() => void addToCounter(ticket, helper)}>
                          {t('sup.strandedAddToCounter', { service: serviceName(ticket.serviceId), label: helper.label })}
                        </BusyButton>
                      ) : (
                        t('sup.strandedOpenCounter')
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
