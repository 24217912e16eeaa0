import { useCallback, useEffect, useState } from 'react';
import type { CentralHallLive, CentralLive as CentralLiveView, LiveFigures } from '@vuoro/server/protocol';
import { useI18n, type Translate } from '../i18n/i18n.js';
import { centralPath } from '@vuoro/server/protocol/client';
import { ApiFailure, centralApi } from '../api/client.js';
import { CsvLink } from '../stats/CsvLink.js';
import { minutesText, percentText } from '../stats/figureText.js';

interface Props {
  token: string;
  onExpired(): void;
}

/** How often the live view asks again while "update automatically" is on. */
export const LIVE_REFRESH_MS = 15_000;

/** How long ago, in the largest whole unit that fits: "40 s", "12 min", "3 h". */
export function ageText(t: Translate, language: string, ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return t('central.live.ageSeconds', { n: s.toLocaleString(language) });
  if (s < 3600) return t('central.live.ageMinutes', { n: Math.floor(s / 60).toLocaleString(language) });
  return t('central.live.ageHours', { n: Math.floor(s / 3600).toLocaleString(language) });
}

export function contactText(t: Translate, language: string, h: CentralHallLive, now: number): string {
  if (h.contact === 'never' || h.lastContactAt === null) return t('central.live.never');
  const age = ageText(t, language, now - h.lastContactAt);
  return h.contact === 'live' ? t('central.live.connected', { age }) : t('central.live.stale', { age });
}

/**
 * "Now in the halls": each hall's today (waiting now, longest wait, counters open, service level today) from the
 * events it has sent, and how recent they are. Asks again every 15 s; the reader can stop that.
 */
export function CentralLive({ token, onExpired }: Props) {
  const { t, language } = useI18n();
  const [live, setLive] = useState<CentralLiveView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [auto, setAuto] = useState(true);

  const load = useCallback(async () => {
    try {
      setLive(await centralApi('statsLive', token));
      setError(null);
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'unauthorized') return onExpired();
      setError(err instanceof ApiFailure && err.code !== 'network' ? err.message : t('error.network'));
    }
  }, [token, onExpired, t]);

  useEffect(() => {
    void load();
    if (!auto) return undefined;
    const id = window.setInterval(() => void load(), LIVE_REFRESH_MS);
    return () => window.clearInterval(id);
  }, [load, auto]);

  const row = (key: string, name: string, f: LiveFigures, hall: CentralHallLive | null, now: number) => (
    <tr key={key} data-hall={key}>
      <th scope="row">{name}</th>
      <td data-figure="waitingNow">{f.waitingNow.toLocaleString(language)}</td>
      <td data-figure="longestWait">{minutesText(t, language, f.longestWaitMs)}</td>
      <td data-figure="inService">{f.inServiceNow.toLocaleString(language)}</td>
      <td data-figure="counters">
        {t('central.live.countersValue', { open: f.countersOpen.toLocaleString(language), paused: f.countersPaused.toLocaleString(language) })}
      </td>
      <td data-figure="serviceLevel">{percentText(t, language, f.serviceLevel)}</td>
      <td data-figure="lastEvent">{hall === null ? '' : hall.lastEventAt === null ? t('stats.none') : t('central.live.ago', { age: ageText(t, language, now - hall.lastEventAt) })}</td>
      <td data-figure="contact">{hall === null ? '' : contactText(t, language, hall, now)}</td>
    </tr>
  );

  return (
    <section className="panel" aria-labelledby="central-live-title" data-testid="central-live">
      <h2 id="central-live-title">{t('central.live.title')}</h2>
      <p>{t('central.live.intro')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />
        {t('central.live.auto')}
      </label>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      {live ? (
        <>
          <p className="stats-status" data-testid="central-live-updated">
            {t('central.live.updated', { time: new Date(live.now).toLocaleTimeString(language) })}
          </p>
          <div className="table-wrap">
            <table className="table" data-testid="central-live-table">
              <caption>{t('central.live.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('central.hall')}</th>
                  <th scope="col">{t('central.live.waiting')}</th>
                  <th scope="col">{t('central.live.longest')}</th>
                  <th scope="col">{t('central.live.inService')}</th>
                  <th scope="col">{t('central.live.counters')}</th>
                  <th scope="col">{t('central.live.level')}</th>
                  <th scope="col">{t('central.live.lastEvent')}</th>
                  <th scope="col">{t('central.live.contact')}</th>
                </tr>
              </thead>
              <tbody>
                {live.byHall.map((h) => row(h.hallId, h.hallName, h, h, live.now))}
                {live.byHall.length > 1 ? row('all', t('central.allHalls'), live.totals, null, live.now) : null}
              </tbody>
            </table>
          </div>
          <CsvLink url={centralPath('statsLive', {})} token={token} table={t('central.live.caption')} fileName="central-live.csv" />
        </>
      ) : null}
    </section>
  );
}
