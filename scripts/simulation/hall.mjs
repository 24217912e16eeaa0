// The simulation hall and the app it runs in, shared by the accuracy replay (scripts/simulate.mjs) and the staffing
// check (staffing.mjs).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/dist/app.js';
import { DEMO_HALL_FILE, loadConfig } from '../../server/dist/config.js';

/**
 * The demo hall with real opening hours (08–17 on weekdays), a 15-minute last-ticket cut-off, and no appointments
 * (the demo hall's appointments would turn walk-in visitors away: the scenarios keep walk-in queues). `adjust` may
 * change the parsed hall before it is written (e.g. add desks).
 */
function simulationHall(dir, adjust) {
  const hall = JSON.parse(readFileSync(DEMO_HALL_FILE, 'utf8'));
  const day = [{ open: '08:00', close: '17:00' }];
  hall.hall.hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
  for (const s of hall.services) {
    s.cutoffMinutes = 15;
    delete s.appointments;
  }
  adjust?.(hall);
  const file = path.join(dir, 'hall.json');
  writeFileSync(file, JSON.stringify(hall));
  return file;
}

/** Mondays from 2026-02-02 on, in Helsinki time (the clocks go forward on 29 March: every time is taken in the zone). */
export function monday(i) {
  return new Date(Date.UTC(2026, 1, 2 + 7 * i)).toISOString().slice(0, 10);
}

/**
 * The real app on the simulation hall in a temporary folder, with a settable clock ({now}) and the staff member at
 * every counter; `close()` closes the app and removes the folder. `options.promiseRule` replaces the app's
 * PROMISE_RULE (to try another).
 */
export async function startSimulation(prefix, adjust, options = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const clock = { now: Date.UTC(2026, 0, 26, 6, 0) };
  const config = loadConfig({ VUORO_DATA_DIR: dir, VUORO_CONFIG: simulationHall(dir, adjust), VUORO_ADMIN_PASSWORD: 'simulation-only-password' });
  const app = await createApp({ config, now: () => clock.now, log: () => undefined, ...options });
  const admin = app.store.users.byUsername('admin');
  const actor = { userId: admin.id, name: 'Simulation', role: 'admin', organisationId: null };
  const close = async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { app, clock, actor, close };
}
