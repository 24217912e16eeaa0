import { useCallback, useEffect, useState } from 'react';
import type { ArticleSummaryView, KnowledgeFiguresView, Language, ReviewQueueView, StaffSnapshot, VersionDiffView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { MissingTable } from './MissingTable.js';
import type { StoredSession } from '../api/session.js';
import { useAction } from '../hooks/useAction.js';
import { useTitle } from '../hooks/useTitle.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { useAnnouncer } from '../components/LiveAnnouncer.js';
import { knowledgeApi, pickText } from './knowledgeApi.js';
import { DiffView } from './DiffView.js';
import { ArticleHistory } from './ArticleHistory.js';
import { DesksEditor } from './DesksEditor.js';
import './knowledge.css';
import { BusyButton } from '../components/BusyButton.js';

interface Props {
  session: StoredSession;
  snapshot: StaffSnapshot;
  onExpired(): void;
}

/**
 * Supervisors keep the knowledge base alive: proposals of their organisation with what each changes (publish or
 * reject), staff reports (mark handled), articles overdue for review (still correct), and searches that found nothing.
 */
export function KnowledgeReview({ session, snapshot, onExpired }: Props) {
  const { t, language } = useI18n();
  const { announce } = useAnnouncer();
  useTitle(t('review.title'));
  const runner = useAction(onExpired);
  const [queue, setQueue] = useState<ReviewQueueView | null>(null);
  const [figures, setFigures] = useState<KnowledgeFiguresView | null>(null);
  const [articles, setArticles] = useState<ArticleSummaryView[]>([]);
  const [diffs, setDiffs] = useState<Record<number, VersionDiffView>>({});
  const [notes, setNotes] = useState<Record<number, string>>({});
  const token = session.token;
  const { run } = runner;

  const load = useCallback(async () => {
    const q = await run(() => knowledgeApi.review(token));
    if (!q) return;
    setQueue(q);
    const loaded = await Promise.all(q.proposals.map((p) => knowledgeApi.diff(token, p.id).catch(() => null)));
    setDiffs(Object.fromEntries(loaded.flatMap((d) => (d ? [[d.version.id, d]] : []))));
    setFigures((await knowledgeApi.figures(token).catch(() => null)) ?? null);
    const own = session.user.role === 'admin' || session.user.organisationId === null ? null : session.user.organisationId;
    const all = await knowledgeApi.list(token).catch(() => ({ articles: [] as ArticleSummaryView[] }));
    setArticles(all.articles.filter((a) => own === null || a.organisationId === own));
  }, [run, token, session.user.role, session.user.organisationId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (session.user.role === 'staff') {
    return (
      <main id="main">
        <h1>{t('review.title')}</h1>
        <p className="notice notice--important">{t('sup.notAllowed')}</p>
      </main>
    );
  }

  const title = (texts: Partial<Record<Language, string>>) => pickText(texts, language)?.text ?? '';
  const act = async (fn: () => Promise<unknown>, said: string, focusId: string) => {
    const ok = await run(fn);
    if (ok === undefined) return;
    announce(said);
    await load();
    document.getElementById(focusId)?.focus();
  };
  const missing = figures?.missing ?? [];

  return (
    <main id="main" className="kb-review">
      <ErrorSummary message={runner.error} onDismiss={runner.clearError} />
      <h1>{t('review.title')}</h1>
      <p>{t('review.intro')}</p>
      <section aria-labelledby="review-proposals">
        <h2 id="review-proposals" tabIndex={-1}>
          {t('review.proposals', { count: queue?.proposals.length ?? 0 })}
        </h2>
        {queue && queue.proposals.length === 0 ? <p>{t('review.nothing')}</p> : null}
        {queue?.proposals.map((p) => {
          const d = diffs[p.id];
          const name = title(p.content.title);
          return (
            <article key={p.id} className="kb-review__item" aria-labelledby={`proposal-${p.id}`}>
              <h3 id={`proposal-${p.id}`}>
                {name}
                {p.basedOn === null ? ` (${t('review.newArticle')})` : ''}
              </h3>
              <p>{t('review.version', { version: p.version, name: p.proposedBy ?? '?' })}</p>
              {p.comment ? <p>{t('review.comment', { comment: p.comment })}</p> : null}
              {d ? (
                <>
                  <h4>{t('review.changes')}</h4>
                  <DiffView diff={d} />
                </>
              ) : null}
              <div className="field">
                <label htmlFor={`note-${p.id}`}>{t('review.note')}</label>
                <input id={`note-${p.id}`} maxLength={500} value={notes[p.id] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [p.id]: e.target.value }))} />
              </div>
              <div className="button-row">
                <BusyButton
                  type="button"
                  className="button"
                  busy={runner.busy}
                  onClick={() => void act(() => knowledgeApi.publish(token, p.id, notes[p.id] ?? ''), t('review.published', { title: name }), 'review-proposals')}
                >
                  {t('review.publish')}
                  <span className="visually-hidden"> {name}</span>
                </BusyButton>
                <BusyButton
                  type="button"
                  className="button button--secondary"
                  busy={runner.busy}
                  onClick={() => void act(() => knowledgeApi.reject(token, p.id, notes[p.id] ?? ''), t('review.rejected', { title: name }), 'review-proposals')}
                >
                  {t('review.reject')}
                  <span className="visually-hidden"> {name}</span>
                </BusyButton>
              </div>
            </article>
          );
        })}
      </section>
      <section aria-labelledby="review-flags">
        <h2 id="review-flags" tabIndex={-1}>
          {t('review.flags', { count: queue?.flags.length ?? 0 })}
        </h2>
        {queue && queue.flags.length === 0 ? <p>{t('review.nothing')}</p> : null}
        <ul>
          {queue?.flags.map((f) => (
            <li key={f.id}>
              <strong>{title(f.title)}</strong>:{' '}
              {t('review.flagBy', { kind: t(f.kind === 'wrong' ? 'kb.flagWrong' : 'kb.flagOutdated'), name: f.by ?? '?', comment: f.comment })}{' '}
              <BusyButton
                type="button"
                className="button button--small button--secondary"
                busy={runner.busy}
                onClick={() => void act(() => knowledgeApi.resolveFlag(token, f.id), t('review.flagResolved'), 'review-flags')}
              >
                {t('review.resolveFlag')}
                <span className="visually-hidden"> {title(f.title)}</span>
              </BusyButton>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="review-overdue">
        <h2 id="review-overdue" tabIndex={-1}>
          {t('review.overdue', { count: queue?.overdue.length ?? 0 })}
        </h2>
        {queue && queue.overdue.length === 0 ? <p>{t('review.nothing')}</p> : null}
        <ul>
          {queue?.overdue.map((a) => (
            <li key={a.id}>
              <strong>{title(a.title)}</strong>{' '}
              <BusyButton
                type="button"
                className="button button--small button--secondary"
                busy={runner.busy}
                onClick={() => void act(() => knowledgeApi.reviewed(token, a.id), t('review.confirmed', { title: title(a.title) }), 'review-overdue')}
              >
                {t('review.stillCorrect')}
                <span className="visually-hidden"> {title(a.title)}</span>
              </BusyButton>
            </li>
          ))}
        </ul>
      </section>
      {articles.length > 0 ? (
        <ArticleHistory token={token} articles={articles} runner={runner} timeZone={snapshot.hall.timeZone} onChanged={() => void load()} />
      ) : null}
      <DesksEditor
        token={token}
        snapshot={snapshot}
        ownOrganisation={session.user.role === 'admin' ? null : session.user.organisationId}
        runner={runner}
      />
      <section aria-labelledby="review-missing">
        <h2 id="review-missing">{t('review.missing')}</h2>
        {missing.length === 0 ? (
          <p>{t('review.nothing')}</p>
        ) : (
          <MissingTable missing={missing} limit={30} />
        )}
      </section>
    </main>
  );
}
