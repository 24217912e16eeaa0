import { Router } from 'express';
import { LoginRequest } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { bearerToken, requireRole, userOf } from './auth.js';
import { body } from './parse.js';

/** Services, hall information and staff sessions. */
export function publicRouter(s: Services): Router {
  const r = Router();

  r.get('/hall', (_req, res) => {
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

  r.get('/services', (_req, res) => {
    res.json(s.views.serviceStatuses(s.now()));
  });

  r.post('/session', async (req, res) => {
    const { username, password } = body(LoginRequest, req);
    res.status(201).json(await s.auth.login(username, password, req.ip ?? 'unknown'));
  });

  r.get('/session', requireRole(s.auth, 'staff'), (_req, res) => {
    res.json({ user: userOf(res) });
  });

  r.delete('/session', (req, res) => {
    const token = bearerToken(req);
    if (token) s.auth.logout(token);
    res.status(204).end();
  });

  return r;
}
