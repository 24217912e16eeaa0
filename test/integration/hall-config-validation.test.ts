import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEMO_HALL_FILE, loadConfig } from '../../server/src/config.js';
import type { HallConfigInput } from '../../server/src/protocol/index.js';
import { demoHall, startServer } from '../support/server.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes the config to a real file and loads it the way the process does at start. */
function load(config: unknown): () => unknown {
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-config-'));
  dirs.push(dir);
  const file = path.join(dir, 'hall.json');
  writeFileSync(file, JSON.stringify(config));
  return () => loadConfig({ VUORO_DATA_DIR: dir, VUORO_CONFIG: file });
}

function changed(edit: (c: HallConfigInput & Record<string, unknown>) => void): HallConfigInput {
  const c = demoHall() as HallConfigInput & Record<string, unknown>;
  edit(c);
  return c;
}

describe('the hall config is refused at start with a message naming the wrong field', () => {
  it.each<[string, (c: HallConfigInput & Record<string, unknown>) => void, RegExp]>([
    ['a default language the hall does not offer', (c) => ((c.hall.languages = ['fi', 'sv']), (c.hall.defaultLanguage = 'en')), /hall\.defaultLanguage[\s\S]*"en" is not one of the hall's languages/],
    ['two counters with the same label', (c) => c.counters[1] && (c.counters[1].label = c.counters[0]?.label ?? '1'), /counters\[1\]\.label[\s\S]*duplicate counter label/],
    ['a display naming an unknown counter', (c) => c.displays?.[0] && (c.displays[0].counters = ['1', 'no-such-counter']), /displays\[0\]\.counters\[1\][\s\S]*unknown counter "no-such-counter"/],
    ['a display naming an unknown service', (c) => c.displays?.[0] && (c.displays[0].services = ['nope']), /displays\[0\]\.services\[0\][\s\S]*unknown service/],
    ['an unknown top-level field', (c) => (c.counterz = []), /counterz/],
    ['an unknown field in a service (a typo of dailyCap)', (c) => c.services[0] && Object.assign(c.services[0], { dailycap: 10 }), /services\[0\][\s\S]*dailycap/],
    ['a clips folder outside the data folder (..)', (c) => c.displays?.[0] && (c.displays[0].sound = { clips: '../../etc' }), /displays\[0\]\.sound\.clips[\s\S]*inside the data folder/],
    ['a clips folder given as an absolute path', (c) => c.displays?.[0] && (c.displays[0].sound = { clips: '/var/lib/clips' }), /displays\[0\]\.sound\.clips[\s\S]*inside the data folder/],
    ['two kiosks with the same id', (c) => c.kiosks?.[0] && c.kiosks.push({ ...c.kiosks[0] }), /kiosks\[\d+\]\.id[\s\S]*duplicate kiosk id/],
    ['two outcomes with the same code', (c) => c.outcomes[0] && c.outcomes.push({ ...c.outcomes[0] }), /outcomes\[\d+\]\.code[\s\S]*duplicate outcome code/],
  ])('%s', (_what, edit, message) => {
    const start = load(changed(edit));
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(message);
  });

  it('the demo hall and the example hall are valid', () => {
    expect(load(demoHall())).not.toThrow();
    expect(() => loadConfig({ VUORO_CONFIG: path.join(path.dirname(DEMO_HALL_FILE), 'example-hall.json') })).not.toThrow();
  });

  it('the server does not start on such a file, and an admin import of one is refused with 422 naming the field', async () => {
    await expect(startServer({ hall: changed((c) => ((c.hall.languages = ['fi']), (c.hall.defaultLanguage = 'de'))) })).rejects.toThrow(/defaultLanguage/);
    const server = await startServer();
    try {
      const admin = await server.login('admin');
      const bad = changed((c) => c.counters[1] && (c.counters[1].label = c.counters[0]?.label ?? '1'));
      const r = await server.api<{ error: { code: string; message: string } }>('PUT', '/api/v1/admin/config', { token: admin, body: bad });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(/counters\.1\.label/);
    } finally {
      await server.dispose();
    }
  });
});
