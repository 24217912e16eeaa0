import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ArticleSummaryView, ArticleView, CounterView, ServiceStatus, TicketView, TransferRequest } from '@vuoro/server/protocol';
import { ApiFailure } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { serviceName } from '../format/describe.js';
import { ArticleDetail } from './ArticleDetail.js';
import { knowledgeApi, pickText } from './knowledgeApi.js';
import { useKnowledgeSearch } from './useKnowledgeSearch.js';
import { ProposeDialog } from './ProposeDialog.js';
import './knowledge.css';

interface Props {
  token: string;
  /** The visitor at the counter, if any: their service's articles come first. */
  ticket: TicketView | null;
  services: readonly ServiceStatus[];
  counters: readonly CounterView[];
  organisationId: string | null;
  canResolve: boolean;
  canTransfer: boolean;
  /** One of the counter's actions is running: resolve and transfer do nothing meanwhile, but keep focus. */
  actionBusy: boolean;
  onResolve(articleId: number, title: string): Promise<boolean>;
  /** Says why resolving is not possible now: its button or shortcut was pressed. */
  onResolveUnavailable(): void;
  onTransfer(to: TransferRequest): Promise<boolean>;
  /** Says why transferring is not possible now: a desk's transfer button was pressed. */
  onTransferUnavailable(): void;
  onClose(): void;
  onExpired(): void;
}

/**
 * The knowledge panel beside the current ticket: the ticket's service's articles, search as you type, one article,
 * "resolved with this article", transfer to the responsible desk, and proposing a correction. A complementary
 * landmark with its own headings; the results count is announced politely; Escape goes back, then closes.
 */
