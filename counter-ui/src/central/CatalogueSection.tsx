import { useState, type FormEvent } from 'react';
import { LANGUAGE_AUTONYMS, LANGUAGES, localize, type CatalogueEntry, type CatalogueEntryInput, type Language, type LocalizedText } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { centralApi } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { errorsFrom, FormErrorSummary, type FieldErrors } from '../admin/formErrors.js';
import { TextField } from '../admin/TextField.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  catalogue: CatalogueEntry[];
  token: string;
  /** Admins edit the catalogue; supervisors read it. */
  canEdit: boolean;
  onSaved(): Promise<void>;
}

interface Draft {
  id: string;
  name: Partial<Record<Language, string>>;
  prepare: Partial<Record<Language, string>>;
  targetMinutes: string;
  organisationId: string;
}

const NEW = '';

function draftOf(e: CatalogueEntry | undefined): Draft {
  return {
    id: e?.id ?? '',
    name: { ...(e?.name ?? {}) },
    prepare: { ...(e?.prepare ?? {}) },
    targetMinutes: e ? String(e.targetMinutes) : '15',
    organisationId: e?.organisationId ?? '',
  };
}

/** The texts given, without empty languages. */
function texts(t: Partial<Record<Language, string>>): LocalizedText {
  return Object.fromEntries(Object.entries(t).map(([l, v]) => [l, (v ?? '').trim()]).filter(([, v]) => v !== ''));
}

/**
 * The central service catalogue: the entries halls can follow, and for the central admin a form to add an entry or
 * change one (each save is a new version, which following halls take when they next connect).
 */
export function CatalogueSection({ catalogue, token, canEdit, onSaved }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [selected, setSelected] = useState<string>(NEW);
  const [draft, setDraft] = useState<Draft>(() => draftOf(undefined));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const isNew = selected === NEW;

  const pick = (id: string) => {
    setSelected(id);
    setDraft(draftOf(catalogue.find((e) => e.id === id)));
    setErrors({});
  };

  const labels: Record<string, string> = {
    'cat-id': t('admin.id'),
    'cat-targetMinutes': t('admin.targetMinutes'),
    'cat-organisationId': t('central.catalogueOrganisation'),
    ...Object.fromEntries(LANGUAGES.map((l) => [`cat-name-${l}`, `${t('admin.name')} (${LANGUAGE_AUTONYMS[l]})`])),
    ...Object.fromEntries(LANGUAGES.map((l) => [`cat-prepare-${l}`, `${t('admin.prepare')} (${LANGUAGE_AUTONYMS[l]})`])),
  };
  const fieldOf = (path: string): string | null => {
    if (path === '') return isNew ? 'cat-id' : null;
    const [head, lang] = path.split('.');
    if (head === 'name') return `cat-name-${lang ?? 'en'}`;
    if (head === 'prepare') return `cat-prepare-${lang ?? 'en'}`;
    if (head === 'targetMinutes' || head === 'organisationId') return `cat-${head}`;
    return null;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const id = (isNew ? draft.id : selected).trim();
    const target = draft.targetMinutes.trim();
    const local: FieldErrors = {};
    if (isNew && id === '') local['cat-id'] = t('central.catalogueIdMissing');
    if (!/^\d{1,3}$/.test(target) || Number(target) < 1 || Number(target) > 600) local['cat-targetMinutes'] = t('central.catalogueTargetInvalid');
    if (Object.keys(local).length > 0) return setErrors(local);
    const prepare = texts(draft.prepare);
    const body: CatalogueEntryInput = {
      name: texts(draft.name),
      ...(Object.keys(prepare).length > 0 ? { prepare } : {}),
      targetMinutes: Number(target),
      organisationId: draft.organisationId.trim() === '' ? null : draft.organisationId.trim(),
    };
    setBusy(true);
    try {
      const saved = await centralApi('putCatalogueEntry', token, { params: { id }, body });
      setErrors({});
      await onSaved();
      setSelected(saved.id);
      setDraft(draftOf(saved));
      // Last: the form now holds the saved entry.
      announce(t('central.catalogueSaved', { id: saved.id, version: String(saved.version) }));
    } catch (err) {
      setErrors(errorsFrom(err, fieldOf, t('error.network')));
    } finally {
      setBusy(false);
    }
  };

  const field = { errors, labels };
  return (
    <section className="panel" aria-labelledby="central-catalogue-title">
      <h2 id="central-catalogue-title">{t('central.catalogue')}</h2>
      <p>{t('central.catalogueHint')}</p>
      {catalogue.length === 0 ? (
        <p>{t('central.catalogueEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="central-catalogue">
            <caption className="visually-hidden">{t('central.catalogue')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('central.catalogueEntry')}</th>
                <th scope="col">{t('central.catalogueName')}</th>
                <th scope="col">{t('central.catalogueTarget')}</th>
                <th scope="col">{t('central.catalogueVersion')}</th>
              </tr>
            </thead>
            <tbody>
              {catalogue.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.id}</th>
                  <td>{localize(e.name, language)}</td>
                  <td>{t('stats.minutes', { n: e.targetMinutes.toLocaleString(language) })}</td>
                  <td>{e.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <>
          <h3 id="central-catalogue-edit">{t('central.catalogueEdit')}</h3>
          <div className="field">
            <label htmlFor="cat-pick">{t('central.cataloguePick')}</label>
            <select id="cat-pick" value={selected} onChange={(e) => pick(e.target.value)}>
              <option value={NEW}>{t('central.catalogueNew')}</option>
              {catalogue.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.id} – {localize(e.name, language)}
                </option>
              ))}
            </select>
          </div>
          <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="central-catalogue-edit">
            <FormErrorSummary errors={errors} labels={labels} idPrefix="cat" />
            {isNew ? <TextField id="cat-id" value={draft.id} onChange={(v) => set({ id: v })} hint={t('admin.idHint')} {...field} /> : null}
            <fieldset className="fieldset">
              <legend>{t('admin.names')}</legend>
              {LANGUAGES.map((l) => (
                <TextField key={l} id={`cat-name-${l}`} lang={l} value={draft.name[l] ?? ''} onChange={(v) => set({ name: { ...draft.name, [l]: v } })} {...field} />
              ))}
            </fieldset>
            <fieldset className="fieldset">
              <legend>{t('admin.prepares')}</legend>
              {LANGUAGES.map((l) => (
                <TextField key={l} id={`cat-prepare-${l}`} lang={l} multiline value={draft.prepare[l] ?? ''} onChange={(v) => set({ prepare: { ...draft.prepare, [l]: v } })} {...field} />
              ))}
            </fieldset>
            <div className="inline-form">
              <TextField id="cat-targetMinutes" inputMode="numeric" width="6rem" value={draft.targetMinutes} onChange={(v) => set({ targetMinutes: v })} {...field} />
              <TextField id="cat-organisationId" width="12rem" value={draft.organisationId} hint={t('central.catalogueOrganisationHint')} onChange={(v) => set({ organisationId: v })} {...field} />
            </div>
            <BusyButton type="submit" className="button" busy={busy}>
              {t('central.catalogueSave')}
            </BusyButton>
          </form>
        </>
      ) : null}
    </section>
  );
}
