import { Router } from 'express';
import { VisitorDataRequest, type OpsStatus } from '../protocol/index.js';
import { userOf } from '../http/auth.js';
import { routesOn } from '../http/routeTable.js';
import { body } from '../http/parse.js';
import type { Services } from '../services/index.js';
import type { Logger } from '../logging/logger.js';
import type { BackupService } from './backups.js';
import type { RetentionService } from './retention.js';

/** Admin operations: the status at a glance, backups, the retention policy, and one visitor's data found and erased on request. */
export function adminOpsRouter(s: Services, backups: BackupService, retention: RetentionService, logger: Logger, status: () => OpsStatus): Router {
  const r = Router();
  const on = routesOn(r, s.auth);

  on('adminStatus', (_req, res) => {
    res.json(status());
  });

  on('backups', (_req, res) => {
    res.json(backups.status());
  });

  on('takeBackup', async (_req, res) => {
    res.status(201).json(await backups.run('manual'));
  });

  on('retention', (_req, res) => {
    res.json(retention.view());
  });

  on('runRetention', async (_req, res) => {
    await retention.run();
    res.json(retention.view());
  });

  on('visitorData', (req, res) => {
    const q = VisitorDataRequest.parse(req.query);
    res.json(retention.find(q.date, q.number));
  });

  on('eraseVisitorData', (req, res) => {
    const q = body(VisitorDataRequest, req);
    const after = retention.erase(q.date, q.number);
    logger.info({ event: 'visitor-data-erased', by: userOf(res).username, tickets: after.map((h) => h.ticketId) }, 'visitor data erased on request');
    res.json(after);
  });

  return r;
}
