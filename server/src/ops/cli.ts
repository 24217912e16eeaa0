import { runBackupCli } from './backupCli.js';

/** `npm run backup -- <command>`: backups and restore from the command line (see backupCli.ts and the README). */
const status = await runBackupCli(process.argv.slice(2), process.env, {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
});
process.exit(status);
