import { useState, type FormEvent } from 'react';
import { FEATURES, localize, type CounterConfig, type Feature, type HallConfig } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { errorsFrom, FieldError, FormErrorSummary, type FieldErrors } from './formErrors.js';
import { TextField } from './TextField.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  config: HallConfig;
  token: string;
  onSaved(): Promise<void>;
}

interface Draft {
  id: string;
  label: string;
  features: Feature[];
  roaming: boolean;
  /** serviceId → weight as typed; absent: not served. */
  weights: Record<string, string>;
}

function draftOf(c: CounterConfig | null): Draft {
  return {
    id: c?.id ?? '',
    label: c?.label ?? '',
    features: [...(c?.features ?? [])],
    roaming: c?.roaming ?? false,
    weights: Object.fromEntries((c?.profile ?? []).map((p) => [p.serviceId, String(p.weight)])),
  };
}

function fieldOf(path: string): string | null {
  const [head] = path.split('.');
  if (head === 'id' || head === 'label' || head === 'profile' || head === 'features') return `ctr-${head}`;
  return null;
}

/** A counter's label, accessibility features and work profile (services with weights). */
export function CounterEditor({ config, token, onSaved }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [selected, setSelected] = useState<string>(config.counters[0]?.id ?? '');
  const base = config.counters.find((c) => c.id === selected) ?? null;
  const [draft, setDraft] = useState<Draft>(() => draftOf(base));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const labels: Record<string, string> = { 'ctr-id': t('admin.id'), 'ctr-label': t('admin.counterLabel'), 'ctr-profile': t('admin.profile'), 'ctr-features': t('admin.features') };

  const pick = (id: string) => {
    setSelected(id);
    setDraft(draftOf(config.counters.find((c) => c.id === id) ?? null));
    setErrors({});
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      ...(base ?? {}),
      id: draft.id.trim(),
      label: draft.label.trim(),
      features: draft.features,
      roaming: draft.roaming,
      profile: Object.entries(draft.weights).map(([serviceId, w]) => ({ serviceId, weight: w.trim() === '' ? 1 : Number(w) })),
    };
    setBusy(true);
    try {
      if (base) await api('updateCounter', token, { params: { id: base.id }, body });
      else await api('createCounter', token, { body });
      setErrors({});
      announce(t('admin.saved'));
      await onSaved();
      if (!base) setSelected(body.id);
    } catch (err) {
      setErrors(errorsFrom(err, fieldOf, t('error.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="admin-counters-title">
      <h2 id="admin-counters-title">{t('admin.counters')}</h2>
      <div className="field">
        <label htmlFor="ctr-pick">{t('admin.pickCounter')}</label>
        <select id="ctr-pick" value={selected} onChange={(e) => pick(e.target.value)}>
          {config.counters.map((c) => (
            <option key={c.id} value={c.id}>
              {t('open.counterLabel', { label: c.label })}
            </option>
          ))}
          <option value="">{t('admin.newCounter')}</option>
        </select>
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormErrorSummary errors={errors} labels={labels} idPrefix="ctr" />
        {base ? null : <TextField id="ctr-id" value={draft.id} onChange={(v) => set({ id: v })} hint={t('admin.idHint')} errors={errors} labels={labels} />}
        <TextField id="ctr-label" value={draft.label} width="8rem" onChange={(v) => set({ label: v })} errors={errors} labels={labels} />
        <fieldset className="fieldset" id="ctr-features" tabIndex={-1}>
          <legend>{labels['ctr-features']}</legend>
          <FieldError id="ctr-features" errors={errors} />
          {FEATURES.map((f) => (
            <label key={f} className="checkbox stack-item">
              <input
                type="checkbox"
                checked={draft.features.includes(f)}
                onChange={(e) => set({ features: e.target.checked ? [...draft.features, f] : draft.features.filter((x) => x !== f) })}
              />
              {t(f === 'hearing-loop' ? 'admin.feature.hearingLoop' : 'admin.feature.lowDesk')}
            </label>
          ))}
          <label className="checkbox stack-item">
            <input type="checkbox" checked={draft.roaming} onChange={(e) => set({ roaming: e.target.checked })} />
            {t('admin.roaming')}
          </label>
        </fieldset>
        <fieldset className="fieldset" id="ctr-profile" tabIndex={-1}>
          <legend>{labels['ctr-profile']}</legend>
          <p className="hint">{t('admin.profileHint')}</p>
          <FieldError id="ctr-profile" errors={errors} />
          {config.services.map((s) => {
            const on = s.id in draft.weights;
            const name = `${s.prefix} – ${localize(s.name, language)}`;
            return (
              <div key={s.id} className="profile-row">
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={(e) => {
                      const weights = { ...draft.weights };
                      if (e.target.checked) weights[s.id] = '1';
                      else delete weights[s.id];
                      set({ weights });
                    }}
                  />
                  {name}
                </label>
                {on ? (
                  <span className="field--inline">
                    <label htmlFor={`ctr-weight-${s.id}`}>{t('admin.weight')}</label>
                    <input
                      id={`ctr-weight-${s.id}`}
                      inputMode="decimal"
                      value={draft.weights[s.id] ?? ''}
                      aria-label={`${t('admin.weight')}: ${name}`}
                      onChange={(e) => set({ weights: { ...draft.weights, [s.id]: e.target.value } })}
                    />
                  </span>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <div className="button-row">
          <BusyButton type="submit" className="button" busy={busy}>
            {base ? t('admin.saveCounter') : t('admin.createCounter')}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
