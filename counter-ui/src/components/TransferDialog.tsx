import { useState, type FormEvent } from 'react';
import { localize, type CounterView, type ServiceStatus, type TransferRequest } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { Modal } from './Modal.js';
import { DialogButtons } from './DialogButtons.js';

interface Props {
  open: boolean;
  number: string;
  currentServiceId: string;
  counterId: string;
  services: readonly ServiceStatus[];
  counters: readonly CounterView[];
  busy: boolean;
  onTransfer(to: TransferRequest): Promise<boolean>;
  onClose(): void;
}

/** Send the visitor to another service (keeping their arrival time) or to a named counter, with a note. */
export function TransferDialog({ open, number, currentServiceId, counterId, services, counters, busy, onTransfer, onClose }: Props) {
  const { t, language } = useI18n();
  const [kind, setKind] = useState<'service' | 'counter'>('service');
  const otherServices = services.filter((s) => s.id !== currentServiceId);
  // Only open counters: a visitor sent to a closed one would wait where nobody can call them.
  const otherCounters = counters.filter((c) => c.id !== counterId && c.open);
  const [serviceId, setServiceId] = useState(otherServices[0]?.id ?? '');
  const [targetCounter, setTargetCounter] = useState(otherCounters[0]?.id ?? '');
  const [note, setNote] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = note.trim();
    const extra = trimmed ? { note: trimmed } : {};
    const to: TransferRequest = kind === 'service' ? { serviceId, ...extra } : { counterId: targetCounter, ...extra };
    if (await onTransfer(to)) onClose();
  };

  return (
    <Modal open={open} id="transfer-dialog" title={t('transfer.title', { number })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset className="fieldset">
          <legend>{t('transfer.kindLegend')}</legend>
          <div className="choices choices--inline">
            <label className="choice">
              <input type="radio" name="transfer-kind" checked={kind === 'service'} onChange={() => setKind('service')} />
              <span>{t('transfer.toService')}</span>
            </label>
            <label className="choice">
              <input type="radio" name="transfer-kind" checked={kind === 'counter'} onChange={() => setKind('counter')} />
              <span>{t('transfer.toCounter')}</span>
            </label>
          </div>
        </fieldset>
        {kind === 'service' ? (
          <div className="field">
            <label htmlFor="transfer-service">{t('transfer.service')}</label>
            <p className="hint" id="transfer-service-hint">
              {t('transfer.keepsArrival')}
            </p>
            <select id="transfer-service" value={serviceId} aria-describedby="transfer-service-hint" onChange={(e) => setServiceId(e.target.value)}>
              {otherServices.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.prefix} – {localize(s.name, language)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="transfer-counter">{t('transfer.counter')}</label>
            <select id="transfer-counter" value={targetCounter} onChange={(e) => setTargetCounter(e.target.value)}>
              {otherCounters.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('header.counter', { label: c.label })}
                  {c.staff?.userName ? ` – ${c.staff.userName}` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="transfer-note">{t('transfer.note')}</label>
          <textarea id="transfer-note" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <DialogButtons submit={t('transfer.submit')} busy={busy} incomplete={kind === 'service' ? !serviceId : !targetCounter} onCancel={onClose} />
      </form>
    </Modal>
  );
}
