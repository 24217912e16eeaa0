import { Router } from 'express';
import { VisitorDataRequest, type OpsStatus } from '../protocol/index.js';
import { requireRole, userOf } from '../http/auth.js';
import { body } from '../http/parse.js';
import type { Services } from '../services/index.js';
import type { Logger } from '../logging/logger.js';
import type { BackupService } from './backups.js';
import type { RetentionService } from './retention.js';

/** Admin operations: the status at a glance, backups, the retention policy, and one visitor's data found and erased on request. */
export function adminOpsRouter(s: Services, backups: BackupService, retention: RetentionService, logger: Logger, status: () => OpsStatus): Router {
  const r = Router();
  const admin = requireRole(s.auth, 'admin');

  r.get('/admin/status', admin, (_req, res) => {
    res.json(status());
  });

  r.get('/admin/backups', admin, (_req, res) => {
    res.json(backups.status());
  });

  r.post('/admin/backups', admin, async (_req, res) => {
    res.status(201).json(await backups.run('manual'));
  });

  r.get('/admin/retention', admin, (_req, res) => {
    res.json(retention.view());
  });

  r.post('/admin/retention/run', admin, async (_req, res) => {
    await retention.run();
    res.json(retention.view());
  });

  r.get('/admin/visitor-data', admin, (req, res) => {
    const q = VisitorDataRequest.parse(req.query);
    res.json(retention.find(q.date, q.number));
  });

  r.post('/admin/visitor-data/erase', admin, (req, res) => {
    const q = body(VisitorDataRequest, req);
    const after = retention.erase(q.date, q.number);
    logger.info({ event: 'visitor-data-erased', by: userOf(res).username, tickets: after.map((h) => h.ticketId) }, 'visitor data erased on request');
    res.json(after);
  });

  return r;
}
