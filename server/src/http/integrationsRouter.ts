import { Router } from 'express';
import { CreateApiKeyRequest, CreateWebhookRequest, DeliveryQuery, UpdateWebhookRequest } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { actorFor, requireRole } from './auth.js';
import { body, idParam } from './parse.js';

/** Admin management of integrations: API keys (and webhook subscriptions). */
export function integrationsRouter(s: Services): Router {
  const r = Router();
  const admin = requireRole(s.auth, 'admin');

  r.get('/admin/api-keys', admin, (_req, res) => {
    res.json(s.apiKeys.list());
  });
  r.post('/admin/api-keys', admin, (req, res) => {
    res.status(201).json(s.apiKeys.create(body(CreateApiKeyRequest, req), actorFor(req, res)));
  });
  r.delete('/admin/api-keys/:id', admin, (req, res) => {
    res.json(s.apiKeys.revoke(idParam(req, 'id'), actorFor(req, res)));
  });

  r.get('/admin/webhooks', admin, (_req, res) => {
    res.json(s.webhooks.list());
  });
  r.post('/admin/webhooks', admin, (req, res) => {
    res.status(201).json(s.webhooks.create(body(CreateWebhookRequest, req), actorFor(req, res)));
  });
  r.patch('/admin/webhooks/:id', admin, (req, res) => {
    res.json(s.webhooks.setActive(idParam(req, 'id'), body(UpdateWebhookRequest, req).active, actorFor(req, res)));
  });
  r.delete('/admin/webhooks/:id', admin, (req, res) => {
    s.webhooks.delete(idParam(req, 'id'), actorFor(req, res));
    res.status(204).end();
  });
  r.get('/admin/webhooks/:id/deliveries', admin, (req, res) => {
    const q = DeliveryQuery.parse(req.query);
    res.json(s.webhooks.deliveries(idParam(req, 'id'), q.status, q.limit));
  });
  r.post('/admin/webhooks/deliveries/:id/replay', admin, (req, res) => {
    res.json(s.webhooks.replay(idParam(req, 'id'), actorFor(req, res)));
  });

  return r;
}
