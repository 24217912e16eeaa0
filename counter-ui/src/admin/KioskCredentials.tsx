import { useState } from 'react';
import type { HallConfig } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { errorsFrom, FormErrorSummary, type FieldErrors } from './formErrors.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  config: HallConfig;
  token: string;
}

/** Tickets a minute an enrolled kiosk may issue: far above a real queue at a touch screen, far below a script. */
const KIOSK_RATE_PER_MINUTE = 30;

/**
 * Kiosks as known devices: a credential (an API key limited to issuing tickets) is created for one kiosk and shown
 * once, as the address to open on that kiosk. Without one, a kiosk issues at the server's anonymous rate per address.
 * Credentials are revoked like any API key.
 */
export function KioskCredentials({ config, token }: Props) {
  const { t } = useI18n();
  const { announce } = useAnnouncer();
  const [kioskId, setKioskId] = useState(config.kiosks[0]?.id ?? '');
  const [link, setLink] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const kiosk = config.kiosks.find((k) => k.id === kioskId);

  const create = async () => {
    if (!kiosk) return;
    setBusy(true);
    try {
      const r = await api('createApiKey', token, {
        body: { name: `Kiosk ${kiosk.name}`.slice(0, 80), scopes: ['tickets:issue'], ratePerMinute: KIOSK_RATE_PER_MINUTE },
      });
      setLink(`${window.location.origin}/kiosk/?id=${encodeURIComponent(kiosk.id)}#credential=${r.secret}`);
      setErrors({});
      announce(t('admin.kioskCredentialMade', { kiosk: kiosk.name }));
    } catch (err) {
      setErrors(errorsFrom(err, () => null, t('error.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="admin-kiosks-title">
      <h2 id="admin-kiosks-title">{t('admin.kioskCredentials')}</h2>
      <FormErrorSummary errors={errors} labels={{}} idPrefix="kiosk-credential" />
      <p>{t('admin.kioskCredentialsHint', { rate: KIOSK_RATE_PER_MINUTE })}</p>
      {config.kiosks.length === 0 ? (
        <p>{t('admin.noKiosks')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="kiosk-credential-kiosk">{t('admin.kiosk')}</label>
            <select id="kiosk-credential-kiosk" value={kioskId} onChange={(e) => setKioskId(e.target.value)}>
              {config.kiosks.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <BusyButton type="button" className="button" busy={busy} onClick={() => void create()}>
              {t('admin.makeKioskCredential')}
            </BusyButton>
          </div>
        </>
      )}
      {link !== null && (
        <div className="field">
          <label htmlFor="kiosk-credential-link">{t('admin.kioskLink')}</label>
          <p className="hint" id="kiosk-credential-link-hint">
            {t('admin.kioskLinkHint')}
          </p>
          <input id="kiosk-credential-link" readOnly value={link} aria-describedby="kiosk-credential-link-hint" onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
    </section>
  );
}
