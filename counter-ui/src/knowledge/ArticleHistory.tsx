import { useState } from 'react';
import type { ArticleSummaryView, Language, VersionDiffView, VersionView } from '@vuoro/server/protocol';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import type { ActionRunner } from '../hooks/useAction.js';
import { useFocusInCommit } from '../hooks/useFocusInCommit.js';
import { knowledgeApi, pickText } from './knowledgeApi.js';
import { DiffView } from './DiffView.js';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  token: string;
  articles: readonly ArticleSummaryView[];
  runner: ActionRunner;
  timeZone: string;
  onChanged(): void;
}

const STATE_KEYS: Record<VersionView['state'], MessageKey> = {
  published: 'history.state.published',
  superseded: 'history.state.superseded',
  proposed: 'history.state.proposed',
  rejected: 'history.state.rejected',
};

/** Every version of one article with who and when, what each changed, and "go back" to an earlier one. */
export function ArticleHistory({ token, articles, runner, timeZone, onChanged }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  const [chosen, setChosen] = useState<number | null>(articles[0]?.id ?? null);
  const [shown, setShown] = useState<{ id: number; versions: VersionView[] } | null>(null);
  const [diff, setDiff] = useState<VersionDiffView | null>(null);
  const focusInCommit = useFocusInCommit();
  const title = (texts: Partial<Record<Language, string>>) => pickText(texts, language)?.text ?? '';
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', timeZone });
  const id = chosen ?? articles[0]?.id ?? null;

  const show = async (articleId: number) => {
    const r = await runner.run(() => knowledgeApi.history(token, articleId));
    if (!r) return;
    setShown({ id: articleId, versions: r.versions });
    setDiff(null);
  };
  const showDiff = async (v: VersionView) => {
    const d = await runner.run(() => knowledgeApi.diff(token, v.id));
    if (!d) return;
    focusInCommit('history-diff');
    setDiff(d);
  };
  const revert = async (articleId: number, version: number) => {
    const a = await runner.run(() => knowledgeApi.revert(token, articleId, version));
    if (!a) return;
    announce(t('history.reverted', { version, next: a.version }));
    await show(articleId);
    onChanged();
  };
  const article = shown ? articles.find((a) => a.id === shown.id) : undefined;
  const published = shown?.versions.find((v) => v.state === 'published')?.version;

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      <div className="field">
        <label htmlFor="history-article">{t('history.choose')}</label>
        <select id="history-article" value={id ?? ''} onChange={(e) => setChosen(Number(e.target.value))}>
          {articles.map((a) => (
            <option key={a.id} value={a.id}>
              {title(a.title)}
            </option>
          ))}
        </select>
      </div>
      <BusyButton type="button" className="button button--secondary" busy={runner.busy} disabled={id === null} onClick={() => id !== null && void show(id)}>
        {t('history.show')}
      </BusyButton>
      {shown && article ? (
        <table className="table">
          <caption>{t('history.caption', { title: title(article.title) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.version')}</th>
              <th scope="col">{t('history.state')}</th>
              <th scope="col">{t('history.who')}</th>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('review.changes')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.versions.map((v) => (
              <tr key={v.id}>
                <td>{v.version}</td>
                <td>{t(STATE_KEYS[v.state])}</td>
                <td>
                  {v.proposedBy ?? '?'}
                  {v.reviewedBy ? `, ${v.reviewedBy}` : ''}
                  {v.comment ? ` – ${v.comment}` : ''}
                </td>
                <td>{when.format(v.reviewedAt ?? v.proposedAt)}</td>
                <td>
                  <BusyButton type="button" className="button button--small button--secondary" busy={runner.busy} onClick={() => void showDiff(v)}>
                    {t('history.diff', { version: v.version })}
                  </BusyButton>
                  {(v.state === 'superseded' || v.state === 'rejected') && v.version !== published ? (
                    <BusyButton type="button" className="button button--small button--secondary" busy={runner.busy} onClick={() => void revert(shown.id, v.version)}>
                      {t('history.revert', { version: v.version })}
                    </BusyButton>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {diff ? (
        <div>
          <h3 id="history-diff" tabIndex={-1}>
            {t('history.diff', { version: diff.version.version })}
          </h3>
          <DiffView diff={diff} />
        </div>
      ) : null}
    </section>
  );
}
