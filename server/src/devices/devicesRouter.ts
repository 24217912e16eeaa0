import { Router } from 'express';
import type { DeviceHub } from './hub.js';
import { requireRole } from '../http/auth.js';
import type { Services } from '../services/index.js';

/** GET /devices (staff): each configured device's state and last error, as pushed in `device:status`. */
export function devicesRouter(s: Services, devices: Pick<DeviceHub, 'statuses'>): Router {
  const r = Router();
  r.get('/devices', requireRole(s.auth, 'staff'), (_req, res) => {
    res.json(devices.statuses());
  });
  return r;
}
