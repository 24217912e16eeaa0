import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { localize, type IssueTicketResponse, type Language, type Need, type ServiceStatus } from '@vuoro/server/protocol';
import { translator } from '../i18n/catalogs';
import { useFit } from '../hooks/useFit';
import { useIdleTimer } from '../hooks/useIdleTimer';
import { useIssueTicket } from '../hooks/useIssueTicket';
import { useQueueSocket } from '../hooks/useQueueSocket';
import { useReloadWhenQuiet } from '../hooks/useReloadWhenQuiet';
import { useSpeechMode } from '../speech/useSpeechMode';
import { AppointmentScreen } from './AppointmentScreen';
import { ConfirmScreen } from './ConfirmScreen';
import { SmsScreen } from './SmsScreen';
import { EmailScreen } from './EmailScreen';
import { useKioskChannels } from '../hooks/useSmsOffered';
import { IdleWarning } from './IdleWarning';
import { NeedsScreen } from './NeedsScreen';
import { OutOfService } from './OutOfService';
import { StartScreen } from './StartScreen';
import { Toolbar } from './Toolbar';

type Step =
  | { screen: 'start' }
  | { screen: 'needs'; serviceId: string }
  | { screen: 'confirm'; issued: IssueTicketResponse; smsSaved?: string; emailSaved?: string }
  | { screen: 'sms'; issued: IssueTicketResponse; emailSaved?: string }
  | { screen: 'email'; issued: IssueTicketResponse; smsSaved?: string }
  | { screen: 'appointment' };

type ContactStep = Extract<Step, { screen: 'sms' | 'email' }>;

/**
 * From the SMS or email screen back to the confirmation, keeping what the other screen saved, and `saved` (the masked
 * address this screen just saved) when there is one.
 */
function confirmFrom(s: ContactStep, saved?: string): Step {
  const smsSaved = s.screen === 'sms' ? saved : s.smsSaved;
  const emailSaved = s.screen === 'email' ? saved : s.emailSaved;
  return { screen: 'confirm', issued: s.issued, ...(smsSaved ? { smsSaved } : {}), ...(emailSaved ? { emailSaved } : {}) };
}

const WARNING_MS = 30_000;
const CLOSED_CODES = new Set(['service_closed', 'service_stopped', 'cutoff_passed', 'daily_cap_reached', 'service_full']);
/** How long the kiosk may be without its server before it says it is out of service. */
const GRACE_MS = 2_500;
/** Printer states in which a ticket cannot come out. */
const PRINTER_DOWN = new Set(['paper-out', 'cover-open', 'offline', 'error']);

function kioskIdFromUrl(): string | undefined {
  return new URLSearchParams(window.location.search).get('id') ?? undefined;
}

