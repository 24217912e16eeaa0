import { useCallback, useState } from 'react';
import { localize, type CounterView, type PrintResult, type StaffSnapshot, type TicketView, type TransferRequest } from '@vuoro/server/protocol';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { callAnnouncement, serviceName } from '../format/describe.js';
import { useAction, type ActionRunner } from './useAction.js';
import { waitingFor } from '../format/selectors.js';

export type FocusTarget = 'next' | 'start' | 'finish' | 'resume' | 'current' | 'queue';

interface Deps {
  snapshot: StaffSnapshot;
  counter: CounterView;
  token: string;
  now: number;
  patchTicket(t: TicketView): void;
  patchCounter(c: CounterView): void;
  onExpired(): void;
  focus(target: FocusTarget): void;
}

export interface CounterActions {
  runner: ActionRunner;
  noShows: TicketView[];
  callNext(): Promise<void>;
  callTicket(id: number): Promise<void>;
  recall(): Promise<void>;
  start(): Promise<void>;
  noShow(): Promise<void>;
  /** `articleId`: the knowledge-base article the visit was resolved with. */
  finish(outcome: string, articleId?: number): Promise<boolean>;
  transfer(to: TransferRequest): Promise<boolean>;
  park(): Promise<void>;
  resume(id: number): Promise<void>;
  pause(reason: string): Promise<boolean>;
  unpause(): Promise<void>;
  close(): Promise<boolean>;
  requeue(id: number): Promise<void>;
  reprint(t: TicketView): Promise<void>;
}

/** Every counter action: one request, the answer put into the picture, a spoken sentence and a sensible focus. */
export function useCounterActions(d: Deps): CounterActions {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const runner = useAction(d.onExpired);
  const [noShows, setNoShows] = useState<TicketView[]>([]);
  const params = { id: d.counter.id };
  const svc = (id: string) => serviceName(d.snapshot.services, id, language);

  const ticketAction = async (call: () => Promise<TicketView>, after: (x: TicketView) => void): Promise<boolean> => {
    const r = await runner.run(call);
    if (!r) return false;
    d.patchTicket(r);
    after(r);
    return true;
  };
  const counterAction = async (call: () => Promise<CounterView>, after: (c: CounterView) => void): Promise<boolean> => {
    const r = await runner.run(call);
    if (!r) return false;
    d.patchCounter(r);
    after(r);
    return true;
  };
  const called = (x: TicketView) => {
    announce(callAnnouncement(t, x, d.now, language));
    d.focus('start');
  };

  return {
    runner,
    noShows,
    callNext: async () => {
      // An empty queue is not a failure: say so calmly instead of asking the server.
      if (waitingFor(d.snapshot, d.counter).length === 0) {
        announce(t('queue.empty'));
        return;
      }
      await ticketAction(() => api('callNext', d.token, { params }), called);
    },
    callTicket: async (id) => void (await ticketAction(() => api('callTicket', d.token, { params, body: { ticketId: id } }), called)),
    recall: async () =>
      void (await ticketAction(() => api('recall', d.token, { params }), (x) => {
        announce(t('announce.recalled', { number: x.number, count: x.recallCount }));
        d.focus('start');
      })),
    start: async () =>
      void (await ticketAction(() => api('startService', d.token, { params }), (x) => {
        announce(t('announce.started', { number: x.number }));
        d.focus('finish');
      })),
    noShow: async () =>
      void (await ticketAction(() => api('noShow', d.token, { params }), (x) => {
        setNoShows((list) => [x, ...list.filter((y) => y.id !== x.id)].slice(0, 5));
        announce(t('announce.noShow', { number: x.number }));
        d.focus('next');
      })),
    finish: (outcome, articleId) =>
      ticketAction(() => api('finish', d.token, { params, body: articleId === undefined ? { outcome } : { outcome, articleId } }), (x) => {
        const label = d.snapshot.outcomes.find((o) => o.code === outcome);
        announce(t('announce.finished', { number: x.number, outcome: label ? localize(label.label, language) : outcome }));
        d.focus('next');
      }),
    transfer: (to) =>
      ticketAction(() => api('transfer', d.token, { params, body: to }), (x) => {
        const label = 'counterId' in to ? (d.snapshot.counters.find((c) => c.id === to.counterId)?.label ?? to.counterId) : '';
        const where = 'serviceId' in to ? svc(to.serviceId) : t('header.counter', { label });
        announce(t('announce.transferred', { number: x.number, to: where }));
        d.focus('next');
      }),
    park: async () =>
      void (await ticketAction(() => api('park', d.token, { params }), (x) => {
        announce(t('announce.parked', { number: x.number }));
        d.focus('next');
      })),
    resume: async (id) =>
      void (await ticketAction(() => api('resumeParked', d.token, { params, body: { ticketId: id } }), (x) => {
        announce(t('announce.resumed', { number: x.number }));
        d.focus('finish');
      })),
    pause: (reason) =>
      counterAction(() => api('pauseCounter', d.token, { params, body: { reason } }), () => {
        announce(t('announce.paused', { reason }));
        d.focus('resume');
      }),
    unpause: async () =>
      void (await counterAction(() => api('unpauseCounter', d.token, { params }), () => {
        announce(t('announce.unpaused'));
        d.focus('next');
      })),
    close: () => counterAction(() => api('closeCounter', d.token, { params }), () => announce(t('announce.closed', { label: d.counter.label }))),
    requeue: async (id) => {
      const r = await runner.run(() => api('requeue', d.token, { params: { id } }));
      if (!r) return;
      d.patchTicket(r);
      setNoShows((list) => list.filter((y) => y.id !== id));
      announce(t('announce.requeued', { number: r.number }));
      d.focus('queue');
    },
    reprint: async (x) => {
      const r = await runner.run(() => api('reprint', d.token, { params: { id: x.id } }));
      if (!r) return;
      if (r.status === 'printed') announce(t('announce.reprinted', { number: x.number }));
      else if (r.status === 'no-printer') announce(t('announce.noPrinter', { number: x.number }));
      else if (r.status === 'failed') announce(t('announce.printFailed', { number: x.number, message: r.message }));
    },
  };
}
