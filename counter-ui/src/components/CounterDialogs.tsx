import { useState, type FormEvent } from 'react';
import { localize, type OutcomeConfig } from '@vuoro/server/protocol';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { Modal } from './Modal.js';
import { DialogButtons } from './DialogButtons.js';
import { BusyButton } from './BusyButton.js';

interface FinishProps {
  open: boolean;
  number: string;
  outcomes: readonly OutcomeConfig[];
  busy: boolean;
  onFinish(outcome: string): Promise<boolean>;
  onClose(): void;
}

/** Finish a visit with one of the hall's outcome codes; the first is chosen so Enter finishes at once. */
export function FinishDialog({ open, number, outcomes, busy, onFinish, onClose }: FinishProps) {
  const { t, language } = useI18n();
  const [outcome, setOutcome] = useState(outcomes[0]?.code ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onFinish(outcome)) onClose();
  };
  return (
    <Modal open={open} id="finish-dialog" title={t('finish.title', { number })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset className="fieldset">
          <legend>{t('finish.legend')}</legend>
          <div className="choices">
            {outcomes.map((o) => (
              <label key={o.code} className="choice">
                <input type="radio" name="outcome" value={o.code} checked={outcome === o.code} onChange={() => setOutcome(o.code)} />
                <span>{localize(o.label, language)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <DialogButtons submit={t('finish.submit')} busy={busy} incomplete={!outcome} onCancel={onClose} />
      </form>
    </Modal>
  );
}

const PAUSE_REASONS: readonly MessageKey[] = ['pause.reason.break', 'pause.reason.lunch', 'pause.reason.backOffice', 'pause.reason.meeting'];

interface PauseProps {
  open: boolean;
  busy: boolean;
  onPause(reason: string): Promise<boolean>;
  onClose(): void;
}

/** Pause with a reason the supervisor sees; "Other" takes free text. */
export function PauseDialog({ open, busy, onPause, onClose }: PauseProps) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<string>(PAUSE_REASONS[0] ?? 'pause.reason.break');
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const reason = choice === 'other' ? other.trim() : t(choice as MessageKey);
    if (!reason) {
      setError(t('pause.otherMissing'));
      return;
    }
    setError(null);
    if (await onPause(reason)) onClose();
  };
  return (
    <Modal open={open} id="pause-dialog" title={t('pause.title')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="fieldset">
          <legend>{t('pause.legend')}</legend>
          <div className="choices">
            {[...PAUSE_REASONS, 'other'].map((k) => (
              <label key={k} className="choice">
                <input type="radio" name="pause-reason" value={k} checked={choice === k} onChange={() => setChoice(k)} />
                <span>{k === 'other' ? t('pause.reason.other') : t(k as MessageKey)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {choice === 'other' ? (
          <div className={`field${error ? ' field--error' : ''}`}>
            <label htmlFor="pause-other">{t('pause.otherLabel')}</label>
            {error ? (
              <p id="pause-other-error" className="error-message" role="alert">
                {error}
              </p>
            ) : null}
            <input
              id="pause-other"
              maxLength={80}
              value={other}
              onChange={(e) => setOther(e.target.value)}
              aria-describedby={error ? 'pause-other-error' : undefined}
            />
          </div>
        ) : null}
        <DialogButtons submit={t('pause.submit')} busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

interface CloseProps {
  open: boolean;
  label: string;
  busy: boolean;
  onConfirm(): Promise<boolean>;
  onClose(): void;
}

/** Closing the counter asks once, so a stray key press cannot close it. */
export function CloseCounterDialog({ open, label, busy, onConfirm, onClose }: CloseProps) {
  const { t } = useI18n();
  return (
    <Modal open={open} id="close-dialog" title={t('close.title', { label })} onClose={onClose}>
      <p>{t('close.body')}</p>
      <div className="button-row">
        <BusyButton
          type="button"
          className="button button--warning"
          data-autofocus
          busy={busy}
          onClick={() => void onConfirm().then((ok) => (ok ? undefined : onClose()))}
        >
          {t('close.confirm', { label })}
        </BusyButton>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('close.keep')}
        </button>
      </div>
    </Modal>
  );
}
