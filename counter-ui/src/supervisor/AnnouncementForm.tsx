import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { BusyButton } from '../components/BusyButton.js';

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
          <BusyButton type="submit" className="button" busy={runner.busy} disabled={text.trim() === ''}>
            {t('sup.announcementSend')}
          </BusyButton>
          {current ? (
            <BusyButton type="button" className="button button--secondary" busy={runner.busy} onClick={() => void send(null)}>
              {t('sup.announcementClear')}
            </BusyButton>
          ) : null}
        </div>
      </form>
    </section>
  );
}
