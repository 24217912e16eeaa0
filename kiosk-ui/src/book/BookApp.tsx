import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AppointmentServiceView, AppointmentView, BookableDay, Language, SlotView } from '@vuoro/server/protocol';
import { pick } from '../status/text';
import { useCatalog } from '../status/useCatalog';
import { api, type Answer, type HallAnswer } from './api';
import { Cancel, Cancelled, Confirmation, Manage } from './appointmentParts';
import { CheckForm } from './CheckForm';
import { JoinApp } from './JoinApp';
import { CodeForm, ErrorSummary, formatDay, Question, Titled, type T } from './formParts';
import { LanguageNav, NotReady, useDocumentLanguage, useHallAndServices } from './pageParts';

/**
 * The public booking page (`/book`) and its manage page (`/book/manage/<code>`): one question per screen, a
 * "Continue" button, a back link, an error summary after a failed step, the heading focused on each new screen.
 * organisation → service → day → time → check (optional name) → booked (code, QR, calendar file, manage link).
 */

type Screen =
  | { kind: 'organisation' }
  | { kind: 'service' }
  | { kind: 'day' }
  | { kind: 'time' }
  | { kind: 'check' }
  | { kind: 'booked'; appointment: AppointmentView; reminders?: { channel: 'email' | 'sms'; masked: string }[] }
  | { kind: 'enter-code' }
  | { kind: 'manage'; appointment: AppointmentView }
  | { kind: 'cancel'; appointment: AppointmentView }
  | { kind: 'cancelled'; appointment: AppointmentView }
  | { kind: 'moved'; appointment: AppointmentView };

