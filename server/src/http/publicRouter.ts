import { Router } from 'express';
import { LoginRequest } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { bearerToken, userOf } from './auth.js';
import { body } from './parse.js';
import { routesOn } from './routeTable.js';

/** Services, hall information and staff sessions. */
export function publicRouter(s: Services): Router {
  const r = Router();
  const on = routesOn(r, s.auth);

  on('hall', (_req, res) => {
    const hall = s.hall.current();
    res.json({
      hall: hall.info(),
      organisations: hall.config.organisations,
      kiosks: hall.config.kiosks,
      displays: hall.config.displays,
      messages: hall.config.messages,
      outcomes: hall.config.outcomes,
      announcement: s.hall.announcement(),
    });
  });

  on('services', (_req, res) => {
    res.json(s.views.serviceStatuses(s.now()));
  });

  on('signIn', async (req, res) => {
    const { username, password } = body(LoginRequest, req);
    res.status(201).json(await s.auth.login(username, password, req.ip ?? 'unknown'));
  });

  on('whoAmI', (_req, res) => {
    res.json({ user: userOf(res) });
  });

  on('signOut', (req, res) => {
    const token = bearerToken(req);
    if (token) s.auth.logout(token);
    res.status(204).end();
  });

  return r;
}
