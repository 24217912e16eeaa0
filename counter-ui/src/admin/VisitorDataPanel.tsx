import { useState, type FormEvent } from 'react';
import type { HeldDataView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { errorsFrom, FormErrorSummary, type FieldErrors } from './formErrors.js';
import { TextField } from './TextField.js';
import { BusyButton } from '../components/BusyButton.js';

/**
 * A visitor asks for their data to be erased: find the visit by the day and the ticket number, see what is held
 * (never the content), and erase it. The figures of the statistics stay.
 */
export function VisitorDataPanel({ token }: { token: string }) {
  const { t } = useI18n();
  const { announce } = useAnnouncer();
  const [date, setDate] = useState('');
  const [number, setNumber] = useState('');
  const [held, setHeld] = useState<HeldDataView[] | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const labels: Record<string, string> = { 'erase-date': t('erase.date'), 'erase-number': t('erase.number') };
  const fieldOf = (p: string) => (p === 'date' ? 'erase-date' : p === 'number' ? 'erase-number' : null);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      setHeld(await api('visitorData', token, { query: { date, number } }));
      setErrors({});
    } catch (err) {
      setHeld(null);
      setErrors(errorsFrom(err, fieldOf, t('error.network')));
    } finally {
      setBusy(false);
    }
  };

  const erase = async () => {
    setBusy(true);
    try {
      const after = await api('eraseVisitorData', token, { body: { date, number } });
      setHeld(after);
      setErrors({});
      announce(t('erase.done', { number: after[0]?.number ?? number }));
    } catch (err) {
      setErrors(errorsFrom(err, fieldOf, t('error.network')));
    } finally {
      setBusy(false);
    }
  };

  const anything = (h: HeldDataView) => h.needs > 0 || h.note || h.comment || h.statusLink;
  return (
    <section className="panel" aria-labelledby="admin-erase-title">
      <h2 id="admin-erase-title">{t('erase.title')}</h2>
      <p>{t('erase.intro')}</p>
      <FormErrorSummary errors={errors} labels={labels} idPrefix="erase" />
      <form onSubmit={(e) => void find(e)} noValidate>
        <TextField id="erase-date" value={date} onChange={setDate} errors={errors} labels={labels} hint={t('erase.dateHint')} width="12ch" />
        <TextField id="erase-number" value={number} onChange={setNumber} errors={errors} labels={labels} hint={t('erase.numberHint')} width="8ch" />
        <div className="button-row">
          <BusyButton type="submit" className="button button--secondary" busy={busy}>
            {t('erase.find')}
          </BusyButton>
        </div>
      </form>
      {held
        ? held.map((h) => (
            <div key={h.ticketId} className="panel panel--inner" data-testid="erase-held">
              <h3>{t('erase.visit', { number: h.number, date: h.localDate })}</h3>
              <ul>
                <li>{t('erase.needs', { count: String(h.needs) })}</li>
                <li>{h.note ? t('erase.noteYes') : t('erase.noteNo')}</li>
                <li>{h.comment ? t('erase.commentYes') : t('erase.commentNo')}</li>
                <li>{h.statusLink ? t('erase.linkYes') : t('erase.linkNo')}</li>
              </ul>
              {anything(h) ? (
                <BusyButton type="button" className="button button--warning" busy={busy} onClick={() => void erase()}>
                  {t('erase.erase', { number: h.number })}
                </BusyButton>
              ) : (
                <p role="status">{t('erase.nothing')}</p>
              )}
            </div>
          ))
        : null}
    </section>
  );
}
