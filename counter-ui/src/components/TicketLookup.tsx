import { forwardRef, useState, type FormEvent } from 'react';
import { localize, type CounterView, type StaffSnapshot, type TicketView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { minutesBetween, needsText, serviceName, stateText, waitedText } from '../format/describe.js';
import { useAnnouncer } from './LiveAnnouncer.js';
import { BusyButton } from './BusyButton.js';

interface Props {
  snapshot: StaffSnapshot;
  counter: CounterView;
  token: string;
  now: number;
  canServe: boolean;
  runner: ActionRunner;
  patchTicket(t: TicketView): void;
  onServe(t: TicketView): void;
  /** Says why serving is not possible now (its button was pressed): `label` is the button's name. */
  onUnavailable(label: string): void;
}

/** Roaming: find a visitor's ticket by its number, add a note, move it to another service, or serve it here. */
export const TicketLookup = forwardRef<HTMLInputElement, Props>(function TicketLookup(
  { snapshot, counter, token, now, canServe, runner, patchTicket, onServe, onUnavailable },
  ref,
) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [query, setQuery] = useState('');
  const [foundId, setFoundId] = useState<number | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [serviceId, setServiceId] = useState('');
  const ticket = snapshot.tickets.find((x) => x.id === foundId) ?? null;

  const find = (e: FormEvent) => {
    e.preventDefault();
    const wanted = query.trim().toUpperCase();
    const hit = snapshot.tickets.find((x) => x.number.toUpperCase() === wanted);
    setFoundId(hit?.id ?? null);
    setNotFound(hit ? null : t('lookup.notFound', { number: wanted || '–' }));
    if (hit) {
      setNote(hit.note ?? '');
      setServiceId(hit.serviceId);
      announce(t('lookup.found', { number: hit.number, state: stateText(t, hit.state) }));
    }
  };

  const save = async (change: { note: string } | { serviceId: string }, done: (x: TicketView) => string) => {
    if (!ticket) return;
    const params = { id: ticket.id };
    const r = await runner.run(() => ('note' in change ? api('ticketNote', token, { params, body: change }) : api('ticketService', token, { params, body: change })));
    if (!r) return;
    patchTicket(r);
    announce(done(r));
  };

  return (
    <section className="panel lookup" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('lookup.title')}</h2>
      <form className="inline-form" onSubmit={find} role="search" aria-label={t('lookup.title')}>
        <div className="field">
          <label htmlFor="lookup-number">{t('lookup.label')}</label>
          <input
            id="lookup-number"
            ref={ref}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={notFound ? 'lookup-error' : undefined}
          />
        </div>
        <button type="submit" className="button">
          {t('lookup.find')}
        </button>
      </form>
      {notFound ? (
        <p id="lookup-error" className="error-message">
          {notFound}
        </p>
      ) : null}
      {ticket ? (
        <div className="lookup__result" data-testid="lookup-result">
          <h3>
            {ticket.number} – {stateText(t, ticket.state)}
          </h3>
          <p>
            {serviceName(snapshot.services, ticket.serviceId, language)} ·{' '}
            {waitedText(t, minutesBetween(ticket.queuedAt, ticket.calledAt ?? now))}
            {ticket.needs.length > 0 ? ` · ${needsText(t, ticket.needs, language)}` : ''}
          </p>
          {ticket.state === 'waiting' ? (
            <BusyButton
              type="button"
              className="button"
              busy={runner.busy}
              unavailable={!canServe}
              onUnavailableClick={() => onUnavailable(t('lookup.serveHere', { number: ticket.number, label: counter.label }))}
              onClick={() => onServe(ticket)}
            >
              {t('lookup.serveHere', { number: ticket.number, label: counter.label })}
            </BusyButton>
          ) : null}
          <form className="stack" onSubmit={(e) => (e.preventDefault(), void save({ note: note.trim() }, (x) => t('lookup.noteSaved', { number: x.number })))}>
            <div className="field">
              <label htmlFor="lookup-note">{t('lookup.note')}</label>
              <textarea id="lookup-note" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
            <BusyButton type="submit" className="button button--secondary" busy={runner.busy}>
              {t('lookup.saveNote')}
            </BusyButton>
          </form>
          {ticket.state === 'waiting' ? (
            <form
              className="stack"
              onSubmit={(e) => (
                e.preventDefault(),
                void save({ serviceId }, (x) => t('lookup.serviceChanged', { number: x.number, service: serviceName(snapshot.services, x.serviceId, language) }))
              )}
            >
              <div className="field">
                <label htmlFor="lookup-service">{t('lookup.service')}</label>
                <select id="lookup-service" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
                  {snapshot.services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.prefix} – {localize(s.name, language)}
                    </option>
                  ))}
                </select>
              </div>
              <BusyButton
                type="submit"
                className="button button--secondary"
                busy={runner.busy}
                unavailable={serviceId === ticket.serviceId}
                onUnavailableClick={() => announce(t('lookup.sameService', { number: ticket.number, service: serviceName(snapshot.services, ticket.serviceId, language) }))}
              >
                {t('lookup.changeService')}
              </BusyButton>
            </form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
});
