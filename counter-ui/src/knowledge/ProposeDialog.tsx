import { useEffect, useState, type FormEvent } from 'react';
import { LANGUAGES, LANGUAGE_AUTONYMS, type ArticleContent, type ArticleView, type Language, type ServiceStatus } from '@vuoro/server/protocol';
import { ApiFailure } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { serviceName } from '../format/describe.js';
import { Modal } from '../components/Modal.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { knowledgeApi } from './knowledgeApi.js';
import { KbField } from './KbField.js';
import { DialogButtons } from '../components/DialogButtons.js';

interface Props {
  open: boolean;
  token: string;
  /** null: a new article. */
  article: ArticleView | null;
  services: readonly ServiceStatus[];
  defaultServiceId: string | null;
  organisationId: string | null;
  onClose(): void;
  onExpired(): void;
}

interface Draft {
  lang: Language;
  serviceId: string;
  title: string;
  summary: string;
  bring: string;
  body: string;
  comment: string;
}

/** Step two of "propose a correction": a short form, prefilled, sent for review. Nothing changes until published. */
export function ProposeDialog({ open, token, article, services, defaultServiceId, organisationId, onClose, onExpired }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fill = (lang: Language, base: Draft | null): Draft => ({
    lang,
    serviceId: base?.serviceId ?? defaultServiceId ?? '',
    title: article?.content.title[lang] ?? '',
    summary: article?.content.summary[lang] ?? '',
    bring: article?.content.bring[lang] ?? '',
    body: article?.content.body[lang] ?? '',
    comment: base?.comment ?? '',
  });
  useEffect(() => {
    if (open) {
      setDraft(fill(language, null));
      setErrors({});
      setFailure(null);
    }
    // Fill once per opening.
  }, [open]);

  const set = (k: keyof Draft, v: string) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const titleText = article ? (article.content.title[language] ?? Object.values(article.content.title)[0] ?? '') : '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    if (draft.title.trim() === '') {
      setErrors({ 'kb-title': t('kb.titleMissing') });
      document.getElementById('kb-title-input')?.focus();
      return;
    }
    const service = services.find((s) => s.id === draft.serviceId);
    const owner = article?.organisationId ?? service?.organisationId ?? organisationId ?? '';
    const put = (texts: Partial<Record<Language, string>>, v: string) => {
      const next = { ...texts };
      if (v.trim() === '') delete next[draft.lang];
      else next[draft.lang] = v;
      return next;
    };
    const base: ArticleContent = article?.content ?? {
      serviceId: null, organisationId: owner, title: {}, summary: {}, body: {}, bring: {}, fees: {}, contact: {}, legalBasis: '', keywords: [], contactIds: [],
    };
    const content: ArticleContent = {
      ...base,
      serviceId: article ? base.serviceId : draft.serviceId === '' ? null : draft.serviceId,
      organisationId: owner,
      title: put(base.title, draft.title),
      summary: put(base.summary, draft.summary),
      bring: put(base.bring, draft.bring),
      body: put(base.body, draft.body),
    };
    setBusy(true);
    try {
      await knowledgeApi.propose(token, { ...(article ? { articleId: article.id } : {}), content, comment: draft.comment });
      announce(t('kb.proposed'));
      onClose();
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'unauthorized') onExpired();
      const byField: Record<string, string> = {};
      if (err instanceof ApiFailure) {
        for (const i of err.issues) {
          const field = /^content\.(title|summary|bring|body)/.exec(i.path)?.[1];
          if (field) byField[`kb-${field}`] = i.message;
        }
      }
      setErrors(byField);
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const orgName = article?.organisationId ?? services.find((s) => s.id === draft?.serviceId)?.organisationId ?? organisationId ?? '';
  return (
    <Modal open={open} id="kb-propose" title={article ? t('kb.proposeTitle', { title: titleText }) : t('kb.proposeNew')} onClose={onClose}>
      {draft ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('kb.proposeIntro', { organisation: orgName })}</p>
          {failure ? (
            <p className="error-message" role="alert">
              {failure}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="kb-lang">{t('kb.language')}</label>
            <select id="kb-lang" value={draft.lang} onChange={(e) => setDraft((d) => fill(e.target.value as Language, d))}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_AUTONYMS[l]}
                </option>
              ))}
            </select>
          </div>
          {article ? null : (
            <div className="field">
              <label htmlFor="kb-service">{t('kb.field.service')}</label>
              <select id="kb-service" value={draft.serviceId} onChange={(e) => set('serviceId', e.target.value)}>
                <option value="">{t('kb.field.general')}</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {serviceName(services, s.id, language)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <KbField id="kb-title-input" label={t('kb.field.title')} value={draft.title} onChange={(v) => set('title', v)} error={errors['kb-title']} lang={draft.lang} maxLength={160} />
          <KbField id="kb-summary-input" label={t('kb.field.summary')} value={draft.summary} onChange={(v) => set('summary', v)} error={errors['kb-summary']} lang={draft.lang} multiline={3} maxLength={1000} />
          <KbField id="kb-bring-input" label={t('kb.field.bring')} value={draft.bring} onChange={(v) => set('bring', v)} error={errors['kb-bring']} lang={draft.lang} multiline={2} maxLength={2000} />
          <KbField id="kb-body-input" label={t('kb.field.body')} value={draft.body} onChange={(v) => set('body', v)} error={errors['kb-body']} lang={draft.lang} multiline={5} maxLength={20000} />
          <KbField id="kb-comment-input" label={t('kb.field.comment')} value={draft.comment} onChange={(v) => set('comment', v)} multiline={2} maxLength={500} />
          <DialogButtons submit={t('kb.proposeSubmit')} busy={busy} onCancel={onClose} />
        </form>
      ) : null}
    </Modal>
  );
}
