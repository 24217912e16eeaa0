import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { EventBus } from '../services/index.js';

/** Sign-ins, successful or not, with the username given; never the password or the token handed out. */
export function signInLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => {
      const given: unknown = (req.body as { username?: unknown } | undefined)?.username;
      const username = typeof given === 'string' ? given.slice(0, 64) : null;
      if (res.statusCode === 201) logger.info({ event: 'sign-in', username, ok: true }, 'sign-in');
      else logger.warn({ event: 'sign-in', username, ok: false, status: res.statusCode }, 'sign-in refused');
    });
    next();
  };
}

/** A changed hall configuration (a `config_changed` event) is written to the log with who changed it and what. */
export function configChangeLog(logger: Logger, events: EventBus): () => void {
  return events.subscribe({
    name: 'config-change log',
    handle(batch) {
      for (const e of batch) {
        if (e.type !== 'config_changed') continue;
        logger.info({ event: 'config-changed', userId: e.userId, what: e.data.what ?? (e.data.imported ? 'import' : 'config') }, 'hall configuration changed');
      }
    },
  });
}
