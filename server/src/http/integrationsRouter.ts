import { Router } from 'express';
import { CreateApiKeyRequest } from '../protocol/index.js';
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

  return r;
}
