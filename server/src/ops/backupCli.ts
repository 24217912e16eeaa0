import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { loadMigrations } from '../store/database.js';
import { countRows, inspectDatabaseFile, openForBackup } from '../store/backupFile.js';
import { BackupService, listBackups } from './backups.js';

export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

const USAGE = `Usage: npm run backup -- <command>      (installed: node server/dist/ops/cli.js <command>)

  create            take a verified backup now into VUORO_BACKUP_DIR (the server may be running)
  list              the backups in VUORO_BACKUP_DIR, newest first, with size and time
  verify <file>     check a backup: integrity, Vuoro tables, schema version
  restore <file>    replace the database with a backup; stop the server first
                    (a file name from "list", or a path)

Reads VUORO_DATA_DIR, VUORO_BACKUP_DIR and PORT like the server.
Exit status: 0 done, 1 failed (the message says why), 2 wrong command.`;

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** Is a Vuoro server answering on this port? Then the database must not be replaced under it. */
async function serverRunning(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`, { signal: AbortSignal.timeout(1500) });
    const body = (await res.json()) as { status?: unknown };
    return body.status === 'live';
  } catch {
    return false;
  }
}

export async function runBackupCli(args: string[], env: Record<string, string | undefined>, out: CliOutput): Promise<number> {
  const [command, file] = args;
  if (!command || command === '--help' || command === 'help') {
    out.log(USAGE);
    return command ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      out.error(err.message);
      return 2;
    }
    throw err;
  }
  const dbFile = path.join(config.dataDir, 'vuoro.db');
  const latest = loadMigrations().at(-1)?.version ?? 0;
  const resolveBackup = (name: string) => (existsSync(name) ? path.resolve(name) : path.join(config.backup.folder, name));

  switch (command) {
    case 'create': {
      if (!existsSync(dbFile)) {
        out.error(`There is no database at ${dbFile}. Check VUORO_DATA_DIR.`);
        return 1;
      }
      const db = openForBackup(dbFile);
      try {
        const b = await new BackupService(db, config.backup, () => Date.now(), Number.MAX_SAFE_INTEGER).run('cli');
        out.log(`Backup ${path.join(config.backup.folder, b.name)} (${mb(b.sizeBytes)}, schema ${b.schemaVersion}) verified: integrity ok.`);
        return 0;
      } catch (err) {
        out.error((err as Error).message);
        return 1;
      } finally {
        db.close();
      }
    }
    case 'list': {
      const list = listBackups(config.backup.folder);
      if (list.length === 0) out.log(`No backups in ${config.backup.folder}.`);
      for (const b of list) out.log(`${b.name}  ${mb(b.sizeBytes).padStart(9)}  ${new Date(b.takenAt).toISOString()}  schema ${b.schemaVersion}  ${b.trigger}`);
      return 0;
    }
    case 'verify':
    case 'restore': {
      if (!file) {
        out.error(`${command} needs a backup file: npm run backup -- ${command} <file>`);
        return 2;
      }
      const source = resolveBackup(file);
      if (!existsSync(source)) {
        out.error(`There is no file ${source}.`);
        return 1;
      }
      const report = await inspectDatabaseFile(source);
      if (!report.vuoro) {
        out.error(`${source} is not a Vuoro database${report.problems.length ? ` (${report.problems.join('; ')})` : ''}. Nothing was changed.`);
        return 1;
      }
      if (!report.intact) {
        out.error(`${source} is damaged: ${report.problems.join('; ')}. Nothing was changed; choose another backup.`);
        return 1;
      }
      if (report.schemaVersion > latest) {
        out.error(`${source} is from a newer Vuoro (schema ${report.schemaVersion}; this one knows up to ${latest}). Upgrade Vuoro first. Nothing was changed.`);
        return 1;
      }
      if (command === 'verify') {
        out.log(`${source}: a Vuoro database, schema ${report.schemaVersion}, integrity ok.`);
        return 0;
      }
      if (await serverRunning(config.port)) {
        out.error(`A Vuoro server is running on port ${config.port}. Stop it first (sudo systemctl stop vuoro), then restore. Nothing was changed.`);
        return 1;
      }
      return restore(source, dbFile, report.schemaVersion, latest, out);
    }
    default:
      out.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

function restore(source: string, dbFile: string, schema: number, latest: number, out: CliOutput): number {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const incoming = `${dbFile}.restoring`;
  copyFileSync(source, incoming);
  const aside = `${dbFile}.before-restore-${stamp}`;
  if (existsSync(dbFile)) {
    // The database and its write-ahead log move together, so nothing committed is lost from the copy kept aside.
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, aside + suffix);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
  renameSync(incoming, dbFile);
  const { tickets, events } = countRows(dbFile, ['tickets', 'events']);
  out.log(`Restored ${source}: ${tickets} tickets, ${events} events, schema ${schema}.`);
  if (existsSync(aside)) out.log(`The database it replaced is kept as ${aside}.`);
  if (schema < latest) out.log(`The server will upgrade it to schema ${latest} when it starts (after taking a backup).`);
  out.log('Start the server again (sudo systemctl start vuoro).');
  return 0;
}
