import { Router } from 'express';
import path from 'node:path';
import { DomainError } from '../domain/index.js';
import { LANGUAGES, type Language } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { routesOn } from './routeTable.js';
import { param } from './parse.js';

const CLIP_FILE = /^[a-z0-9-]{1,24}\.wav$/;

/**
 * GET /displays/:id/clips/:lang/:file → a recorded clip of that display's `sound.clips` folder, a folder under the
 * data directory laid out as `<lang>/number.wav`, `<lang>/a.wav`…, `<lang>/0.wav`…, `<lang>/counter.wav`,
 * optionally `<lang>/recall.wav` (README "Waiting-room display"). 404 when the display has no clips or the file
 * is missing: the display then falls back to server speech. Nothing outside the folder can be named.
 */
export function displayClipsRouter(s: Services, dataDir: string): Router {
  const r = Router();
  const on = routesOn(r, null);
  const root = path.resolve(dataDir);
  on('displayClip', (req, res, next) => {
    const [id, lang, file] = [param(req, 'id'), param(req, 'lang'), param(req, 'file')];
    const display = s.hall.current().displays.get(id);
    const folder = display?.sound.clips;
    if (!display || !folder) throw new DomainError('not_found', `The display "${id}" has no recorded clips.`);
    if (!(LANGUAGES as readonly string[]).includes(lang) || !CLIP_FILE.test(file)) {
      throw new DomainError('not_found', 'There is no such clip.');
    }
    const dir = path.resolve(root, folder, lang as Language);
    if (!dir.startsWith(root + path.sep)) throw new DomainError('not_found', 'The clip folder must be inside the data directory.');
    res.sendFile(path.join(dir, file), { maxAge: '1d', dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) next(new DomainError('not_found', `There is no clip "${lang}/${file}".`));
    });
  });
  return r;
}
