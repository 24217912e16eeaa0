import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { HallConfig } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { ApiFailure, api, RawBody } from '../api/client.js';
import { saveBlob } from '../api/download.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { errorsFrom, FieldError, FormErrorSummary, type FieldErrors } from './formErrors.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  token: string;
  onSaved(): Promise<void>;
}

/**
 * The whole hall configuration as one JSON file (the VUORO_CONFIG format): export it, or import one, from a file or
 * edited here. The editor is also the way to change the rarer parts (kiosks, displays, outcomes, messages).
 */
export function ConfigTransfer({ token, onSaved }: Props) {
  const { t } = useI18n();
  const { announce } = useAnnouncer();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const labels = { 'config-json': t('admin.configJson') };

  const current = async () => api('exportConfig', token);

  const exportFile = async () => {
    try {
      const c = await current();
      saveBlob(new Blob([JSON.stringify(c, null, 2)], { type: 'application/json' }), 'hall-config.json');
    } catch (err) {
      setErrors(errorsFrom(err, () => null, t('error.network')));
    }
  };

  const load = async () => {
    try {
      setText(JSON.stringify(await current(), null, 2));
      setErrors({});
    } catch (err) {
      setErrors(errorsFrom(err, () => null, t('error.network')));
    }
  };

  const readFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) void file.text().then(setText);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      setErrors({ 'config-json': t('admin.notJson', { detail: err instanceof Error ? err.message : '' }) });
      return;
    }
    setBusy(true);
    try {
      await api('importConfig', token, { body: new RawBody(parsed) });
      setErrors({});
      announce(t('admin.imported'));
      await onSaved();
    } catch (err) {
      // Paths of a whole config (services.0.prefix) all belong to the editor, which names each of them.
      const issues = err instanceof ApiFailure ? err.issues.map((i) => `${i.path}: ${i.message}`) : [];
      setErrors(issues.length > 0 ? { 'config-json': issues.join('; ') } : errorsFrom(err, () => null, t('error.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="admin-config-title">
      <h2 id="admin-config-title">{t('admin.config')}</h2>
      <p>{t('admin.configHint')}</p>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void exportFile()}>
          {t('admin.export')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => void load()}>
          {t('admin.loadCurrent')}
        </button>
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate className="stack">
        <FormErrorSummary errors={errors} labels={labels} idPrefix="config" />
        <div className="field">
          <label htmlFor="config-file">{t('admin.configFile')}</label>
          <input id="config-file" type="file" accept="application/json,.json" onChange={readFile} />
        </div>
        <div className={`field${errors['config-json'] ? ' field--error' : ''}`}>
          <label htmlFor="config-json">{labels['config-json']}</label>
          <FieldError id="config-json" errors={errors} />
          <textarea
            id="config-json"
            rows={14}
            spellCheck={false}
            className="code"
            value={text}
            aria-describedby={errors['config-json'] ? 'config-json-error' : undefined}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <BusyButton type="submit" className="button" busy={busy} disabled={text.trim() === ''}>
          {t('admin.import')}
        </BusyButton>
      </form>
    </section>
  );
}
