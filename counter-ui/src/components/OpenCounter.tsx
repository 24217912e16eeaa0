import { useEffect, useRef, useState, type FormEvent } from 'react';
import { localize, type CounterView, type StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import type { StoredSession } from '../api/session.js';
import { useAction } from '../hooks/useAction.js';
import { useTitle } from '../hooks/useTitle.js';
import type { TakenOver } from '../hooks/useQueueSocket.js';
import { serviceName } from '../format/describe.js';
import { ErrorSummary } from './ErrorSummary.js';
import { BusyButton } from './BusyButton.js';

interface Props {
  snapshot: StaffSnapshot;
  session: StoredSession;
  takenOver: TakenOver | null;
  onDismissTakenOver(): void;
  onOpened(c: CounterView): void;
  onExpired(): void;
}

/** Pick a counter (or the roaming one) and which of its services to serve, then open it. */
export function OpenCounter({ snapshot, session, takenOver, onDismissTakenOver, onOpened, onExpired }: Props) {
  const { t, language } = useI18n();
  useTitle(t('open.title'));
  const action = useAction(onExpired);
  const [counterId, setCounterId] = useState<string | null>(null);
  const [services, setServices] = useState<string[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  /** What the last "Open counter" lacked: answered with the error summary, never a disabled button. */
  const [missing, setMissing] = useState<'counter' | 'services' | null>(null);
  const conflictRef = useRef<HTMLHeadingElement>(null);
  const counter = snapshot.counters.find((c) => c.id === counterId) ?? null;

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  // Only the services of organisations this user acts for (their own, and any they may help).
  const mine = (serviceId: string) => {
    if (snapshot.actsFor === null) return true;
    const org = snapshot.services.find((s) => s.id === serviceId)?.organisationId ?? null;
    return org === null || snapshot.actsFor.includes(org);
  };
  const counters = snapshot.counters.filter((c) => c.services.some((p) => mine(p.serviceId)));

  const choose = (c: CounterView) => {
    setCounterId(c.id);
    setServices(c.services.map((s) => s.serviceId).filter(mine));
    setConflict(null);
    setMissing(null);
    action.clearError();
  };

  const open = async (takeOver: boolean) => {
    if (!counter) return;
    const body = { services, ...(takeOver ? { takeOver: true } : {}) };
    const opened = await action.run(() => api('openCounter', session.token, { params: { id: counter.id }, body }));
    if (opened) onOpened(opened);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!counter) {
      setMissing('counter');
      return;
    }
    if (services.length === 0) {
      setMissing('services');
      return;
    }
    setMissing(null);
    await open(false);
  };

  const { failure, clearError } = action;
  useEffect(() => {
    if (failure?.code === 'counter_taken') {
      setConflict(failure.message);
      clearError();
    }
  }, [failure, clearError]);

  const stateOf = (c: CounterView) => {
    if (!c.open) return t('open.stateClosed');
    if (c.staff?.userId === session.user.id) return t('open.stateMine');
    return t('open.stateHeld', { name: c.staff?.userName ?? t('open.someone') });
  };
  const missingText = missing === 'counter' ? t('open.chooseCounter') : missing === 'services' ? t('open.noServices') : null;
  const firstCounter = snapshot.counters[0];
  const missingTarget = missing === 'counter' && firstCounter ? `counter-${firstCounter.id}` : counter?.services[0] ? `service-${counter.services[0].serviceId}` : undefined;

  return (
    <main id="main">
      {takenOver ? (
        <div className="notice notice--important" role="alert">
          <p>{t('open.takenOver', { label: takenOver.counterId, name: takenOver.by })}</p>
          <button type="button" className="button button--secondary" onClick={onDismissTakenOver}>
            {t('error.dismiss')}
          </button>
        </div>
      ) : null}
      <ErrorSummary message={action.error ?? missingText} {...(!action.error && missingTarget ? { target: missingTarget } : {})} />
      <h1>{t('open.title')}</h1>
      {conflict && counter ? (
        <section className="panel panel--choice" aria-labelledby="conflict-title">
          <h2 id="conflict-title" tabIndex={-1} ref={conflictRef}>
            {t('open.conflictTitle', { label: counter.label })}
          </h2>
          <p>{conflict}</p>
          <div className="button-row">
            <BusyButton type="button" className="button button--warning" onClick={() => void open(true)} busy={action.busy}>
              {t('open.takeOver', { label: counter.label })}
            </BusyButton>
            <button type="button" className="button button--secondary" onClick={() => setConflict(null)}>
              {t('open.pickAnother')}
            </button>
          </div>
        </section>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className={missing === 'counter' ? 'fieldset field--error' : 'fieldset'} aria-describedby={missing === 'counter' ? 'counter-error' : undefined}>
          <legend>{t('open.counterLegend')}</legend>
          {missing === 'counter' ? (
            <p className="error-message" id="counter-error">
              <span className="visually-hidden">{t('error.prefix')} </span>
              {t('open.chooseCounter')}
            </p>
          ) : null}
          <div className="choices choices--columns">
            {counters.map((c) => (
              <label key={c.id} className="choice">
                <input type="radio" id={`counter-${c.id}`} name="counter" value={c.id} checked={counterId === c.id} onChange={() => choose(c)} />
                <span>
                  <strong>
                    {c.roaming ? t('open.roamingCounter', { label: c.label }) : t('open.counterLabel', { label: c.label })}
                  </strong>
                  {c.name ? ` – ${localize(c.name, language)}` : ''}
                  <span className="hint">{stateOf(c)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {counter ? (
          <fieldset className={missing === 'services' ? 'fieldset field--error' : 'fieldset'} aria-describedby={missing === 'services' ? 'services-hint services-error' : 'services-hint'}>
            <legend>{t('open.servicesLegend', { label: counter.label })}</legend>
            <p className="hint" id="services-hint">{t('open.servicesHint')}</p>
            {missing === 'services' ? (
              <p className="error-message" id="services-error">
                <span className="visually-hidden">{t('error.prefix')} </span>
                {t('open.noServices')}
              </p>
            ) : null}
            <div className="choices choices--columns">
              {counter.services.filter((p) => mine(p.serviceId)).map((p) => (
                <label key={p.serviceId} className="choice">
                  <input
                    type="checkbox"
                    id={`service-${p.serviceId}`}
                    name="services"
                    value={p.serviceId}
                    checked={services.includes(p.serviceId)}
                    onChange={(e) =>
                      setServices((s) => (e.target.checked ? [...s, p.serviceId] : s.filter((x) => x !== p.serviceId)))
                    }
                  />
                  <span>{serviceName(snapshot.services, p.serviceId, language)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <BusyButton type="submit" className="button" busy={action.busy}>
          {counter ? t('open.submit', { label: counter.label }) : t('open.submitNone')}
        </BusyButton>
      </form>
    </main>
  );
}
