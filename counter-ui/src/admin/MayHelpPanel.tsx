import { useEffect, useState } from 'react';
import { localize, type HallConfig } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { errorsFrom, FormErrorSummary, type FieldErrors } from './formErrors.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  config: HallConfig;
  token: string;
}

/**
 * Which organisations each organisation's staff may help (GET/PUT /admin/organisations/…/may-help): one fieldset per
 * organisation with a checkbox per other one, saved per organisation. One-directional: "city helps county" does not
 * let county staff act on city work. Every change is in the audit log (`organisation.may-help`).
 */
export function MayHelpPanel({ config, token }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [helps, setHelps] = useState<Record<string, string[]> | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<string | null>(null);
  const orgs = config.organisations;
  const name = (id: string) => {
    const o = orgs.find((x) => x.id === id);
    return o ? localize(o.name, language) : id;
  };

  useEffect(() => {
    let live = true;
    api('mayHelp', token).then(
      (m) => live && setHelps(m),
      (err: unknown) => live && setErrors(errorsFrom(err, () => null, t('error.network'))),
    );
    return () => {
      live = false;
    };
  }, [token, t]);

  const toggle = (from: string, to: string, on: boolean) =>
    setHelps((m) => {
      if (!m) return m;
      const now = new Set(m[from] ?? []);
      if (on) now.add(to);
      else now.delete(to);
      return { ...m, [from]: orgs.map((o) => o.id).filter((id) => now.has(id)) };
    });

  const save = async (from: string) => {
    setBusy(from);
    try {
      const r = await api('setMayHelp', token, { params: { id: from }, body: { helps: helps?.[from] ?? [] } });
      setHelps((m) => (m ? { ...m, [from]: r.helps } : m));
      setErrors({});
      announce(
        r.helps.length === 0
          ? t('admin.mayHelpSavedNone', { organisation: name(from) })
          : t('admin.mayHelpSaved', { organisation: name(from), others: r.helps.map(name).join(', ') }),
      );
    } catch (err) {
      setErrors(errorsFrom(err, () => null, t('error.network')));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="admin-mayhelp-title">
      <h2 id="admin-mayhelp-title">{t('admin.mayHelp')}</h2>
      <FormErrorSummary errors={errors} labels={{}} idPrefix="may-help" />
      <p>{t('admin.mayHelpHint')}</p>
      {orgs.length < 2 ? (
        <p>{t('admin.mayHelpSingle')}</p>
      ) : helps === null ? (
        <p role="status">{t('stats.loading')}</p>
      ) : (
        orgs.map((from) => (
          <form
            key={from.id}
            className="may-help"
            data-testid={`may-help-${from.id}`}
            onSubmit={(e) => {
              e.preventDefault();
              void save(from.id);
            }}
          >
            <fieldset className="fieldset">
              <legend>{t('admin.mayHelpLegend', { organisation: name(from.id) })}</legend>
              {orgs
                .filter((to) => to.id !== from.id)
                .map((to) => (
                  <label key={to.id} className="choice">
                    <input
                      type="checkbox"
                      checked={(helps[from.id] ?? []).includes(to.id)}
                      onChange={(e) => toggle(from.id, to.id, e.target.checked)}
                    />
                    <span>{name(to.id)}</span>
                  </label>
                ))}
            </fieldset>
            <div className="button-row">
              <BusyButton type="submit" className="button" busy={busy !== null}>
                {t('admin.mayHelpSave', { organisation: name(from.id) })}
              </BusyButton>
            </div>
          </form>
        ))
      )}
    </section>
  );
}
