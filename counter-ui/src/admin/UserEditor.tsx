import { useState, type FormEvent } from 'react';
import { ROLES, type HallConfig, type Role } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { OrganisationSelect } from './OrganisationSelect.js';
import { api } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { errorsFrom, FormErrorSummary, type FieldErrors } from './formErrors.js';
import { TextField } from './TextField.js';
import type { AdminUser } from './useAdminData.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  user: AdminUser;
  config: HallConfig;
  token: string;
  onDone(): Promise<void>;
}

/** One account: name, role, organisation, disabled, and a new password (left empty: unchanged). */
export function UserEditor({ user, config, token, onDone }: Props) {
  const { t } = useI18n();
  const { announce } = useAnnouncer();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [organisationId, setOrganisationId] = useState(user.organisationId ?? '');
  const [disabled, setDisabled] = useState(user.disabled ?? false);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const labels: Record<string, string> = { 'edit-displayName': t('admin.displayName'), 'edit-password': t('admin.newPassword') };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('updateUser', token, { params: { id: user.id }, body: {
        displayName,
        role,
        organisationId: organisationId || null,
        disabled,
        ...(password ? { password } : {}),
      } });
      announce(t('admin.userSaved', { name: user.username }));
      await onDone();
    } catch (err) {
      setErrors(errorsFrom(err, (p) => (p === 'displayName' || p === 'password' ? `edit-${p}` : null), t('error.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel panel--inner" onSubmit={(e) => void save(e)} noValidate aria-labelledby="edit-user-title">
      <h3 id="edit-user-title">{t('admin.editUser', { name: user.username })}</h3>
      <FormErrorSummary errors={errors} labels={labels} idPrefix="edit" />
      <TextField id="edit-displayName" value={displayName} onChange={setDisplayName} errors={errors} labels={labels} />
      <div className="inline-form">
        <div className="field">
          <label htmlFor="edit-role">{t('admin.role')}</label>
          <select id="edit-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`admin.role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <OrganisationSelect id="edit-organisation" label={t('stats.organisation')} value={organisationId} organisations={config.organisations} onChange={setOrganisationId} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
        {t('admin.disableUser')}
      </label>
      <TextField id="edit-password" type="password" hint={t('admin.resetHint')} value={password} onChange={setPassword} errors={errors} labels={labels} />
      <div className="button-row">
        <BusyButton type="submit" className="button" busy={busy}>
          {t('admin.saveUser')}
        </BusyButton>
      </div>
    </form>
  );
}