function codeFromPath(): string | null {
  const m = /^\/book\/manage(?:\/([^/?#]+))?/.exec(window.location.pathname);
  if (!m) return null;
  return m[1] ? decodeURIComponent(m[1]) : '';
}

function langFromQuery(): Language | null {
  const l = new URLSearchParams(window.location.search).get('lang');
  return l === 'en' || l === 'fi' || l === 'sv' || l === 'de' || l === 'nl' || l === 'fr' ? l : null;
}

export function BookApp() {
  if (window.location.pathname.startsWith('/join')) return <JoinApp initialLang={langFromQuery()} />;
  return <BookingApp />;
}

function BookingApp() {
  const { hall, services, failed } = useHallAndServices(api.services);
  const [lang, setLang] = useState<Language | null>(langFromQuery);
  const current: Language = lang ?? hall?.hall.defaultLanguage ?? 'en';
  const t = useCatalog(current);
  useDocumentLanguage(current);

  if (!t || failed || !hall || !services) return <NotReady t={t} failed={failed} />;
  return <Flow hall={hall} services={services} lang={current} t={t} onLanguage={setLang} />;
}

interface FlowProps {
  hall: HallAnswer;
  services: AppointmentServiceView[];
  lang: Language;
  t: T;
  onLanguage(lang: Language): void;
}

function Flow({ hall, services, lang, t, onLanguage }: FlowProps) {
  const fallback = hall.hall.defaultLanguage;
  const orgs = hall.organisations.filter((o) => services.some((s) => s.organisationId === o.id));
  const manageCode = codeFromPath();
  const first: Screen = manageCode !== null ? { kind: 'enter-code' } : orgs.length > 1 ? { kind: 'organisation' } : { kind: 'service' };
  const [history, setHistory] = useState<Screen[]>([first]);
  const screen = history[history.length - 1] ?? first;
  const [org, setOrg] = useState<string | null>(orgs.length === 1 ? (orgs[0]?.id ?? null) : null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [days, setDays] = useState<BookableDay[] | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [slots, setSlots] = useState<SlotView[] | null>(null);
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [name, setName] = useState('');
  const [remindEmail, setRemindEmail] = useState('');
  const [remindPhone, setRemindPhone] = useState('');
  const [moving, setMoving] = useState<AppointmentView | null>(null);
  const [error, setError] = useState<{ text: string; field: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** Runs `request` with the screen's buttons busy, and answers what it answered. */
  const whileBusy = async <R,>(request: () => Promise<R>): Promise<R> => {
    setBusy(true);
    try {
      return await request();
    } finally {
      setBusy(false);
    }
  };
  const go = (s: Screen) => {
    setError(null);
    setHistory((h) => [...h, s]);
  };
  const back = () => {
    setError(null);
    setHistory((h) => (h.length > 1 ? h.slice(0, -1) : h));
  };
  const service = services.find((s) => s.id === (moving?.serviceId ?? serviceId));
  const serviceName = (s: { name: AppointmentView['serviceName'] } | undefined) => (s ? pick(s.name, lang, fallback) : '');
  const dayName = (d: string) => formatDay(d, lang);
  const failure = (r: Answer<unknown>, field: string) => {
    if (r.ok) return;
    const text =
      r.status === 429 ? t('book.error.tooMany') : r.code === 'conflict' ? t('book.error.taken') : r.code === 'not_found' ? t('book.error.noCode') : r.status === 0 ? t('book.error.offline') : r.message;
    setError({ text, field });
  };

  // Deep link to the manage page: load the code from the address at once.
  const loaded = useRef(false);
  useEffect(() => {
    if (loaded.current || !manageCode) return;
    loaded.current = true;
    void api.get(manageCode).then((r) => {
      if (r.ok) setHistory([{ kind: 'enter-code' }, { kind: 'manage', appointment: r.data }]);
      else failure(r, 'code');
    });
    // Runs once, for the address the page was opened with.
  }, []);

  const loadDays = async (id: string): Promise<boolean> => {
    const r = await api.days(id);
    if (!r.ok) {
      failure(r, 'service');
      return false;
    }
    setDays(r.data);
    return true;
  };

  const languages = <LanguageNav t={t} languages={hall.hall.languages} current={lang} onLanguage={onLanguage} />;
  const page = (title: string, body: ReactNode, withBack = history.length > 1) => (
    <main className="status book">
      {languages}
      <p className="hall">{pick(hall.hall.name, lang, fallback)}</p>
      {withBack ? (
        <button type="button" className="back-link" onClick={back}>
          {t('common.back')}
        </button>
      ) : null}
      <Titled title={title} screen={screen.kind} />
      {error ? <ErrorSummary t={t} text={error.text} field={error.field} /> : null}
      {body}
    </main>
  );

  switch (screen.kind) {
    case 'organisation':
      return page(
        t('book.organisation.title'),
        <Question
          t={t}
          id="organisation"
          title={t('book.organisation.title')}
          error={error?.field === 'organisation' ? error.text : null}
          choices={orgs.map((o) => ({ value: o.id, label: pick(o.name, lang, fallback) }))}
          value={org}
          onChange={setOrg}
          onContinue={() => (org ? go({ kind: 'service' }) : setError({ text: t('book.error.organisation'), field: 'organisation' }))}
        />,
      );
    case 'service': {
      const list = services.filter((s) => org === null || s.organisationId === org);
      return page(
        t('book.service.title'),
        <Question
          t={t}
          id="service"
          title={t('book.service.title')}
          error={error?.field === 'service' ? error.text : null}
          choices={list.map((s) => ({ value: s.id, label: serviceName(s), hint: s.prepare ? pick(s.prepare, lang, fallback) : undefined }))}
          value={serviceId}
          onChange={setServiceId}
          busy={busy}
          onContinue={async () => {
            if (!serviceId) return setError({ text: t('book.error.service'), field: 'service' });
            if (await whileBusy(() => loadDays(serviceId))) go({ kind: 'day' });
          }}
        />,
      );
    }
    case 'day':
      if (days !== null && days.length === 0) {
        return page(t('book.day.none'), <p>{t('book.day.noneBody', { service: serviceName(service) })}</p>);
      }
      return page(
        t('book.day.title'),
        <Question
          t={t}
          id="day"
          title={t('book.day.title')}
          hint={serviceName(service)}
          error={error?.field === 'day' ? error.text : null}
          choices={(days ?? []).map((d) => ({ value: d.date, label: dayName(d.date) }))}
          value={date}
          onChange={setDate}
          busy={busy}
          onContinue={async () => {
            const id = moving?.serviceId ?? serviceId;
            if (!date || !id) return setError({ text: t('book.error.day'), field: 'day' });
            const r = await whileBusy(() => api.slots(id, date));
            if (!r.ok) return failure(r, 'day');
            setSlots(r.data.slots);
            setSlot(null);
            go({ kind: 'time' });
          }}
        />,
      );
    case 'time':
      return page(
        t('book.time.title'),
        <Question
          t={t}
          id="time"
          title={t('book.time.title')}
          hint={date ? dayName(date) : ''}
          error={error?.field === 'time' ? error.text : null}
          choices={(slots ?? []).map((s) => ({ value: String(s.at), label: s.time }))}
          value={slot ? String(slot.at) : null}
          onChange={(v) => setSlot((slots ?? []).find((s) => String(s.at) === v) ?? null)}
          onContinue={() => (slot ? go({ kind: 'check' }) : setError({ text: t('book.error.time'), field: 'time' }))}
        />,
      );
    case 'check': {
      const submit = async (e: FormEvent) => {
        e.preventDefault();
        if (!slot) return;
        if (moving) {
          const r = await whileBusy(() => api.move(moving.code, slot.at));
          if (!r.ok) return failure(r, 'confirm');
          setMoving(null);
          go({ kind: 'moved', appointment: r.data });
          return;
        }
        if (!serviceId) return;
        const r = await whileBusy(() => api.book(serviceId, slot.at, name, lang, { email: remindEmail, phone: remindPhone }));
        if (!r.ok && r.status === 422 && (r.field === 'email' || r.field === 'phone')) {
          setError({ text: t(r.field === 'email' ? 'book.reminder.emailInvalid' : 'book.reminder.phoneInvalid'), field: r.field });
          return;
        }
        if (!r.ok) return failure(r, 'confirm');
        go({ kind: 'booked', appointment: r.data.appointment, reminders: r.data.reminders ?? [] });
      };
      return page(
        moving ? t('book.check.moveTitle') : t('book.check.title'),
        <CheckForm
          t={t}
          moving={moving !== null}
          service={service}
          serviceName={serviceName(service)}
          day={date ? dayName(date) : ''}
          time={slot?.time}
          name={name}
          onName={setName}
          remindEmail={remindEmail}
          onRemindEmail={setRemindEmail}
          remindPhone={remindPhone}
          onRemindPhone={setRemindPhone}
          error={error}
          busy={busy}
          onSubmit={(e) => void submit(e)}
        />,
      );
    }
    case 'booked':
    case 'moved':
      return (
        <Confirmation
          kind={screen.kind}
          a={screen.appointment}
          t={t}
          lang={lang}
          fallback={fallback}
          reminders={screen.kind === 'booked' ? screen.reminders : undefined}
          service={service}
          languages={languages}
        />
      );
    case 'enter-code':
      return page(
        t('book.manage.enterTitle'),
        <CodeForm
          t={t}
          initial={manageCode ?? ''}
          error={error?.field === 'code' ? error.text : null}
          onSubmit={async (code) => {
            const r = await api.get(code);
            if (!r.ok) return failure(r, 'code');
            go({ kind: 'manage', appointment: r.data });
          }}
        />,
        false,
      );
    case 'manage': {
      const a = screen.appointment;
      return page(
        t('book.manage.title'),
        <Manage
          a={a}
          t={t}
          lang={lang}
          fallback={fallback}
          busy={busy}
          onMove={async () => {
            if (await whileBusy(() => loadDays(a.serviceId))) {
              setMoving(a);
              setDate(null);
              go({ kind: 'day' });
            }
          }}
          onCancel={() => go({ kind: 'cancel', appointment: a })}
        />,
      );
    }
    case 'cancel': {
      const a = screen.appointment;
      return page(
        t('book.cancel.title'),
        <Cancel
          a={a}
          t={t}
          lang={lang}
          fallback={fallback}
          busy={busy}
          onYes={async () => {
            const r = await whileBusy(() => api.cancel(a.code));
            if (!r.ok) return failure(r, 'cancel');
            go({ kind: 'cancelled', appointment: r.data });
          }}
          onNo={back}
        />,
      );
    }
    case 'cancelled':
      return page(t('book.cancelled.title'), <Cancelled code={screen.appointment.code} t={t} lang={lang} />, false);
  }
}
