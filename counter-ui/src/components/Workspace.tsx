import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CounterView, StaffSnapshot, TicketView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import type { StoredSession } from '../api/session.js';
import { useNow, useTitle } from '../hooks/useTitle.js';
import { useCounterActions, type FocusTarget } from '../hooks/useCounterActions.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { playSound } from '../hooks/sounds.js';
import { serviceName } from '../format/describe.js';
import { useAnnouncer } from './LiveAnnouncer.js';
import { ErrorSummary } from './ErrorSummary.js';
import { CurrentTicket } from './CurrentTicket.js';
import { ActionBar, type ActionName, type Dialog } from './ActionBar.js';
import { QueuePanel } from './QueuePanel.js';
import { currentAt, waitingFor } from '../format/selectors.js';
import { unavailableReason } from '../format/unavailable.js';
import { SetAside } from './SetAside.js';
import { TicketLookup } from './TicketLookup.js';
import { FinishDialog, PauseDialog, CloseCounterDialog } from './CounterDialogs.js';
import { TransferDialog } from './TransferDialog.js';
import { HelpDialog } from './HelpDialog.js';
import { DeviceAlerts } from './DeviceAlerts.js';
import { KnowledgePanel } from '../knowledge/KnowledgePanel.js';

interface Props {
  snapshot: StaffSnapshot;
  counter: CounterView;
  session: StoredSession;
  clockOffset: number;
  patchTicket(t: TicketView): void;
  patchCounter(c: CounterView): void;
  onExpired(): void;
  onClosed(): void;
}

/** Where each focus target is, and the action it offers (when that is not possible, focus goes to the visitor's heading). */
const FOCUS: Record<FocusTarget, { id: string; action?: ActionName }> = {
  next: { id: 'action-next', action: 'next' },
  start: { id: 'action-start', action: 'start' },
  finish: { id: 'action-finish', action: 'finish' },
  resume: { id: 'action-pause', action: 'pause' },
  current: { id: 'current-title' },
  queue: { id: 'queue-title' },
};

