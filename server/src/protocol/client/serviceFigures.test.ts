import { describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../views.js';
import { figuresOf, withFigures } from './serviceFigures.js';

const service = (id: string, waiting: number, extra: Partial<ServiceStatus> = {}): ServiceStatus => ({
  id,
  organisationId: null,
  prefix: id.toUpperCase(),
  name: { en: `Service ${id}` },
  prepare: { en: 'Bring your passport.' },
  category: null,
  targetMinutes: 15,
  availability: { state: 'open', closesAt: null },
  open: true,
  waiting,
  estimatedWaitMinutes: waiting * 5,
  nextCallMinutes: 0,
  countersOpen: 1,
  ...extra,
});

describe("queue:changed carries each service's figures; screens merge them into their snapshot", () => {
  it('the figures leave out what changes only with the configuration', () => {
    const f = figuresOf(service('a', 2, { notToday: { comeBackAt: 5 } }));
    expect(f).toEqual({
      id: 'a',
      availability: { state: 'open', closesAt: null },
      open: true,
      waiting: 2,
      estimatedWaitMinutes: 10,
      nextCallMinutes: 0,
      countersOpen: 1,
      notToday: { comeBackAt: 5 },
    });
    expect(JSON.stringify(f)).not.toContain('passport');
  });

  it('merging the figures of the current statuses gives the current statuses, names and texts kept', () => {
    const before = [service('a', 1, { serviceLevelAtRisk: { late: 3, due: 4 } }), service('b', 0)];
    const now = [service('a', 4), service('b', 2, { notToday: { comeBackAt: null } })];
    expect(withFigures(before, now.map(figuresOf))).toEqual(now);
  });

  it('a service without figures in the message stays as it was; one the screen does not know is left for the snapshot', () => {
    const before = [service('a', 1), service('b', 0)];
    const merged = withFigures(before, [figuresOf(service('b', 3)), figuresOf(service('new', 9))]);
    expect(merged.map((s) => [s.id, s.waiting])).toEqual([['a', 1], ['b', 3]]);
    expect(withFigures(before, [])).toEqual(before);
  });
});
