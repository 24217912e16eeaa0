import { useState, type FormEvent } from 'react';
import { ROLES, type HallConfig, type Role } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { OrganisationSelect, useOrganisationName } from './OrganisationSelect.js';
import { api } from '../api/client.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { errorsFrom, FormErrorSummary, type FieldErrors } from './formErrors.js';
import { TextField } from './TextField.js';
import { UserEditor } from './UserEditor.js';
import type { AdminUser } from './useAdminData.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  config: HallConfig;
  users: AdminUser[];
  token: string;
  onSaved(): Promise<void>;
}

const EMPTY = { username: '', displayName: '', password: '', role: 'staff' as Role, organisationId: '' };

/** Staff accounts: the list, changing one (role, organisation, disabled, new password), and creating one. */
export function UsersPanel({ config, users, token, onSaved }: Props) {
  const { t } = useI18n();
  const { announce } = useAnnouncer();
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const org = useOrganisationName(config.organisations);
  const labels: Record<string, string> = {
    'user-username': t('signIn.username'),
    'user-displayName': t('admin.displayName'),
    'user-password': t('signIn.password'),
    'user-role': t('admin.role'),
    'user-organisationId': t('stats.organisation'),
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('createUser', token, { body: { ...draft, organisationId: draft.organisationId || null } });
      setErrors({});
      setDraft(EMPTY);
      announce(t('admin.userCreated', { name: draft.username }));
      await onSaved();
    } catch (err) {
      setErrors(errorsFrom(err, (p) => (p in draft ? `user-${p}` : null), t('error.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="admin-users-title">
      <h2 id="admin-users-title">{t('admin.users')}</h2>
      <div className="table-wrap">
        <table className="table" data-testid="admin-users">
          <caption className="visually-hidden">{t('admin.users')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('signIn.username')}</th>
              <th scope="col">{t('admin.displayName')}</th>
              <th scope="col">{t('admin.role')}</th>
              <th scope="col">{t('stats.organisation')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.change')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid={`admin-user-${u.username}`}>
                <th scope="row">{u.username}</th>
                <td>{u.displayName}</td>
                <td>{t(`admin.role.${u.role}`)}</td>
                <td>{org(u.organisationId)}</td>
                <td>
                  {u.disabled ? t('admin.disabled') : t('admin.active')}
                  {u.source === 'directory' ? <span className="hint">{t('integrations.fromDirectory')}</span> : null}
                </td>
                <td>
                  <button type="button" className="button button--small button--secondary" aria-expanded={editing === u.id} onClick={() => setEditing(editing === u.id ? null : u.id)}>
                    {t('admin.change')}
                    <span className="visually-hidden"> {u.username}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {users
        .filter((u) => u.id === editing)
        .map((u) => (
          <UserEditor key={u.id} user={u} config={config} token={token} onDone={async () => (setEditing(null), await onSaved())} />
        ))}
      <h3>{t('admin.newUser')}</h3>
      <form onSubmit={(e) => void create(e)} noValidate>
        <FormErrorSummary errors={errors} labels={labels} idPrefix="user" />
        <TextField id="user-username" value={draft.username} onChange={(v) => setDraft({ ...draft, username: v })} errors={errors} labels={labels} />
        <TextField id="user-displayName" value={draft.displayName} onChange={(v) => setDraft({ ...draft, displayName: v })} errors={errors} labels={labels} />
        <TextField id="user-password" type="password" hint={t('admin.passwordHint')} value={draft.password} onChange={(v) => setDraft({ ...draft, password: v })} errors={errors} labels={labels} />
        <div className="inline-form">
          <div className="field">
            <label htmlFor="user-role">{labels['user-role']}</label>
            <select id="user-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`admin.role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <OrganisationSelect id="user-organisationId" label={labels['user-organisationId']} value={draft.organisationId} organisations={config.organisations} onChange={(v) => setDraft({ ...draft, organisationId: v })} />
        </div>
        <div className="button-row">
          <BusyButton type="submit" className="button" busy={busy}>
            {t('admin.createUser')}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
