import { Router } from 'express';
import type { DeviceHub } from './hub.js';
import { routesOn } from '../http/routeTable.js';
import type { Services } from '../services/index.js';

/** GET /devices (staff): each configured device's state and last error, as pushed in `device:status`. */
export function devicesRouter(s: Services, devices: Pick<DeviceHub, 'statuses'>): Router {
  const r = Router();
  routesOn(r, s.auth)('devices', (_req, res) => {
    res.json(devices.statuses());
  });
  return r;
}