/** The counter at work: the visitor in front of me, the actions, what is set aside and the queue. */
export function Workspace({ snapshot, counter, session, clockOffset, patchTicket, patchCounter, onExpired, onClosed }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  useTitle(t('header.counter', { label: counter.label }));
  const now = useNow(clockOffset);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [focusTarget, setFocusTarget] = useState<{ target: FocusTarget } | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const lastFocused = useRef<Element | null>(null);
  const lookupRef = useRef<HTMLInputElement>(null);
  const [knowledgeOpen, setKnowledgeOpen] = useState(false);
  const focusToggle = useRef(false);
  // Closing the knowledge panel puts focus back on its button in the same commit (the panel had it).
  useLayoutEffect(() => {
    if (knowledgeOpen || !focusToggle.current) return;
    focusToggle.current = false;
    document.getElementById('kb-toggle')?.focus();
  }, [knowledgeOpen]);

  const current = currentAt(snapshot, counter.id);
  // The visitor the finish and transfer dialogs are about. It outlives `current` while such a dialog is open: the
  // hall's change can take the visitor away before the answer comes, and unmounting the dialog then would drop focus
  // from its busy button to the page body.
  const [dialogTicket, setDialogTicket] = useState(current);
  if (current && current !== dialogTicket) setDialogTicket(current);
  const parked = snapshot.tickets.filter((x) => x.counterId === counter.id && x.state === 'parked');
  const pausedReason = counter.paused ? (counter.staff?.pausedReason ?? t('current.pausedUnknown')) : null;
  const actions = useCounterActions({
    snapshot,
    counter,
    token: session.token,
    now,
    patchTicket,
    patchCounter,
    onExpired,
    focus: (target) => setFocusTarget({ target }),
  });
  const { runner } = actions;

  // The counter opens at its top: the choice screen may have been scrolled to its "Open counter" button.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);

  // The element last focused in the workspace, outside dialogs and the knowledge panel (they keep their own focus).
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return undefined;
    const onFocus = (e: FocusEvent) => {
      lastFocused.current = e.target instanceof Element && !e.target.closest('dialog, .kb') ? e.target : null;
    };
    main.addEventListener('focusin', onFocus);
    return () => main.removeEventListener('focusin', onFocus);
  }, []);

  // A sound and a sentence when someone arrives while the queue was empty. Not for a visitor this screen itself put
  // back in the queue: that is no arrival, and its sentence would replace "… is back in the queue" (whichever of the
  // server's answer and its event about the ticket comes first).
  const waiting = waitingFor(snapshot, counter);
  const previousWaiting = useRef(waiting.length);
  const putBackHere = useRef(new Set<number>());
  useEffect(() => {
    const first = waiting[0];
    if (previousWaiting.current === 0 && first && !putBackHere.current.has(first.id)) {
      playSound('arrival');
      announce(t('announce.arrived', { number: first.number, service: serviceName(snapshot.services, first.serviceId, language) }));
    }
    previousWaiting.current = waiting.length;
  }, [waiting, announce, t, snapshot.services, language]);

  const can = {
    next: !current && !pausedReason,
    recall: current?.state === 'called',
    start: current?.state === 'called',
    noShow: current?.state === 'called',
    finish: current?.state === 'serving',
    transfer: current !== null,
    park: current !== null || (parked.length > 0 && !pausedReason),
    pause: !current,
    close: !current && parked.length === 0,
  };
  const explain = (n: ActionName, action: string) =>
    announce(t(unavailableReason(n, { current, paused: pausedReason !== null, parked: parked.length }), { action, number: current?.number ?? '' }));

  // Where focus was when the running request was sent: the button pressed, or the control in its dialog.
  const origin = useRef<Element | null>(null);
  useLayoutEffect(() => {
    if (runner.busy) origin.current = document.activeElement === document.body ? null : document.activeElement;
  }, [runner.busy]);

  // Focus moves in the commit that shows an answer (a layout effect: before the browser draws a frame), so it is never
  // on nothing in between. A target whose action is not possible now gives way to the visitor's heading. The move is
  // for someone still where they acted: while the dialog that sent the request is open the page behind it is inert, so
  // the move waits for the commit that closes it (the dialog closes in its own layout effect, which runs before this
  // one). Someone who has moved on keeps their place: a dialog opened since (the help, read while a call runs), or
  // focus elsewhere (where such a dialog gave it back on closing); the answer has been spoken. And when the focused
  // element has left the page (the hall's change took a visitor's row or set-aside entry away before the answer came),
  // focus goes to the visitor's heading, not the body.
  useLayoutEffect(() => {
    if (focusTarget) {
      const from = origin.current;
      const dialog = document.querySelector('dialog[open]');
      if (dialog && from && dialog.contains(from)) return;
      const active = document.activeElement;
      const movedOn = dialog !== null || (from !== null && from.isConnected && active !== null && active !== from && active !== document.body);
      setFocusTarget(null);
      if (movedOn) return;
      const { id, action } = FOCUS[focusTarget.target];
      document.getElementById(action === undefined || can[action] ? id : 'current-title')?.focus();
      return;
    }
    const last = lastFocused.current;
    if (last && !last.isConnected && document.activeElement === document.body) document.getElementById('current-title')?.focus();
  });

  const firstParked = parked[0];
  const act = {
    next: () => void actions.callNext(),
    recall: () => void actions.recall(),
    start: () => void actions.start(),
    noShow: () => void actions.noShow(),
    finish: () => setDialog('finish'),
    transfer: () => setDialog('transfer'),
    park: () => void (current ? actions.park() : firstParked ? actions.resume(firstParked.id) : undefined),
    pause: () => (pausedReason ? void actions.unpause() : setDialog('pause')),
    close: () => setDialog('close'),
    help: () => setDialog('help'),
    knowledge: () => {
      if (knowledgeOpen) focusToggle.current = true;
      setKnowledgeOpen((o) => !o);
    },
  };
  // The visitor has gone (finished elsewhere, cancelled) with no request of ours running: their dialog has no purpose.
  const staleDialog = !current && !runner.busy && (dialog === 'finish' || dialog === 'transfer');
  useLayoutEffect(() => {
    if (staleDialog) setDialog(null);
  }, [staleDialog]);
  // The actions' own shortcuts live with their buttons in the action bar.
  useShortcuts({
    '?': act.help,
    i: act.knowledge,
    q: () => document.getElementById('queue-title')?.focus(),
    l: () => lookupRef.current?.focus(),
  });

  const closeDialog = () => setDialog(null);
  return (
    <main id="main" className="workspace" ref={mainRef}>
      <ErrorSummary message={runner.error} onDismiss={runner.clearError} />
      <div className="workspace__heading">
        <h1>{counter.roaming ? t('work.roamingTitle', { label: counter.label }) : t('header.counter', { label: counter.label })}</h1>
        <p className="counter-state" data-testid="counter-state">
          {pausedReason ? t('work.paused', { reason: pausedReason }) : t('work.open')}
          {' · '}
          {t('work.serving', { services: counter.services.map((p) => serviceName(snapshot.services, p.serviceId, language)).join(', ') })}
        </p>
        <button id="kb-toggle" type="button" className="button button--small button--secondary kb-toggle" aria-expanded={knowledgeOpen} aria-keyshortcuts="i" onClick={act.knowledge}>
          {t('kb.open')} <kbd>I</kbd>
        </button>
        {snapshot.announcement ? <p className="notice">{t('work.announcement', { text: snapshot.announcement })}</p> : null}
      </div>
      <DeviceAlerts devices={snapshot.devices} counterId={counter.id} />
      {counter.roaming ? (
        <TicketLookup
          ref={lookupRef}
          snapshot={snapshot}
          counter={counter}
          token={session.token}
          now={now}
          canServe={can.next}
          runner={runner}
          patchTicket={patchTicket}
          onServe={(x) => void actions.callTicket(x.id)}
          onUnavailable={(label) => explain('next', label)}
        />
      ) : null}
      <div className="workspace__grid">
        <div>
          <CurrentTicket ticket={current} snapshot={snapshot} now={now} paused={pausedReason} />
          <ActionBar can={can} act={act} explain={explain} busy={runner.busy} paused={pausedReason !== null} parkResumes={!current && parked.length > 0} />
          <SetAside
            snapshot={snapshot}
            parked={parked}
            noShows={actions.noShows}
            canResume={!current && !pausedReason}
            busy={runner.busy}
            onResume={(x) => void actions.resume(x.id)}
            onRequeue={(x) => {
              putBackHere.current.add(x.id);
              void actions.requeue(x.id);
            }}
            onUnavailable={(label) => explain('next', label)}
          />
        </div>
        {knowledgeOpen ? (
          <KnowledgePanel
            token={session.token}
            ticket={current}
            services={snapshot.services}
            counters={snapshot.counters}
            organisationId={session.user.organisationId}
            canResolve={can.finish}
            canTransfer={can.transfer}
            actionBusy={runner.busy}
            onResolve={async (articleId, title) => {
              const number = current?.number ?? '';
              const outcome = snapshot.outcomes.some((o) => o.code === 'resolved') ? 'resolved' : (snapshot.outcomes[0]?.code ?? 'resolved');
              const ok = await actions.finish(outcome, articleId);
              if (ok) announce(t('kb.resolved', { number, title }));
              return ok;
            }}
            onResolveUnavailable={() => explain('finish', t('action.finish'))}
            onTransfer={actions.transfer}
            onTransferUnavailable={() => explain('transfer', t('action.transfer'))}
            onClose={act.knowledge}
            onExpired={onExpired}
          />
        ) : (
          <QueuePanel
            snapshot={snapshot}
            counter={counter}
            now={now}
            canCall={can.next}
            busy={runner.busy}
            onCall={(x) => void actions.callTicket(x.id)}
            onReprint={(x) => void actions.reprint(x)}
            onUnavailable={(label) => explain('next', label)}
          />
        )}
      </div>
      {dialogTicket ? (
        <Fragment key={dialogTicket.id}>
          <FinishDialog
            open={dialog === 'finish'}
            number={dialogTicket.number}
            outcomes={snapshot.outcomes}
            busy={runner.busy}
            onFinish={actions.finish}
            onClose={closeDialog}
          />
          <TransferDialog
            open={dialog === 'transfer'}
            number={dialogTicket.number}
            currentServiceId={dialogTicket.serviceId}
            counterId={counter.id}
            services={snapshot.services}
            counters={snapshot.counters}
            busy={runner.busy}
            onTransfer={actions.transfer}
            onClose={closeDialog}
          />
        </Fragment>
      ) : null}
      <PauseDialog open={dialog === 'pause'} busy={runner.busy} onPause={actions.pause} onClose={closeDialog} />
      <CloseCounterDialog
        open={dialog === 'close'}
        label={counter.label}
        busy={runner.busy}
        onConfirm={async () => {
          const ok = await actions.close();
          if (ok) onClosed();
          return ok;
        }}
        onClose={closeDialog}
      />
      <HelpDialog open={dialog === 'help'} onClose={closeDialog} />
    </main>
  );
}
