import { Router } from 'express';
import { z } from 'zod';
import {
  MayHelpRequest,
  SignInsQuery,
  AuditQuery,
  AnnouncementRequest,
  CounterConfig,
  CreateUserRequest,
  ServiceConfig,
  ServiceStopRequest,
  UpdateUserRequest,
  type EventView,
  type HallConfig,
} from '../protocol/index.js';
import { DomainError } from '../domain/index.js';
import type { Services } from '../services/index.js';
import { actorFor, keyOrganisation } from './auth.js';
import { body, idParam, param } from './parse.js';
import { auditCsv } from './auditCsv.js';
import { routesOn } from './routeTable.js';

/** Supervisor tools (announcement, stopping a service, audit) and admin-only hall administration. */

export function adminRouter(s: Services): Router {
  const r = Router();
  const on = routesOn(r, s.auth);

  on('announcement', (req, res) => {
    const { text } = body(AnnouncementRequest, req);
    s.hall.setAnnouncement(text, actorFor(req, res));
    res.json({ text: s.hall.announcement() });
  });

  on('stopService', (req, res) => {
    const { stopped } = body(ServiceStopRequest, req);
    const actor = actorFor(req, res);
    if (s.hall.current().services.has(param(req, 'id'))) s.scope.requireService(actor, param(req, 'id'));
    s.hall.stopService(param(req, 'id'), stopped, actor, s.views);
    res.json(s.views.serviceStatuses(s.now()).find((x) => x.id === param(req, 'id')));
  });

  /** Which organisations each organisation's staff may help (act on their counters and tickets, see their needs). */
  on('mayHelp', (_req, res) => {
    res.json(s.scope.helpMatrix());
  });
  on('setMayHelp', (req, res) => {
    const { helps } = body(MayHelpRequest, req);
    res.json({ organisationId: param(req, 'id'), helps: s.scope.setHelps(param(req, 'id'), helps, actorFor(req, res)) });
  });

  on('events', (req, res) => {
    const after = z.coerce.number().int().min(0).default(0).parse(req.query.after);
    const limit = z.coerce.number().int().min(1).max(1000).default(200).parse(req.query.limit);
    const org = keyOrganisation(res);
    if (org === null) {
      res.json(s.events.since(after, limit));
      return;
    }
    // A key of one organisation reads that organisation's events; pages stay full so `after` paging works.
    const model = s.hall.current();
    const out: EventView[] = [];
    let cursor = after;
    for (let pages = 0; pages < 50; pages++) {
      const page = s.events.since(cursor, 1000);
      out.push(...page.filter((e) => model.belongsTo(org, e)));
      const last = page.at(-1);
      if (out.length >= limit || !last || page.length < 1000) break;
      cursor = last.id;
    }
    res.json(out.slice(0, limit));
  });

  // The audit log: newest first, filtered; `format=csv` downloads it (formula cells neutralised).
  on('audit', (req, res) => {
    const { format, ...q } = AuditQuery.parse(req.query);
    const entries = s.audit.list(actorFor(req, res), q);
    if (format === 'csv') {
      res.type('text/csv').attachment('vuoro-audit.csv').send(auditCsv(entries));
      return;
    }
    res.json(entries);
  });

  // Hall configuration: the whole file, and CRUD of services and counters on top of it.
  on('exportConfig', (_req, res) => {
    res.json(s.hall.export());
  });
  on('importConfig', (req, res) => {
    res.json(s.hall.replace(req.body, actorFor(req, res), 'import'));
  });

  const crud = <T extends { id: string }>(name: 'services' | 'counters', schema: z.ZodType<T>) => {
    const kind = name === 'services' ? 'service' : 'counter';
    const keys = name === 'services'
      ? ({ list: 'adminServices', create: 'createService', update: 'updateService', remove: 'deleteService' } as const)
      : ({ list: 'adminCounters', create: 'createCounter', update: 'updateCounter', remove: 'deleteCounter' } as const);
    const list = (c: HallConfig) => c[name] as unknown as T[];
    on(keys.list, (_req, res) => {
      res.json(list(s.hall.current().config));
    });
    on(keys.create, (req, res) => {
      const item = body(schema, req);
      const config = s.hall.current().config;
      if (list(config).some((x) => x.id === item.id)) throw new DomainError('conflict', `"${item.id}" exists already.`);
      s.hall.replace({ ...config, [name]: [...list(config), item] }, actorFor(req, res), `${name}:create:${item.id}`, {
        kind: `${kind}.create`,
        target: item.id,
        before: null,
        after: item,
      });
      res.status(201).json(item);
    });
    on(keys.update, (req, res) => {
      const id = param(req, 'id');
      const item = body(schema, req);
      const config = s.hall.current().config;
      if (!list(config).some((x) => x.id === id)) throw new DomainError('not_found', `There is no "${id}" in ${name}.`);
      if (item.id !== id) throw new DomainError('validation_failed', 'The id in the body must match the id in the path.');
      const before = list(config).find((x) => x.id === id);
      s.hall.replace({ ...config, [name]: list(config).map((x) => (x.id === id ? item : x)) }, actorFor(req, res), `${name}:update:${id}`, {
        kind: `${kind}.update`,
        target: id,
        before,
        after: item,
      });
      res.json(item);
    });
    on(keys.remove, (req, res) => {
      const id = param(req, 'id');
      const config = s.hall.current().config;
      const before = list(config).find((x) => x.id === id);
      if (!before) throw new DomainError('not_found', `There is no "${id}" in ${name}.`);
      // Displays (and, for a service, kiosks) that name it stop naming it; counters' profiles must be edited first.
      const drop = (ids: string[] | undefined) => ids?.filter((x) => x !== id);
      const displays = config.displays.map((d) => ({ ...d, [name]: drop(d[name]) }));
      const kiosks = name === 'services' ? config.kiosks.map((k) => ({ ...k, services: drop(k.services) })) : config.kiosks;
      s.hall.replace({ ...config, displays, kiosks, [name]: list(config).filter((x) => x.id !== id) }, actorFor(req, res), `${name}:delete:${id}`, {
        kind: `${kind}.delete`,
        target: id,
        before,
        after: null,
      });
      res.status(204).end();
    });
  };
  crud('services', ServiceConfig);
  crud('counters', CounterConfig);

  // On demand: PRAGMA quick_check of the open database (a damaged file is also reported by /health from then on).
  on('checkDatabase', (_req, res) => {
    res.json(s.hall.checkDatabase());
  });

  // Sign-in attempts (newest first) and the locks and slow-downs in force.
  on('signIns', (req, res) => {
    const { limit } = SignInsQuery.parse(req.query);
    res.json(s.auth.signInActivity(limit));
  });

  on('users', (_req, res) => {
    res.json(s.auth.users());
  });
  on('createUser', async (req, res) => {
    res.status(201).json(await s.auth.createUser(body(CreateUserRequest, req), actorFor(req, res)));
  });
  on('updateUser', async (req, res) => {
    res.json(await s.auth.updateUser(idParam(req, 'id'), body(UpdateUserRequest, req), actorFor(req, res)));
  });

  return r;
}
