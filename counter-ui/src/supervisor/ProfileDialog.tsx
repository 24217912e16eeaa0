import { useState, type FormEvent } from 'react';
import { localize, type CounterView, type ServiceStatus } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { Modal } from '../components/Modal.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { DialogButtons } from '../components/DialogButtons.js';

interface Props {
  counter: CounterView;
  /** The services the user may put on the counter: those of the organisations they act for. */
  services: readonly ServiceStatus[];
  /** Names of another organisation's services the counter serves: shown, kept by the server as they are. */
  others: readonly string[];
  token: string;
  runner: ActionRunner;
  onClose(): void;
}

/**
 * Reassign a counter's work profile: which of the user's services it serves and with what weight (higher is
 * favoured). Another organisation's services at a shared counter are listed and left as they are.
 */
export function ProfileDialog({ counter, services, others, token, runner, onClose }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [weights, setWeights] = useState<Record<string, string>>(() =>
    Object.fromEntries(counter.services.filter((p) => services.some((s) => s.id === p.serviceId)).map((p) => [p.serviceId, String(p.weight)])),
  );
  const [error, setError] = useState<string | null>(null);
  const chosen = Object.keys(weights);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const entries = chosen.map((serviceId) => ({ serviceId, weight: Number(weights[serviceId]) }));
    if (entries.length === 0) return setError(t('sup.profileEmpty'));
    if (entries.some((x) => !(x.weight > 0 && x.weight <= 10))) return setError(t('sup.profileWeight'));
    setError(null);
    const r = await runner.run(() => api('setProfile', token, { params: { id: counter.id }, body: { services: entries } }));
    if (r) {
      announce(t('sup.profileSaved', { label: counter.label }));
      onClose();
    }
  };

  return (
    <Modal open id="profile-dialog" title={t('sup.profileTitle', { label: counter.label })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error ? (
          <p className="error-message" role="alert">
            {error}
          </p>
        ) : null}
        <fieldset className="fieldset">
          <legend>{t('sup.profileLegend')}</legend>
          {services.map((s) => {
            const on = s.id in weights;
            return (
              <div key={s.id} className="profile-row">
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={(e) =>
                      setWeights((w) => {
                        const next = { ...w };
                        if (e.target.checked) next[s.id] = '1';
                        else delete next[s.id];
                        return next;
                      })
                    }
                  />
                  <span>{localize(s.name, language)}</span>
                </label>
                {on ? (
                  <span className="field field--inline">
                    <label htmlFor={`weight-${s.id}`}>{t('sup.weight')}</label>
                    <input
                      id={`weight-${s.id}`}
                      type="number"
                      inputMode="decimal"
                      min={0.1}
                      max={10}
                      step={0.1}
                      value={weights[s.id]}
                      onChange={(e) => setWeights((w) => ({ ...w, [s.id]: e.target.value }))}
                    />
                  </span>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        {others.length > 0 ? (
          <p className="hint" data-testid="profile-others">
            {t('sup.profileOthers', { services: others.join(', ') })}
          </p>
        ) : null}
        <DialogButtons submit={t('sup.profileSave')} busy={runner.busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
