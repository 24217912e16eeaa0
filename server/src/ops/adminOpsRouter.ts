import { Router } from 'express';
import { requireRole } from '../http/auth.js';
import type { Services } from '../services/index.js';
import type { BackupService } from './backups.js';

/** Admin operations: backups now and the list of them. */
export function adminOpsRouter(s: Services, backups: BackupService): Router {
  const r = Router();
  const admin = requireRole(s.auth, 'admin');

  r.get('/admin/backups', admin, (_req, res) => {
    res.json(backups.status());
  });

  r.post('/admin/backups', admin, async (_req, res) => {
    res.status(201).json(await backups.run('manual'));
  });

  return r;
}
