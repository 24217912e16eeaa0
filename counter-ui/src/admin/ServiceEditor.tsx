import { useState, type FormEvent } from 'react';
import { LANGUAGE_AUTONYMS, WEEKDAYS, localize, type HallConfig, type ServiceConfig } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api, RawBody } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { described, errorsFrom, FieldError, FormErrorSummary, type FieldErrors } from './formErrors.js';
import { draftOf, serviceFieldOf, serviceOf, type ServiceDraft } from './serviceDraft.js';
import { TextField } from './TextField.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  config: HallConfig;
  token: string;
  onSaved(): Promise<void>;
}

/** Pick a service (or "new"), edit its common fields, save: the server validates and every screen follows live. */
export function ServiceEditor({ config, token, onSaved }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [selected, setSelected] = useState<string>(config.services[0]?.id ?? '');
  const base = config.services.find((s) => s.id === selected) ?? null;
  const [draft, setDraft] = useState<ServiceDraft>(() => draftOf(base));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ServiceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const langs = config.hall.languages;

  const pick = (id: string) => {
    setSelected(id);
    setDraft(draftOf(config.services.find((s) => s.id === id) ?? null));
    setErrors({});
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = new RawBody(serviceOf(draft, base, config.hall.defaultLanguage));
      if (base) await api('updateService', token, { params: { id: base.id }, body });
      else await api('createService', token, { body });
      setErrors({});
      announce(t('admin.saved'));
      await onSaved();
      if (!base) setSelected(draft.id.trim());
    } catch (err) {
      setErrors(errorsFrom(err, serviceFieldOf, t('error.network')));
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<string, string> = {
    'svc-id': t('admin.id'),
    'svc-prefix': t('admin.prefix'),
    'svc-organisationId': t('stats.organisation'),
    'svc-priorityWeight': t('admin.priorityWeight'),
    'svc-targetMinutes': t('admin.targetMinutes'),
    'svc-cutoffMinutes': t('admin.cutoffMinutes'),
    'svc-dailyCap': t('admin.dailyCap'),
    'svc-catalogue': t('admin.catalogue'),
    'svc-closures': t('admin.closures'),
    ...Object.fromEntries(langs.map((l) => [`svc-name-${l}`, `${t('admin.name')} (${LANGUAGE_AUTONYMS[l]})`])),
    ...Object.fromEntries(langs.map((l) => [`svc-prepare-${l}`, `${t('admin.prepare')} (${LANGUAGE_AUTONYMS[l]})`])),
    ...Object.fromEntries(WEEKDAYS.map((d) => [`svc-hours-${d}`, t(`admin.day.${d}`)])),
  };
  const field = { errors, labels };

  return (
    <section className="panel" aria-labelledby="admin-services-title">
      <h2 id="admin-services-title">{t('admin.services')}</h2>
      <div className="field">
        <label htmlFor="svc-pick">{t('admin.pickService')}</label>
        <select id="svc-pick" value={selected} onChange={(e) => pick(e.target.value)}>
          {config.services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.prefix} – {localize(s.name, language)}
            </option>
          ))}
          <option value="">{t('admin.newService')}</option>
        </select>
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormErrorSummary errors={errors} labels={labels} idPrefix="svc" />
        {base ? null : <TextField id="svc-id" value={draft.id} onChange={(v) => set({ id: v })} hint={t('admin.idHint')} {...field} />}
        <TextField id="svc-prefix" value={draft.prefix} onChange={(v) => set({ prefix: v })} hint={t('admin.prefixHint')} width="4rem" {...field} />
        <div className={`field${errors['svc-organisationId'] ? ' field--error' : ''}`}>
          <label htmlFor="svc-organisationId">{labels['svc-organisationId']}</label>
          <FieldError id="svc-organisationId" errors={errors} />
          <select id="svc-organisationId" value={draft.organisationId} onChange={(e) => set({ organisationId: e.target.value })} {...described('svc-organisationId', errors)}>
            <option value="">{t('admin.noOrganisation')}</option>
            {config.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {localize(o.name, language)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="fieldset">
          <legend>{t('admin.names')}</legend>
          {langs.map((l) => (
            <TextField key={l} id={`svc-name-${l}`} lang={l} value={draft.name[l] ?? ''} onChange={(v) => set({ name: { ...draft.name, [l]: v } })} {...field} />
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('admin.prepares')}</legend>
          {langs.map((l) => (
            <TextField key={l} id={`svc-prepare-${l}`} lang={l} multiline value={draft.prepare[l] ?? ''} onChange={(v) => set({ prepare: { ...draft.prepare, [l]: v } })} {...field} />
          ))}
        </fieldset>
        <div className="inline-form">
          <TextField id="svc-priorityWeight" inputMode="decimal" width="6rem" value={draft.priorityWeight} onChange={(v) => set({ priorityWeight: v })} {...field} />
          <TextField id="svc-targetMinutes" inputMode="numeric" width="6rem" value={draft.targetMinutes} onChange={(v) => set({ targetMinutes: v })} {...field} />
          <TextField id="svc-cutoffMinutes" inputMode="numeric" width="6rem" value={draft.cutoffMinutes} onChange={(v) => set({ cutoffMinutes: v })} {...field} />
          <TextField id="svc-dailyCap" inputMode="numeric" width="6rem" value={draft.dailyCap} hint={t('admin.dailyCapHint')} onChange={(v) => set({ dailyCap: v })} {...field} />
        </div>
        <TextField id="svc-catalogue" value={draft.catalogueId} width="16rem" hint={t('admin.catalogueHint')} onChange={(v) => set({ catalogueId: v })} {...field} />
        <fieldset className="fieldset">
          <legend>{t('admin.hours')}</legend>
          <label className="checkbox">
            <input id="svc-ownHours" type="checkbox" checked={draft.ownHours} onChange={(e) => set({ ownHours: e.target.checked })} />
            {t('admin.ownHours')}
          </label>
          {draft.ownHours ? (
            <>
              <p className="hint" id="svc-hours-hint">
                {t('admin.hoursHint')}
              </p>
              {WEEKDAYS.map((d) => (
                <TextField key={d} id={`svc-hours-${d}`} value={draft.hours[d]} describedBy="svc-hours-hint" onChange={(v) => set({ hours: { ...draft.hours, [d]: v } })} {...field} />
              ))}
            </>
          ) : null}
        </fieldset>
        <TextField id="svc-closures" multiline value={draft.closures} hint={t('admin.closuresHint')} onChange={(v) => set({ closures: v })} {...field} />
        <div className="button-row">
          <BusyButton type="submit" className="button" busy={busy}>
            {base ? t('admin.saveService') : t('admin.createService')}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
