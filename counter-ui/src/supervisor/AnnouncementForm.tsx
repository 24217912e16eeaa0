import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';

interface Props {
  current: string | null;
  token: string;
  runner: ActionRunner;
}

/** A message shown on every waiting-room display until it is cleared. */
export function AnnouncementForm({ current, token, runner }: Props) {
  const { t } = useI18n();
  const { announce } = useAnnouncer();
  const [text, setText] = useState('');

  const send = async (value: string | null) => {
    const r = await runner.run(() => api('announcement', token, { body: { text: value } }));
    if (!r) return;
    announce(r.text ? t('sup.announcementSent') : t('sup.announcementCleared'));
    setText('');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = text.trim();
    if (v) void send(v);
  };

  return (
    <section className="panel" aria-labelledby="sup-announcement-title">
      <h2 id="sup-announcement-title">{t('sup.announcement')}</h2>
      <p data-testid="sup-announcement-current">
        {current ? t('sup.announcementNow', { text: current }) : t('sup.announcementNone')}
      </p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="announcement-text">{t('sup.announcementLabel')}</label>
          <p className="hint" id="announcement-hint">
            {t('sup.announcementHint')}
          </p>
          <textarea
            id="announcement-text"
            rows={2}
            maxLength={200}
            value={text}
            aria-describedby="announcement-hint"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={runner.busy || text.trim() === ''}>
            {t('sup.announcementSend')}
          </button>
          {current ? (
            <button type="button" className="button button--secondary" disabled={runner.busy} onClick={() => void send(null)}>
              {t('sup.announcementClear')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
