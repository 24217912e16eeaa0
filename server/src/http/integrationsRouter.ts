import { Router } from 'express';
import { CreateApiKeyRequest, CreateWebhookRequest, DeliveryQuery, UpdateWebhookRequest } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { actorFor } from './auth.js';
import { routesOn } from './routeTable.js';
import { body, idParam } from './parse.js';

/** Admin management of integrations: API keys (and webhook subscriptions). */
export function integrationsRouter(s: Services): Router {
  const r = Router();
  const on = routesOn(r, s.auth);

  on('apiKeys', (_req, res) => {
    res.json(s.apiKeys.list());
  });
  on('createApiKey', (req, res) => {
    res.status(201).json(s.apiKeys.create(body(CreateApiKeyRequest, req), actorFor(req, res)));
  });
  on('revokeApiKey', (req, res) => {
    res.json(s.apiKeys.revoke(idParam(req, 'id'), actorFor(req, res)));
  });

  on('webhooks', (_req, res) => {
    res.json(s.webhooks.list());
  });
  on('createWebhook', (req, res) => {
    res.status(201).json(s.webhooks.create(body(CreateWebhookRequest, req), actorFor(req, res)));
  });
  on('updateWebhook', (req, res) => {
    res.json(s.webhooks.setActive(idParam(req, 'id'), body(UpdateWebhookRequest, req).active, actorFor(req, res)));
  });
  on('deleteWebhook', (req, res) => {
    s.webhooks.delete(idParam(req, 'id'), actorFor(req, res));
    res.status(204).end();
  });
  on('webhookDeliveries', (req, res) => {
    const q = DeliveryQuery.parse(req.query);
    res.json(s.webhooks.deliveries(idParam(req, 'id'), q.status, q.limit));
  });
  on('replayDelivery', (req, res) => {
    res.json(s.webhooks.replay(idParam(req, 'id'), actorFor(req, res)));
  });

  return r;
}
