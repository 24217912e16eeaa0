import { useEffect, useState, type FormEvent } from 'react';
import { localize, type ContactConfig, type ContactView, type Language, type StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { useFocusInCommit } from '../hooks/useFocusInCommit.js';
import { serviceName } from '../format/describe.js';
import { knowledgeApi, pickText } from './knowledgeApi.js';
import { KbField } from './KbField.js';
import { DialogButtons } from '../components/DialogButtons.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  token: string;
  snapshot: StaffSnapshot;
  /** null: every organisation (an admin, or a supervisor without one). */
  ownOrganisation: string | null;
  runner: ActionRunner;
}

interface Draft {
  id: string;
  organisationId: string;
  name: string;
  topic: string;
  room: string;
  phone: string;
  email: string;
  hours: string;
  transfer: string;
}

const EMPTY: Draft = { id: '', organisationId: '', name: '', topic: '', room: '', phone: '', email: '', hours: '', transfer: '' };

/** The directory of responsible desks, edited by the supervisors of their organisation; texts in the editor's language. */
export function DesksEditor({ token, snapshot, ownOrganisation, runner }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [desks, setDesks] = useState<ContactView[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<ContactView | null>(null);
  const { run } = runner;
  const focusInCommit = useFocusInCommit();
  // Loading does not go through the runner: it runs beside the review screen's own loading.
  const load = async () => {
    const r = await knowledgeApi.contacts(token).catch(() => null);
    if (r) setDesks(r.contacts);
  };
  useEffect(() => {
    void load();
    // Load once; changes reload explicitly.
  }, []);

  const mine = desks.filter((d) => ownOrganisation === null || d.organisationId === ownOrganisation);
  const orgs = snapshot.organisations.filter((o) => ownOrganisation === null || o.id === ownOrganisation);
  const text = (x: Partial<Record<Language, string>>) => pickText(x, language)?.text ?? '';
  const startEdit = (d: ContactView | null) => {
    focusInCommit('desk-form-title');
    setEditing(d);
    setDraft(
      d
        ? {
            id: d.id, organisationId: d.organisationId, name: d.name[language] ?? text(d.name), topic: d.topic[language] ?? '', room: d.room,
            phone: d.phone, email: d.email, hours: d.hours[language] ?? '',
            transfer: d.counterId !== null ? `counter:${d.counterId}` : d.serviceId !== null ? `service:${d.serviceId}` : '',
          }
        : { ...EMPTY, organisationId: orgs[0]?.id ?? '' },
    );
  };
  // Saved or cancelled: the form goes and focus goes to the directory's heading in the same commit.
  const closeForm = () => {
    focusInCommit('desks-title');
    setDraft(null);
    setEditing(null);
  };
  const set = (k: keyof Draft, v: string) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const put = (base: Partial<Record<Language, string>>, v: string) => {
    const next = { ...base };
    if (v.trim() === '') delete next[language];
    else next[language] = v.trim();
    return next;
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const [kind, target] = draft.transfer.split(':');
    const body: ContactConfig = {
      id: draft.id.trim(),
      organisationId: draft.organisationId,
      name: put(editing?.name ?? {}, draft.name),
      topic: put(editing?.topic ?? {}, draft.topic),
      room: draft.room.trim(),
      phone: draft.phone.trim(),
      email: draft.email.trim(),
      hours: put(editing?.hours ?? {}, draft.hours),
      serviceId: kind === 'service' && target ? target : null,
      counterId: kind === 'counter' && target ? target : null,
    };
    const r = await run(() => knowledgeApi.putContact(token, body));
    if (!r) return;
    announce(t('desks.saved', { name: text(r.name) }));
    closeForm();
    await load();
  };
  const remove = async (d: ContactView) => {
    const r = await run(() => knowledgeApi.deleteContact(token, d.id));
    if (r === undefined) return;
    announce(t('desks.deleted', { name: text(d.name) }));
    await load();
    document.getElementById('desks-title')?.focus();
  };

  return (
    <section aria-labelledby="desks-title">
      <h2 id="desks-title" tabIndex={-1}>
        {t('desks.title')}
      </h2>
      <p>{t('desks.intro')}</p>
      <ul>
        {mine.map((d) => (
          <li key={d.id}>
            <strong>{text(d.name)}</strong>
            {d.room ? ` · ${d.room}` : ''}
            {d.phone ? ` · ${d.phone}` : ''}{' '}
            <BusyButton type="button" className="button button--small button--secondary" busy={runner.busy} onClick={() => startEdit(d)}>
              {t('desks.edit')}
              <span className="visually-hidden"> {text(d.name)}</span>
            </BusyButton>{' '}
            <BusyButton type="button" className="button button--small button--secondary" busy={runner.busy} onClick={() => void remove(d)}>
              {t('desks.delete')}
              <span className="visually-hidden"> {text(d.name)}</span>
            </BusyButton>
          </li>
        ))}
      </ul>
      {draft === null ? (
        <button type="button" className="button button--secondary" onClick={() => startEdit(null)}>
          {t('desks.add')}
        </button>
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="desk-form-title">
          <h3 id="desk-form-title" tabIndex={-1}>
            {editing ? text(editing.name) : t('desks.add')}
          </h3>
          {editing ? null : <KbField id="desk-id" label={t('desks.id')} value={draft.id} onChange={(v) => set('id', v)} maxLength={40} />}
          <div className="field">
            <label htmlFor="desk-org">{t('desks.organisation')}</label>
            <select id="desk-org" value={draft.organisationId} onChange={(e) => set('organisationId', e.target.value)}>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {localize(o.name, language)}
                </option>
              ))}
            </select>
          </div>
          <KbField id="desk-name" label={t('desks.name')} value={draft.name} onChange={(v) => set('name', v)} maxLength={160} />
          <KbField id="desk-topic" label={t('desks.topic')} value={draft.topic} onChange={(v) => set('topic', v)} maxLength={300} />
          <KbField id="desk-room" label={t('desks.room')} value={draft.room} onChange={(v) => set('room', v)} maxLength={80} />
          <KbField id="desk-phone" label={t('desks.phone')} value={draft.phone} onChange={(v) => set('phone', v)} maxLength={40} />
          <KbField id="desk-email" label={t('desks.email')} value={draft.email} onChange={(v) => set('email', v)} maxLength={200} />
          <KbField id="desk-hours" label={t('desks.hours')} value={draft.hours} onChange={(v) => set('hours', v)} maxLength={300} />
          <div className="field">
            <label htmlFor="desk-transfer">{t('desks.transfer')}</label>
            <select id="desk-transfer" value={draft.transfer} onChange={(e) => set('transfer', e.target.value)}>
              <option value="">{t('desks.noTransfer')}</option>
              {snapshot.services.map((s) => (
                <option key={s.id} value={`service:${s.id}`}>
                  {serviceName(snapshot.services, s.id, language)}
                </option>
              ))}
              {snapshot.counters.map((c) => (
                <option key={c.id} value={`counter:${c.id}`}>
                  {t('header.counter', { label: c.label })}
                </option>
              ))}
            </select>
          </div>
          <DialogButtons submit={t('desks.save')} busy={runner.busy} onCancel={closeForm} />
        </form>
      )}
    </section>
  );
}