export function KnowledgePanel(p: Props) {
  const { t, language } = useI18n();
  const [query, setQuery] = useState('');
  const [serviceArticles, setServiceArticles] = useState<ArticleSummaryView[] | null>(null);
  const [article, setArticle] = useState<ArticleView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [proposeNew, setProposeNew] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const lastOpened = useRef<number | null>(null);
  const returnToList = useRef(false);
  const focusedInPanel = useRef<HTMLElement | null>(null);
  const serviceId = p.ticket?.serviceId;
  const search = useKnowledgeSearch(p.token, query, serviceId, p.onExpired);

  const { onExpired } = p;
  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.code === 'unauthorized') onExpired();
      setError(err instanceof Error ? err.message : String(err));
    },
    [onExpired],
  );

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  // On a desk screen the panel ends above the status line and scrolls inside itself, so opening it never makes the
  // page taller than the window (the current ticket and its actions stay where they are). Narrow screens and high
  // zoom let it flow with the page instead.
  useLayoutEffect(() => {
    const el = panelRef.current;
    if (!el) return undefined;
    const fit = () => {
      const desk = window.matchMedia('(min-width: 60rem) and (min-height: 36rem)').matches;
      if (!desk) {
        el.style.maxHeight = '';
        return;
      }
      const top = el.getBoundingClientRect().top + window.scrollY;
      const status = document.querySelector('.status-line')?.getBoundingClientRect().height ?? 0;
      el.style.maxHeight = `${Math.max(240, window.innerHeight - top - status - 16)}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  useEffect(() => {
    let live = true;
    knowledgeApi.list(p.token, serviceId).then((r) => live && setServiceArticles(r.articles), (err: unknown) => live && fail(err));
    return () => {
      live = false;
    };
  }, [p.token, serviceId, fail]);

  // The count, announced once the results for what was typed have arrived.
  useEffect(() => {
    const r = search.result;
    if (!r) return;
    setAnnouncement(r.total === 0 ? t('kb.none', { query: r.query }) : r.total === 1 ? t('kb.countOne') : t('kb.count', { count: r.total }));
  }, [search.result, t]);

  const open = async (id: number) => {
    lastOpened.current = id;
    setError(null);
    try {
      setArticle(await knowledgeApi.article(p.token, id, true));
    } catch (err) {
      fail(err);
    }
  };
  const back = () => {
    returnToList.current = true;
    setArticle(null);
  };
  // Escape goes back from an article, then closes the panel: while focus is in the panel (or nowhere, between two
  // views), never from a dialog or elsewhere on the page.
  const escape = useRef<() => void>(() => undefined);
  escape.current = () => (article ? back() : p.onClose());
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      const active = document.activeElement;
      if (active !== document.body && !panelRef.current?.contains(active)) return;
      e.preventDefault();
      escape.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const serviceLabel = serviceId ? serviceName(p.services, serviceId, language) : null;
  const searching = query.trim() !== '';
  const list = searching ? (search.result?.results ?? []) : (serviceArticles ?? []);
  const listLoading = searching ? search.result === null : serviceArticles === null;
  const countText = search.result ? announcement : '';

  // Focus is moved in the same commit that changes the view, never a task later: a key pressed in between (or a
  // screen reader reading "where am I") must not land on the page body. Back from an article: onto the article it
  // came from once the list is there (the search field if that article is no longer listed).
  useLayoutEffect(() => {
    if (!returnToList.current || article || listLoading) return;
    returnToList.current = false;
    const id = lastOpened.current;
    const item = id === null ? null : document.getElementById(`kb-item-${id}`);
    (item ?? searchRef.current)?.focus();
  });
  // An update from the hall (the visitor finished or transferred elsewhere, the list of the service reloaded) can
  // remove the element that had focus: focus then goes to the article's heading, or the search field, not nowhere.
  useLayoutEffect(() => {
    const last = focusedInPanel.current;
    const gone = last !== null && (!last.isConnected || (last instanceof HTMLButtonElement && last.disabled));
    if (!gone || returnToList.current || document.querySelector('dialog[open]')) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    focusedInPanel.current = null;
    (document.getElementById('kb-article-title') ?? searchRef.current)?.focus();
  });
  // What had focus in the panel; forgotten once staff move on elsewhere (focus or a click outside the panel).
  useEffect(() => {
    const track = (e: Event) => {
      const inside = e.target instanceof HTMLElement && panelRef.current?.contains(e.target);
      if (e.type === 'focusin' && inside) focusedInPanel.current = e.target as HTMLElement;
      else if (!inside) focusedInPanel.current = null;
    };
    const active = document.activeElement;
    if (active instanceof HTMLElement && panelRef.current?.contains(active)) focusedInPanel.current = active;
    document.addEventListener('focusin', track);
    document.addEventListener('pointerdown', track);
    return () => {
      document.removeEventListener('focusin', track);
      document.removeEventListener('pointerdown', track);
    };
  }, []);

  return (
    <aside ref={panelRef} className="panel kb" aria-labelledby="kb-title" data-testid="knowledge-panel">
      <div className="kb__head">
        <h2 id="kb-title">{t('kb.title')}</h2>
        <button type="button" className="button button--small button--secondary" onClick={p.onClose}>
          {t('kb.close')}
        </button>
      </div>
      <div role="status" aria-live="polite" aria-atomic="true" className="visually-hidden" data-testid="kb-live">
        {announcement}
      </div>
      {error ? (
        <p className="kb__error" role="alert">
          {error}
        </p>
      ) : null}
      {article ? (
        <ArticleDetail
          article={article}
          ticket={p.ticket}
          services={p.services}
          counters={p.counters}
          token={p.token}
          canResolve={p.canResolve}
          canTransfer={p.canTransfer}
          actionBusy={p.actionBusy}
          onResolve={p.onResolve}
          onResolveUnavailable={p.onResolveUnavailable}
          onTransfer={p.onTransfer}
          onTransferUnavailable={p.onTransferUnavailable}
          onBack={back}
          onExpired={p.onExpired}
        />
      ) : (
        <div className="kb__search">
          <label htmlFor="kb-search" className="label">
            {t('kb.search')}
          </label>
          <p id="kb-search-hint" className="hint">
            {t('kb.searchHint')}
          </p>
          <input
            ref={searchRef}
            id="kb-search"
            type="search"
            className="input"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="kb-search-hint"
            maxLength={200}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <h3 className="kb__list-title">{searching ? t('kb.results') : serviceLabel ? t('kb.forService', { service: serviceLabel }) : t('kb.all')}</h3>
          {searching ? (
            <p className="kb__count" aria-hidden="true" data-testid="kb-count">
              {search.pending && !search.result ? t('kb.loading') : countText}
            </p>
          ) : null}
          {!searching && serviceArticles === null ? <p>{t('kb.loading')}</p> : null}
          {!searching && serviceArticles?.length === 0 ? <p>{t('kb.noArticles')}</p> : null}
          {list.length > 0 ? (
            <ul className="kb__list">
              {list.map((a) => {
                const title = pickText(a.title, language);
                const summary = pickText(a.summary, language);
                return (
                  <li key={a.id}>
                    <button type="button" id={`kb-item-${a.id}`} className="kb__item" onClick={() => void open(a.id)}>
                      <span className="kb__item-title" lang={title?.lang}>
                        {title?.text}
                      </span>
                      {summary ? (
                        <span className="kb__item-summary" lang={summary.lang}>
                          {summary.text}
                        </span>
                      ) : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
          <button type="button" className="button button--secondary button--small" onClick={() => setProposeNew(true)}>
            {t('kb.proposeNew')}
          </button>
        </div>
      )}
      <ProposeDialog
        open={proposeNew}
        token={p.token}
        article={null}
        services={p.services}
        defaultServiceId={serviceId ?? null}
        organisationId={p.organisationId}
        onClose={() => setProposeNew(false)}
        onExpired={p.onExpired}
      />
    </aside>
  );
}
