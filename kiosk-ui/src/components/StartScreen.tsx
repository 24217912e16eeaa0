import { useEffect, useRef } from 'react';
import { localize, type Language, type PublicSnapshot, type ServiceStatus } from '@vuoro/server/protocol';
import type { Translate } from '../i18n/catalogs';
import { speakAttr } from '../speech/speakAttr';
import { useScreen } from '../hooks/useScreen';
import { LanguagePicker } from './LanguagePicker';
import { ServiceButton } from './ServiceButton';

interface Props {
  snapshot: PublicSnapshot;
  lang: Language;
  t: Translate;
  error: string | null;
  /** The kiosk's printer cannot print: say so before the visitor chooses. */
  printerTrouble: boolean;
  /** Services per page when they cannot all fit on the screen (useFit); null shows all. */
  perPage: number | null;
  /** The page shown (held by the app, so a page change is laid out again). */
  page: number;
  onPage(page: number): void;
  onLanguage(lang: Language): void;
  onChoose(service: ServiceStatus): void;
  /** "I have an appointment": shown when a service offered here takes appointments. */
  onAppointment(): void;
  onUnavailable(): void;
}

/** The hall's name, the language choice and the services, grouped by organisation when several share the hall. */
export function StartScreen({ snapshot, lang, t, error, printerTrouble, perPage, page, onPage, onLanguage, onChoose, onAppointment, onUnavailable }: Props) {
  const heading = useScreen<HTMLHeadingElement>(`${t('start.title')} – ${t('app.title')}`, `start-${lang}`);
  const errorBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorBox.current?.focus();
  }, [error]);
  const fallback = snapshot.hall.defaultLanguage;
  const offered = snapshot.kiosk?.services;
  const services = snapshot.services.filter((s) => !offered || offered.includes(s.id));
  const pages = perPage === null ? 1 : Math.ceil(services.length / perPage);
  const shownPage = Math.min(page, pages - 1);
  const shown = perPage === null ? services : services.slice(shownPage * perPage, (shownPage + 1) * perPage);
  const groups = groupByOrganisation(shown, services, snapshot, lang);
  const button = (s: ServiceStatus) => (
    <li key={s.id}>
      <ServiceButton
        service={s}
        lang={lang}
        fallback={fallback}
        now={snapshot.now}
        timeZone={snapshot.hall.timeZone}
        t={t}
        onChoose={onChoose}
        onUnavailable={onUnavailable}
      />
    </li>
  );
  return (
    <>
      <p className="hall-name">{t('start.welcome', { hall: localize(snapshot.hall.name, lang, fallback) })}</p>
      <LanguagePicker languages={snapshot.hall.languages} current={lang} onChange={onLanguage} />
      <h1 ref={heading} tabIndex={-1} {...speakAttr({ key: 'speech.startScreen' })}>
        {t('start.title')}
      </h1>
      <p className="intro">{t('start.intro')}</p>
      {services.some((s) => s.appointments) ? (
        <button type="button" className="appointment-button" onClick={onAppointment} {...speakAttr({ key: 'appointment.have' })}>
          {t('appointment.have')}
        </button>
      ) : null}
      {error ? (
        <div className="error-summary" tabIndex={-1} ref={errorBox}>
          <p role="alert">{error}</p>
        </div>
      ) : null}
      {printerTrouble ? (
        <p className="print-note warning" data-printer-trouble="true">
          <span aria-hidden="true">⚠ </span>
          {t('start.printerTrouble')}
        </p>
      ) : null}
      {services.length === 0 ? <p>{t('start.noServices')}</p> : null}
      <div className="service-area" data-page={shownPage + 1} data-pages={pages}>
      {groups.map((g) =>
        g.name === null ? (
          <ul className="services" key="all" style={{ flexGrow: g.services.length }}>
            {g.services.map(button)}
          </ul>
        ) : (
          <section key={g.id} aria-labelledby={`org-${g.id}`} style={{ flexGrow: g.services.length }}>
            <h2 id={`org-${g.id}`}>{g.name}</h2>
            <ul className="services">{g.services.map(button)}</ul>
          </section>
        ),
      )}
      </div>
      {pages > 1 ? (
        <nav className="pager" aria-label={t('start.pages')}>
          {shownPage > 0 ? (
            <button type="button" className="page-button" onClick={() => onPage(shownPage - 1)} {...speakAttr({ key: 'start.previous' })}>
              <span aria-hidden="true">← </span>
              {t('start.previous')}
            </button>
          ) : null}
          <p className="page-of">{t('start.pageOf', { page: shownPage + 1, pages })}</p>
          {shownPage < pages - 1 ? (
            <button type="button" className="page-button" onClick={() => onPage(shownPage + 1)} {...speakAttr({ key: 'start.more' })}>
              {t('start.more')}
              <span aria-hidden="true"> →</span>
            </button>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

interface Group {
  id: string;
  name: string | null;
  services: ServiceStatus[];
}

/** Groups the services shown (one page) by organisation when the kiosk offers several organisations' services. */
function groupByOrganisation(services: ServiceStatus[], offered: ServiceStatus[], snap: PublicSnapshot, lang: Language): Group[] {
  if (snap.organisations.filter((o) => offered.some((s) => s.organisationId === o.id)).length < 2) return [{ id: 'all', name: null, services }];
  const orgs = snap.organisations.filter((o) => services.some((s) => s.organisationId === o.id));
  const groups: Group[] = orgs.map((o) => ({
    id: o.id,
    name: localize(o.name, lang, snap.hall.defaultLanguage),
    services: services.filter((s) => s.organisationId === o.id),
  }));
  const rest = services.filter((s) => !orgs.some((o) => o.id === s.organisationId));
  if (rest.length > 0) groups.push({ id: 'other', name: null, services: rest });
  return groups;
}
