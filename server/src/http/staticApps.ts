import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { localize } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { landingPage } from './landingPage.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const APPS = ['kiosk', 'display', 'counter'] as const;
const FAVICON = path.join(REPO_ROOT, 'server', 'assets', 'favicon.ico');

export function appDist(app: (typeof APPS)[number]): string {
  return path.join(REPO_ROOT, `${app}-ui`, 'dist');
}

/** The built kiosk, display and counter apps, the visitor's status page and the landing page. */
export function staticApps(s: Services): Router {
  const r = Router();
  for (const app of APPS) {
    const dist = appDist(app);
    r.use(`/${app}`, express.static(dist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
    r.get(`/${app}`, (_req, res) => sendApp(res, path.join(dist, 'index.html')));
  }
  // Browsers ask every page's origin for /favicon.ico; answer with the icon rather than a 404 in every log.
  r.get('/favicon.ico', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/x-icon').sendFile(FAVICON);
  });
  // /arrive?code=… is what the entrance QR opens: the status page takes the phone to its stored remote ticket.
  r.get(['/t/:token', '/arrive'], (_req, res) => sendApp(res, path.join(appDist('kiosk'), 'status.html')));
  // The public booking page and its manage page (the kiosk app's third entry).
  r.get(['/book', '/book/manage', '/book/manage/:code', '/join'], (_req, res) => sendApp(res, path.join(appDist('kiosk'), 'book.html')));
  r.get('/', (_req, res) => {
    const hall = s.hall.current();
    const c = hall.config;
    res.type('html').send(
      landingPage({
        hallName: localize(c.hall.name, c.hall.defaultLanguage),
        demo: c.hall.demo,
        kiosks: c.kiosks.map((k) => ({ id: k.id, name: k.name })),
        displays: c.displays.map((d) => ({ id: d.id, name: d.name })),
      }),
    );
  });
  return r;
}

function noCacheHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

function sendApp(res: express.Response, file: string): void {
  if (!existsSync(file)) {
    res.status(503).type('text').send('This screen has not been built yet. Run "npm run build" (npm start does it for you).');
    return;
  }
  res.setHeader('Cache-Control', 'no-cache');
  res.sendFile(file);
}
