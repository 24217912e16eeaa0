import { useState, type FormEvent } from 'react';
import { localize, type StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import type { Period, StatsFilter } from './statsQuery.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  snapshot: StaffSnapshot;
  /** The reader's own organisation for a supervisor of one; null reads the whole hall. */
  ownOrganisation: string | null;
  staff: { userId: number; userName: string }[];
  applied: StatsFilter;
  /** The server's objections to the dates (`from`, `to`), shown next to the date fields. */
  dateErrors: { from?: string | undefined; to?: string | undefined };
  busy: boolean;
  onApply(f: StatsFilter): void;
}

const PERIODS: [Period, MessageKey][] = [
  ['day', 'stats.period.day'],
  ['week', 'stats.period.week'],
  ['month', 'stats.period.month'],
  ['custom', 'stats.period.custom'],
];

/** Period and slices. A supervisor of one organisation is offered only that organisation's services and counters. */
export function StatsFilters({ snapshot, ownOrganisation, staff, applied, dateErrors, busy, onApply }: Props) {
  const { t, language } = useI18n();
  const [f, setF] = useState<StatsFilter>(applied);
  const set = (patch: Partial<StatsFilter>) => setF((x) => ({ ...x, ...patch }));
  const organisations = snapshot.organisations.filter((o) => ownOrganisation === null || o.id === ownOrganisation);
  const org = f.organisationId || ownOrganisation;
  const services = snapshot.services.filter((s) => org === null || s.organisationId === org);
  const serviceIds = new Set(services.map((s) => s.id));
  const counters = snapshot.counters.filter((c) => org === null || c.services.some((p) => serviceIds.has(p.serviceId)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(f);
  };

  return (
    <form className="panel stats-filters" onSubmit={submit} aria-labelledby="stats-filters-title">
      <h2 id="stats-filters-title">{t('stats.filters')}</h2>
      <fieldset className="fieldset">
        <legend>{t('stats.period')}</legend>
        <div className="choices choices--inline">
          {PERIODS.map(([p, key]) => (
            <label key={p} className="choice">
              <input type="radio" name="period" value={p} checked={f.period === p} onChange={() => set({ period: p })} />
              {t(key)}
            </label>
          ))}
        </div>
      </fieldset>
      {f.period === 'custom' ? (
        <div className="inline-form">
          <div className={`field${dateErrors.from ? ' field--error' : ''}`}>
            <label htmlFor="stats-from">{t('stats.from')}</label>
            {dateErrors.from ? (
              <p className="error-message" id="stats-from-error">
                <span className="visually-hidden">{t('error.prefix')} </span>
                {dateErrors.from}
              </p>
            ) : null}
            <input
              id="stats-from"
              type="date"
              value={f.from}
              required
              aria-invalid={dateErrors.from ? true : undefined}
              aria-describedby={dateErrors.from ? 'stats-from-error' : undefined}
              onChange={(e) => set({ from: e.target.value })}
            />
          </div>
          <div className={`field${dateErrors.to ? ' field--error' : ''}`}>
            <label htmlFor="stats-to">{t('stats.to')}</label>
            {dateErrors.to ? (
              <p className="error-message" id="stats-to-error">
                <span className="visually-hidden">{t('error.prefix')} </span>
                {dateErrors.to}
              </p>
            ) : null}
            <input
              id="stats-to"
              type="date"
              value={f.to}
              required
              aria-invalid={dateErrors.to ? true : undefined}
              aria-describedby={dateErrors.to ? 'stats-to-error' : undefined}
              onChange={(e) => set({ to: e.target.value })}
            />
          </div>
        </div>
      ) : null}
      <div className="inline-form stack">
        <div className="field">
          <label htmlFor="stats-organisation">{t('stats.organisation')}</label>
          <select
            id="stats-organisation"
            value={f.organisationId}
            onChange={(e) => set({ organisationId: e.target.value, serviceId: '', counterId: '' })}
          >
            {ownOrganisation === null ? <option value="">{t('stats.all')}</option> : null}
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {localize(o.name, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stats-service">{t('stats.service')}</label>
          <select id="stats-service" value={f.serviceId} onChange={(e) => set({ serviceId: e.target.value })}>
            <option value="">{t('stats.all')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.prefix} – {localize(s.name, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stats-counter">{t('stats.counter')}</label>
          <select id="stats-counter" value={f.counterId} onChange={(e) => set({ counterId: e.target.value })}>
            <option value="">{t('stats.all')}</option>
            {counters.map((c) => (
              <option key={c.id} value={c.id}>
                {t('open.counterLabel', { label: c.label })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stats-staff">{t('stats.staff')}</label>
          <select id="stats-staff" value={f.userId} onChange={(e) => set({ userId: e.target.value })}>
            <option value="">{t('stats.all')}</option>
            {staff.map((u) => (
              <option key={u.userId} value={String(u.userId)}>
                {u.userName}
              </option>
            ))}
          </select>
        </div>
        <BusyButton type="submit" className="button" busy={busy}>
          {t('stats.apply')}
        </BusyButton>
      </div>
    </form>
  );
}
