import { Router } from 'express';
import type { ShippingStatus } from '../protocol/index.js';
import { requireRole } from '../http/auth.js';
import type { Services } from '../services/index.js';

const OFF: ShippingStatus = { state: 'off', centralUrl: null, behindBy: 0, lastShippedEventId: 0, lastContactAt: null, unreachableSince: null, lastError: null };

/** GET /central-shipping: the hall's shipping to central, for supervisors (the back office shows it). */
export function shippingRouter(s: Services, status: (() => ShippingStatus) | null): Router {
  const r = Router();
  r.get('/central-shipping', requireRole(s.auth, 'supervisor'), (_req, res) => {
    res.json(status ? status() : OFF);
  });
  return r;
}
