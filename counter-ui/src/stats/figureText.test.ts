import { describe, expect, it } from 'vitest';
import { dateTimeText, inHallOrder } from './figureText.js';

describe('statistics text', () => {
  it('writes every date-time as the ISO date and a 24-hour time in the hall time zone, in any UI language', () => {
    const at = Date.UTC(2026, 10, 27, 12, 33);
    expect(dateTimeText(at, 'Europe/Helsinki')).toBe('2026-11-27 14:33');
    expect(dateTimeText(at, 'UTC')).toBe('2026-11-27 12:33');
  });

  it("lists services in the hall's order, not the order the server happened to send", () => {
    const services = [{ id: 'identity' }, { id: 'residence' }, { id: 'vehicles' }];
    const rows = [{ serviceId: 'vehicles' }, { serviceId: 'unknown' }, { serviceId: 'identity' }, { serviceId: 'residence' }];
    expect(inHallOrder(rows, services).map((r) => r.serviceId)).toEqual(['identity', 'residence', 'vehicles', 'unknown']);
  });
});
