import express, { Router } from 'express';
import {
  ArticleListQuery,
  ArticleQuery,
  DiffQuery,
  ContactConfig,
  FlagRequest,
  KnowledgeExport,
  KnowledgeStatsQuery,
  ProposeArticleRequest,
  ReviewRequest,
  RevertRequest,
  SearchQuery,
} from '../protocol/index.js';
import type { Services } from '../services/index.js';
import type { KnowledgeFigures } from '../knowledge/knowledgeFigures.js';
import type { KnowledgeDirectory } from '../knowledge/knowledgeDirectory.js';
import type { KnowledgeService } from '../knowledge/knowledgeService.js';
import { toCsv } from '../stats/csv.js';
import { actorFor } from './auth.js';
import { routesOn } from './routeTable.js';
import { body, idParam, param } from './parse.js';
import { DomainError } from '../domain/index.js';

/** An import may be larger than other requests; it is parsed before the API's 64 kB limit applies. */
export const knowledgeImportBody = express.json({ limit: '8mb' });

/** The knowledge base: reading and proposing for staff, review and the directory for supervisors, import for admins. */
export function knowledgeRouter(s: Services, kb: KnowledgeService, directory: KnowledgeDirectory, figures: KnowledgeFigures): Router {
  const r = Router();
  const on = routesOn(r, s.auth);

  on('knowledgeArticles', (req, res) => {
    const q = ArticleListQuery.parse(req.query);
    if (q.serviceId !== undefined && !s.hall.current().services.has(q.serviceId)) {
      throw new DomainError('unknown_service', `There is no service "${q.serviceId}".`);
    }
    res.json({ articles: kb.list(q.serviceId) });
  });
  on('knowledgeSearch', (req, res) => {
    const q = SearchQuery.parse(req.query);
    res.json(kb.search(q.q, { serviceId: q.serviceId, limit: q.limit, record: q.record === '1' }));
  });
  on('knowledgeArticle', (req, res) => {
    const q = ArticleQuery.parse(req.query);
    res.json(kb.article(idParam(req, 'id'), q.use));
  });
  on('knowledgeVersions', (req, res) => {
    res.json({ versions: kb.history(idParam(req, 'id')) });
  });
  on('knowledgeDiff', (req, res) => {
    res.json(kb.diff(idParam(req, 'id'), DiffQuery.parse(req.query).against));
  });
  on('knowledgePropose', (req, res) => {
    const p = body(ProposeArticleRequest, req);
    res.status(201).json(kb.propose(actorFor(req, res), p));
  });
  on('knowledgeFlag', (req, res) => {
    res.status(201).json(kb.flag(actorFor(req, res), idParam(req, 'id'), body(FlagRequest, req)));
  });
  on('knowledgeContacts', (_req, res) => {
    res.json({ contacts: directory.contacts() });
  });

  on('knowledgeReview', (req, res) => {
    res.json(kb.reviewQueue(actorFor(req, res)));
  });
  on('knowledgePublish', (req, res) => {
    res.json(kb.publish(actorFor(req, res), idParam(req, 'id'), body(ReviewRequest, req).note));
  });
  on('knowledgeReject', (req, res) => {
    res.json(kb.reject(actorFor(req, res), idParam(req, 'id'), body(ReviewRequest, req).note));
  });
  on('knowledgeRevert', (req, res) => {
    res.json(kb.revert(actorFor(req, res), idParam(req, 'id'), body(RevertRequest, req).version));
  });
  on('knowledgeReviewed', (req, res) => {
    res.json(kb.markReviewed(actorFor(req, res), idParam(req, 'id')));
  });
  on('knowledgeResolveFlag', (req, res) => {
    res.json(kb.resolveFlag(actorFor(req, res), idParam(req, 'id')));
  });
  on('knowledgePutContact', (req, res) => {
    const c = body(ContactConfig, req);
    if (c.id !== param(req, 'id')) throw new DomainError('validation_failed', 'id: the body names another contact than the address.');
    res.json(directory.putContact(actorFor(req, res), c));
  });
  on('knowledgeDeleteContact', (req, res) => {
    directory.deleteContact(actorFor(req, res), param(req, 'id'));
    res.status(204).end();
  });
  on('knowledgeExport', (_req, res) => {
    res.setHeader('Content-Disposition', 'attachment; filename="knowledge.json"');
    res.json(kb.export());
  });
  on('knowledgeImport', (req, res) => {
    res.json(kb.import(actorFor(req, res), body(KnowledgeExport, req)));
  });

  on('knowledgeFigures', (req, res) => {
    const q = KnowledgeStatsQuery.parse(req.query);
    const f = figures.figures(actorFor(req, res), q);
    if (q.format === 'json') return void res.json(f);
    let csv: string;
    if (q.table === 'resolution') {
      csv = toCsv(
        ['week', 'serviceId', 'finished', 'resolvedFirstContact', 'transferredOrReferred', 'resolvedWithArticle', 'rate'],
        f.resolution.map((x) => [x.week, x.serviceId, x.finished, x.resolvedFirstContact, x.transferredOrReferred, x.resolvedWithArticle, x.rate]),
      );
    } else if (q.table === 'articles') {
      csv = toCsv(['articleId', 'title', 'opens', 'resolved'], f.articles.map((x) => [x.articleId, x.title, x.opens, x.resolved]));
    } else {
      csv = toCsv(['week', 'query', 'searches'], f.missing.map((x) => [x.week, x.query, x.searches]));
    }
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="knowledge-${q.table}-${f.from}-${f.to}.csv"`);
    res.send(csv);
  });
  return r;
}
