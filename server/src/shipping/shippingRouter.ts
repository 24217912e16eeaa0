import { Router } from 'express';
import type { ShippingStatus } from '../protocol/index.js';
import { routesOn } from '../http/routeTable.js';
import type { Services } from '../services/index.js';

const OFF: ShippingStatus = { state: 'off', centralUrl: null, behindBy: 0, lastShippedEventId: 0, lastContactAt: null, unreachableSince: null, lastError: null };

/** GET /central-shipping: the hall's shipping to central, for supervisors (the back office shows it). */
export function shippingRouter(s: Services, status: (() => ShippingStatus) | null): Router {
  const r = Router();
  routesOn(r, s.auth)('centralShipping', (_req, res) => {
    res.json(status ? status() : OFF);
  });
  return r;
}