/** The kiosk: start → (needs) → confirmation, with speech mode, large text, idle warning and out-of-service. */
export function KioskApp() {
  const [kioskId] = useState(kioskIdFromUrl);
  const q = useQueueSocket(kioskId);
  const snap = q.snapshot;
  const fallback: Language = snap?.hall.defaultLanguage ?? 'en';
  const [chosenLang, setChosenLang] = useState<Language | null>(null);
  const lang: Language = chosenLang ?? fallback;
  const t = useMemo(() => translator(lang), [lang]);
  const [large, setLarge] = useState(false);
  const [step, setStep] = useState<Step>({ screen: 'start' });
  const [needs, setNeeds] = useState<Need[]>([]);
  const [page, setPage] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [down, setDown] = useState(false);
  /** Short messages for screen readers, in a live region that exists from the start. */
  const [announcement, setAnnouncement] = useState('');
  const tickets = useIssueTicket(kioskId);

  const speechCtx = useMemo(
    () => ({
      hallName: (l: Language) => (snap ? localize(snap.hall.name, l, fallback) : ''),
      serviceName: (id: string, l: Language) => localize(snap?.services.find((s) => s.id === id)?.name, l, fallback),
      prepare: (id: string, l: Language) => localize(snap?.services.find((s) => s.id === id)?.prepare ?? undefined, l, fallback),
    }),
    [snap, fallback],
  );
  const speech = useSpeechMode(lang, speechCtx);

  const startOver = useCallback(() => {
    setStep({ screen: 'start' });
    setPage(0);
    setNeeds([]);
    setChosenLang(null);
    setLarge(false);
    setError(null);
    tickets.reset();
    speech.stop();
  }, [tickets, speech]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => setAnnouncement(''), [step.screen]);
  useEffect(() => {
    document.documentElement.classList.toggle('mode-large', large);
  }, [large]);
  useEffect(() => {
    if (q.connected) {
      setDown(false);
      return;
    }
    const timer = setTimeout(() => setDown(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, [q.connected]);

  // Browser Back (a mouse button, a swipe, Alt+←) goes one step back in the visit and never leaves the kiosk.
  const stepRef = useRef(step);
  stepRef.current = step;
  const startOverRef = useRef(startOver);
  startOverRef.current = startOver;
  useEffect(() => {
    const guard = { vuoroKiosk: true };
    window.history.pushState(guard, '');
    const onPop = () => {
      window.history.pushState(guard, '');
      const s = stepRef.current;
      if (s.screen === 'needs' || s.screen === 'appointment') setStep({ screen: 'start' });
      else if (s.screen === 'sms' || s.screen === 'email') setStep(confirmFrom(s));
      else if (s.screen === 'confirm') startOverRef.current();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const printerTrouble = Object.values(q.devices).some((d) => d.kind === 'printer' && PRINTER_DOWN.has(d.state));
  const mainRef = useRef<HTMLElement>(null);
  const offered = snap ? snap.services.filter((s) => !snap.kiosk?.services || snap.kiosk.services.includes(s.id)) : [];
  const channels = useKioskChannels(step.screen === 'confirm' || step.screen === 'sms' || step.screen === 'email' ? step.issued.ticket.statusToken : null);
  const smsOffered = channels.sms;
  const fit = useFit(mainRef, {
    key: [
      step.screen === 'confirm' ? `confirm:${step.issued.ticket.number}:${step.issued.print.status}:${smsOffered}:${channels.email}:${step.smsSaved ?? ''}:${step.emailSaved ?? ''}` : step.screen,
      lang,
      error ?? '',
      printerTrouble ? 'printer-trouble' : '',
      offered.map((s) => `${s.id}:${s.availability.state}:${s.waiting}:${s.estimatedWaitMinutes ?? '-'}`).join(','),
      snap ? 'ready' : 'loading',
    ].join('|'),
    large,
    items: step.screen === 'start' ? offered.length : 0,
  });

  const idleSeconds = snap?.kiosk?.idleSeconds ?? 60;
  const printed = step.screen === 'confirm' && step.issued.print.status === 'printed';
  const idleMs = (step.screen === 'confirm' && !printed ? Math.max(idleSeconds * 3, 120) : idleSeconds) * 1000;
  const busyVisit = step.screen !== 'start' || chosenLang !== null || large || speech.on || error !== null;
  const idle = useIdleTimer(busyVisit && !down, idleMs, WARNING_MS, startOver);
  // After a server upgrade: reload on the start screen with nobody mid-way (no language, mode or step chosen, no
  // ticket being issued).
  useReloadWhenQuiet(q.newVersion, () => !busyVisit && !tickets.busy);

  const take = useCallback(
    async (serviceId: string, chosenNeeds: readonly Need[]) => {
      setError(null);
      const r = await tickets.issue(serviceId, lang, chosenNeeds);
      if (r.ok) {
        setStep({ screen: 'confirm', issued: r.response });
        return;
      }
      const key = CLOSED_CODES.has(r.code) ? 'error.closed' : 'error.issue';
      setStep({ screen: 'start' });
      setError(t(key));
      speech.say([{ key }]);
    },
    [tickets, lang, t, speech],
  );

  const choose = useCallback(
    (s: ServiceStatus) => {
      if (s.appointments?.only) {
        setError(null);
        setStep({ screen: 'appointment' });
      } else if (snap?.kiosk?.needsStep) {
        setError(null);
        setStep({ screen: 'needs', serviceId: s.id });
      } else void take(s.id, []);
    },
    [snap, take],
  );

  if (q.error) return <OutOfService lang={lang} bodyKey={q.error.code === 'not_found' ? 'error.unknownKiosk' : 'outOfService.body'} />;
  if (!snap) {
    if (down) return <OutOfService lang={lang} />;
    return (
      <main className="loading" aria-busy="true">
        <p>{t('common.loading')}</p>
      </main>
    );
  }
  if (down) return <OutOfService lang={lang} />;

  const serviceOf = (id: string) => snap.services.find((s) => s.id === id);
  let screen;
  if (step.screen === 'needs' && snap.kiosk) {
    const service = serviceOf(step.serviceId);
    screen = service ? (
      <NeedsScreen
        service={service}
        kiosk={snap.kiosk}
        lang={lang}
        fallback={fallback}
        t={t}
        needs={needs}
        busy={tickets.busy}
        onChange={setNeeds}
        onContinue={() => void take(step.serviceId, needs)}
        onBack={() => setStep({ screen: 'start' })}
      />
    ) : null;
  } else if (step.screen === 'appointment') {
    screen = (
      <AppointmentScreen
        t={t}
        lang={lang}
        kioskId={kioskId}
        publicUrl={snap.hall.publicUrl}
        timeZone={snap.hall.timeZone}
        onDone={startOver}
        onWalkIn={(serviceId) => {
          const service = serviceOf(serviceId);
          if (service) choose(service);
        }}
      />
    );
  } else if (step.screen === 'confirm') {
    const issued = step.issued;
    screen = (
      <ConfirmScreen
        issued={issued}
        service={serviceOf(issued.ticket.serviceId)}
        lang={lang}
        fallback={fallback}
        t={t}
        publicUrl={snap.hall.publicUrl}
        smsSaved={step.smsSaved ?? null}
        smsOffered={smsOffered}
        emailSaved={step.emailSaved ?? null}
        emailOffered={channels.email}
        onDone={startOver}
        onSms={() => setStep({ screen: 'sms', issued, ...(step.emailSaved ? { emailSaved: step.emailSaved } : {}) })}
        onEmail={() => setStep({ screen: 'email', issued, ...(step.smsSaved ? { smsSaved: step.smsSaved } : {}) })}
      />
    );
  } else if (step.screen === 'sms' || step.screen === 'email') {
    const from = step;
    const Contact = from.screen === 'sms' ? SmsScreen : EmailScreen;
    screen = <Contact issued={from.issued} lang={lang} t={t} onSaved={(masked) => setStep(confirmFrom(from, masked))} onBack={() => setStep(confirmFrom(from))} />;
  }
  screen ??= (
    <StartScreen
      snapshot={snap}
      lang={lang}
      t={t}
      error={error}
      printerTrouble={printerTrouble}
      perPage={fit.perPage}
      page={page}
      onPage={setPage}
      onLanguage={setChosenLang}
      onChoose={choose}
      onAppointment={() => {
        setError(null);
        setStep({ screen: 'appointment' });
      }}
      onUnavailable={() => {
        setAnnouncement(t('speech.notAvailable'));
        speech.say([{ key: 'speech.notAvailable' }]);
      }}
    />
  );

  return (
    <div className="kiosk">
      <header className="topbar">
        <Toolbar
          t={t}
          large={large}
          speech={speech.on}
          onLarge={() => setLarge((v) => !v)}
          onSpeech={speech.toggle}
          onStartAgain={step.screen === 'start' ? null : startOver}
        />
      </header>
      <main id="main" data-screen={step.screen} ref={mainRef} style={{ '--fit': fit.scale } as CSSProperties} data-fit={fit.scale} data-fit-last={fit.last || undefined}>
        {screen}
      </main>
      <p className="visually-hidden" aria-live="polite" data-announcement>
        {announcement}
      </p>
      {idle.warning ? <IdleWarning secondsLeft={idle.secondsLeft} t={t} onMoreTime={idle.extend} /> : null}
    </div>
  );
}
