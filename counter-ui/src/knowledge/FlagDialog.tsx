import { useEffect, useState, type FormEvent } from 'react';
import type { ArticleView } from '@vuoro/server/protocol';
import { ApiFailure } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { Modal } from '../components/Modal.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { knowledgeApi, pickText } from './knowledgeApi.js';
import { KbField } from './KbField.js';
import { DialogButtons } from '../components/DialogButtons.js';

interface Props {
  open: boolean;
  token: string;
  article: ArticleView;
  onClose(): void;
  onExpired(): void;
}

/** Staff report an article as wrong or outdated, with a comment for its owners. */
export function FlagDialog({ open, token, article, onClose, onExpired }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [kind, setKind] = useState<'wrong' | 'outdated'>('outdated');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setComment('');
      setError(null);
    }
  }, [open]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (comment.trim() === '') {
      setError(t('kb.flagCommentMissing'));
      document.getElementById('kb-flag-comment')?.focus();
      return;
    }
    setBusy(true);
    try {
      await knowledgeApi.flag(token, article.id, { kind, comment });
      announce(t('kb.flagged'));
      onClose();
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'unauthorized') onExpired();
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} id="kb-flag" title={t('kb.flagTitle', { title: pickText(article.title, language)?.text ?? '' })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="fieldset">
          <legend>{t('kb.flagKind')}</legend>
          <div className="choices">
            {(['outdated', 'wrong'] as const).map((k) => (
              <label key={k} className="choice">
                <input type="radio" name="kb-flag-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                <span>{t(k === 'wrong' ? 'kb.flagWrong' : 'kb.flagOutdated')}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <KbField id="kb-flag-comment" label={t('kb.flagComment')} value={comment} onChange={setComment} error={error ?? undefined} multiline={3} maxLength={500} />
        <DialogButtons submit={t('kb.flagSubmit')} busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
