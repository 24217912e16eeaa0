import { localize, type ServiceStatus, type StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { minutesBetween, waitedText } from '../format/describe.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  snapshot: StaffSnapshot;
  token: string;
  now: number;
  runner: ActionRunner;
}

export interface ServiceLevel {
  waiting: number;
  longestMinutes: number;
  /** Share of the people waiting now who are still within the target, 0–100. */
  withinTargetPercent: number;
  overTarget: boolean;
}

/** Live service level: how the people waiting now compare with the service's target wait. */
export function serviceLevel(snapshot: StaffSnapshot, s: ServiceStatus, now: number): ServiceLevel {
  const waits = snapshot.tickets.filter((x) => x.state === 'waiting' && x.serviceId === s.id).map((x) => minutesBetween(x.queuedAt, now));
  const longest = waits.reduce((a, b) => Math.max(a, b), 0);
  const within = waits.filter((w) => w <= s.targetMinutes).length;
  return {
    waiting: waits.length,
    longestMinutes: longest,
    withinTargetPercent: waits.length === 0 ? 100 : Math.round((within / waits.length) * 100),
    overTarget: longest > s.targetMinutes,
  };
}

/** Per service: people waiting, longest wait, service level against its target, and stopping new tickets today. */
export function ServicesTable({ snapshot, token, now, runner }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();

  const toggle = async (s: ServiceStatus, stopped: boolean) => {
    const r = await runner.run(() => api('stopService', token, { params: { id: s.id }, body: { stopped } }));
    if (r) announce(stopped ? t('sup.stoppedDone', { service: localize(s.name, language) }) : t('sup.restartedDone', { service: localize(s.name, language) }));
  };

  return (
    <section className="panel" aria-labelledby="sup-services-title">
      <h2 id="sup-services-title">{t('sup.services')}</h2>
      <div role="status" data-testid="sup-risks">
        {snapshot.services
          .filter((s) => s.serviceLevelAtRisk)
          .map((s) => (
            <p key={s.id} className="notice" data-testid={`sup-risk-${s.id}`}>
              {t('sup.atRisk', { service: localize(s.name, language), late: s.serviceLevelAtRisk?.late ?? 0, due: s.serviceLevelAtRisk?.due ?? 0 })}
            </p>
          ))}
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="sup-services">
          <caption className="visually-hidden">{t('sup.services')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.service')}</th>
              <th scope="col">{t('sup.waiting')}</th>
              <th scope="col">{t('sup.longest')}</th>
              <th scope="col">{t('sup.level')}</th>
              <th scope="col">{t('sup.countersOpen')}</th>
              <th scope="col">{t('sup.newTickets')}</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.services.map((s) => {
              const level = serviceLevel(snapshot, s, now);
              const stopped = s.availability.state === 'stopped';
              return (
                <tr key={s.id} data-testid={`sup-service-${s.id}`}>
                  <th scope="row">
                    {s.prefix} – {localize(s.name, language)}
                  </th>
                  <td>{level.waiting}</td>
                  <td>{waitedText(t, level.longestMinutes)}</td>
                  <td>
                    <span className={`tag ${level.overTarget ? 'tag--over' : 'tag--ok'}`}>
                      {level.overTarget ? t('sup.overTarget') : t('sup.onTarget')}
                    </span>{' '}
                    {t('sup.levelText', { percent: level.withinTargetPercent, target: s.targetMinutes })}
                  </td>
                  <td>{s.countersOpen}</td>
                  <td>
                    {stopped ? t('sup.stopped') : s.open ? t('sup.issuing') : t('sup.notIssuing')}{' '}
                    <BusyButton
                      type="button"
                      className="button button--small button--secondary"
                      busy={runner.busy}
                      onClick={() => void toggle(s, !stopped)}
                    >
                      {stopped ? t('sup.restart') : t('sup.stop')}
                      <span className="visually-hidden"> {localize(s.name, language)}</span>
                    </BusyButton>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
