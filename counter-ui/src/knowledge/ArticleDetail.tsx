import { useLayoutEffect, useRef, useState } from 'react';
import type { ArticleView, ContactView, CounterView, ServiceStatus, TicketView, TransferRequest } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { serviceName } from '../format/describe.js';
import { pickText } from './knowledgeApi.js';
import { ProposeDialog } from './ProposeDialog.js';
import { FlagDialog } from './FlagDialog.js';
import { BusyButton, press } from '../components/BusyButton.js';

interface Props {
  article: ArticleView;
  ticket: TicketView | null;
  services: readonly ServiceStatus[];
  counters: readonly CounterView[];
  token: string;
  canResolve: boolean;
  canTransfer: boolean;
  /** One of the counter's actions is running: resolve and transfer do nothing meanwhile, but keep focus. */
  actionBusy: boolean;
  onResolve(articleId: number, title: string): Promise<boolean>;
  /** Says why resolving is not possible now (no visitor, or not yet being served). */
  onResolveUnavailable(): void;
  onTransfer(to: TransferRequest): Promise<boolean>;
  /** Says why transferring is not possible now (nobody at the counter). */
  onTransferUnavailable(): void;
  onBack(): void;
  onExpired(): void;
}

/** One article: the short answer first, then what to bring, fees, contact, the full text and the responsible desks. */
export function ArticleDetail({
  article,
  ticket,
  services,
  counters,
  token,
  canResolve,
  canTransfer,
  actionBusy,
  onResolve,
  onResolveUnavailable,
  onTransfer,
  onTransferUnavailable,
  onBack,
  onExpired,
}: Props) {
  const { t, language } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [dialog, setDialog] = useState<'propose' | 'flag' | null>(null);
  const [busy, setBusy] = useState(false);
  const title = pickText(article.title, language);
  const summary = pickText(article.summary, language);
  const bring = pickText(article.content.bring, language);
  const fees = pickText(article.content.fees, language);
  const contact = pickText(article.content.contact, language);
  const body = pickText(article.html, language);

  // In the commit that shows the article, not after it: no moment where focus is on the page body.
  useLayoutEffect(() => {
    headingRef.current?.focus();
  }, [article.id]);

  const resolve = async () => {
    if (!canResolve || busy || actionBusy) return;
    setBusy(true);
    await onResolve(article.id, title?.text ?? '');
    setBusy(false);
  };
  // The shortcut is pressing the button, as in the action bar: nothing while a request runs, the reason when resolving
  // is not possible now (also with nobody at the counter, when the button is not shown), else the action.
  const resolveState = { busy: busy || actionBusy, unavailable: !canResolve || ticket === null };
  useShortcuts({ a: () => press(resolveState, () => void resolve(), onResolveUnavailable) }, dialog === null);

  const transferLabel = (c: ContactView): string | null => {
    if (!c.transfer) return null;
    const name = pickText(c.name, language)?.text ?? c.id;
    if ('serviceId' in c.transfer) return `${name} (${serviceName(services, c.transfer.serviceId, language)})`;
    const counterId = c.transfer.counterId;
    const label = counters.find((x) => x.id === counterId)?.label ?? counterId;
    return `${name} (${t('header.counter', { label })})`;
  };

  return (
    <article className="kb__article" aria-labelledby="kb-article-title">
      <button type="button" className="button button--small button--secondary" onClick={onBack}>
        {t('kb.back')}
      </button>
      <h3 id="kb-article-title" ref={headingRef} tabIndex={-1} lang={title?.lang}>
        {title?.text}
      </h3>
      {article.reviewOverdue ? <p className="tag">{t('kb.overdue')}</p> : null}
      {article.openFlags > 0 ? <p className="tag">{t('kb.flags', { count: article.openFlags })}</p> : null}
      {summary ? (
        <section aria-labelledby="kb-summary">
          <h4 id="kb-summary">{t('kb.summary')}</h4>
          <p className="kb__summary" lang={summary.lang}>
            {summary.text}
          </p>
        </section>
      ) : null}
      {ticket ? (
        <div className="button-row">
          <BusyButton
            type="button"
            className="button"
            busy={resolveState.busy}
            unavailable={resolveState.unavailable}
            onUnavailableClick={onResolveUnavailable}
            onClick={() => void resolve()}
            aria-keyshortcuts="A"
          >
            {t('kb.resolve', { number: ticket.number })} <kbd aria-hidden="true">A</kbd>
          </BusyButton>
        </div>
      ) : null}
      <dl className="kb__facts">
        {bring ? (
          <>
            <dt>{t('kb.bring')}</dt>
            <dd lang={bring.lang}>{bring.text}</dd>
          </>
        ) : null}
        {fees ? (
          <>
            <dt>{t('kb.fees')}</dt>
            <dd lang={fees.lang}>{fees.text}</dd>
          </>
        ) : null}
        {contact ? (
          <>
            <dt>{t('kb.contact')}</dt>
            <dd lang={contact.lang}>{contact.text}</dd>
          </>
        ) : null}
        {article.content.legalBasis ? (
          <>
            <dt>{t('kb.legal')}</dt>
            <dd>{article.content.legalBasis}</dd>
          </>
        ) : null}
      </dl>
      {body ? (
        <section aria-labelledby="kb-body">
          <h4 id="kb-body">{t('kb.fullText')}</h4>
          {/* Rendered from Markdown on the server with HTML refused and an allow-list sanitiser: safe to insert. */}
          <div className="kb__body" lang={body.lang} dangerouslySetInnerHTML={{ __html: body.text }} />
        </section>
      ) : null}
      {article.contacts.length > 0 ? (
        <section aria-labelledby="kb-desks">
          <h4 id="kb-desks">{t('kb.desks')}</h4>
          <ul className="kb__desks">
            {article.contacts.map((c) => {
              const name = pickText(c.name, language);
              const topic = pickText(c.topic, language);
              const hours = pickText(c.hours, language);
              const transfer = transferLabel(c);
              return (
                <li key={c.id}>
                  <strong lang={name?.lang}>{name?.text}</strong>
                  {topic ? <span lang={topic.lang}> · {topic.text}</span> : null}
                  <br />
                  {c.room ? <span>{t('kb.room', { room: c.room })} </span> : null}
                  {c.phone ? <span>{t('kb.phone', { phone: c.phone })} </span> : null}
                  {hours ? <span lang={hours.lang}>· {hours.text}</span> : null}
                  {transfer && ticket && c.transfer ? (
                    <div>
                      <BusyButton
                        type="button"
                        className="button button--small"
                        busy={actionBusy}
                        unavailable={!canTransfer}
                        onUnavailableClick={onTransferUnavailable}
                        onClick={() => c.transfer && void onTransfer(c.transfer)}
                      >
                        {t('kb.transferTo', { number: ticket.number, desk: transfer })}
                      </BusyButton>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--small button--secondary" onClick={() => setDialog('propose')}>
          {t('kb.propose')}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={() => setDialog('flag')}>
          {t('kb.flag')}
        </button>
      </div>
      <ProposeDialog
        open={dialog === 'propose'}
        token={token}
        article={article}
        services={services}
        defaultServiceId={article.serviceId}
        organisationId={article.organisationId}
        onClose={() => setDialog(null)}
        onExpired={onExpired}
      />
      <FlagDialog open={dialog === 'flag'} token={token} article={article} onClose={() => setDialog(null)} onExpired={onExpired} />
    </article>
  );
}
