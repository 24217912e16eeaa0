import { useCallback, useEffect, useState } from 'react';
import type { SignInActivity } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { ApiFailure, api  } from '../api/client.js';

interface Props {
  token: string;
  timeZone: string;
}

const SHOWN = 50;

/** Sign-in attempts (newest first), the (account, computer) pairs locked now and the accounts slowed down. */
export function SignInsPanel({ token, timeZone }: Props) {
  const { t, language } = useI18n();
  const [activity, setActivity] = useState<SignInActivity | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    try {
      setActivity(await api('signIns', token, { query: { limit: SHOWN } }));
      setFailed(false);
    } catch (err) {
      if (err instanceof ApiFailure) setFailed(true);
    }
  }, [token]);
  useEffect(() => {
    void load();
  }, [load]);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium', timeZone });

  return (
    <section className="panel" aria-labelledby="admin-signins-title">
      <h2 id="admin-signins-title">{t('admin.signIns')}</h2>
      <p>{t('admin.signInsHint')}</p>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void load()}>
          {t('admin.signInsRefresh')}
        </button>
      </div>
      {failed && <p role="alert">{t('error.network')}</p>}
      {activity && (
        <>
          <h3>{t('admin.signInsLocked')}</h3>
          {activity.locked.length === 0 && activity.slowed.length === 0 ? (
            <p>{t('admin.signInsNone')}</p>
          ) : (
            <ul data-testid="admin-signins-locked">
              {activity.locked.map((l) => (
                <li key={`${l.username}@${l.address}`}>{t('admin.signInLocked', { username: l.username, address: l.address, time: time.format(l.until) })}</li>
              ))}
              {activity.slowed.map((s) => (
                <li key={s.username}>{t('admin.signInSlowed', { username: s.username, count: String(s.failures) })}</li>
              ))}
            </ul>
          )}
          <div className="table-wrap">
            <table className="table" data-testid="admin-signins">
              <caption className="visually-hidden">{t('admin.signIns')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.signInTime')}</th>
                  <th scope="col">{t('signIn.username')}</th>
                  <th scope="col">{t('admin.signInAddress')}</th>
                  <th scope="col">{t('admin.signInOutcome')}</th>
                </tr>
              </thead>
              <tbody>
                {activity.attempts.map((a, i) => (
                  <tr key={`${a.at}-${i}`}>
                    <td>{time.format(a.at)}</td>
                    <th scope="row">{a.username}</th>
                    <td>{a.address}</td>
                    <td>{t(`admin.signInOutcome.${a.outcome}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
