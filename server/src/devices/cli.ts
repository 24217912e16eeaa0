import { runDevicesCli } from './devicesCli.js';

/** `npm run devices -- <command>`: the installer's hardware tool (see devicesCli.ts and README "Hardware"). */
const status = await runDevicesCli(process.argv.slice(2), process.env, {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
});
// Reconnect timers of a device that never opened must not keep the process alive.
process.exit(status);
