import { writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { ConfigError, loadCentralConfig, loadConfig, modeOf, type AppConfig } from './config.js';
import { startupAddresses } from './startupAddresses.js';
import { createApp } from './app.js';
import { createCentralApp } from './central/centralApp.js';
import { localize } from './protocol/index.js';
import { DatabaseUnusableError } from './store/index.js';
import { createLogger, defaultLogFormat, type Logger } from './logging/logger.js';

/** The process: load config, open the database, serve, shut down gracefully. */
async function main(): Promise<void> {
  if (modeOf(process.env) === 'central') return central();
  const config = loadConfig(process.env);
  const logger = createLogger(config.log);
  const app = await createApp({ config, logger, demoHistory: true });
  await new Promise<void>((resolve, reject) => {
    app.http.once('error', reject);
    app.http.listen(config.port, config.host, resolve);
  });
  const address = app.http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ event: 'started', url: `http://localhost:${port}/`, port, dataDir: config.dataDir, hallConfig: config.hall.file, devices: app.devices.statuses().map((d) => d.id) }, 'Vuoro started');
  if (config.log.format === 'json') announceToJournal(app, config, logger);
  else printBanner(app, config, port);
  onSignals(() => app.close(), logger);
}

type Started = Awaited<ReturnType<typeof createApp>>;

/** Under a service manager the journal is read by many: the first admin password goes to a file only its owner reads. */
function announceToJournal(app: Started, config: AppConfig, logger: Logger): void {
  if (!app.generatedAdminPassword) return;
  const file = path.join(config.dataDir, 'initial-admin-password.txt');
  writeFileSync(file, `${app.generatedAdminPassword}\n`, { mode: 0o600 });
  logger.warn({ event: 'admin-created', file }, `First start: created user "admin"; its password is in ${file} (delete the file after signing in)`);
}

/** For a person at a terminal: where to point the browser, and the first admin password once. */
function printBanner(app: Started, config: AppConfig, port: number): void {
  const hall = app.services.hall.current().config.hall;
  console.log(`Vuoro is serving ${localize(hall.name, hall.defaultLanguage)}${hall.demo ? ' (demo hall: always open)' : ''}`);
  const [first, ...others] = startupAddresses(networkInterfaces(), port, config.host);
  console.log(`  ${first}/          landing page`);
  console.log(`  ${first}/kiosk     kiosk    /display  waiting-room board    /counter  staff`);
  if (others.length > 0) console.log(`  on other PCs of the network: ${others.map((a) => `${a}/`).join('   ')}`);
  console.log(`  database: ${config.dataDir}/vuoro.db   hall config: ${config.hall.file}`);
  const devices = app.devices.statuses();
  if (config.central) console.log(`  shipping the event log to ${config.central.url}; state at GET /api/v1/central-shipping`);
  if (devices.length > 0) console.log(`  devices: ${devices.map((d) => `${d.id} (${d.kind})`).join(', ')}; states at GET /api/v1/devices`);
  if (app.generatedAdminPassword) {
    console.log('');
    console.log(`  First start: created user "admin" with password ${app.generatedAdminPassword}`);
    console.log('  It is shown only this once. Set VUORO_ADMIN_PASSWORD on a new database to choose it yourself.');
  }
}

/** VUORO_MODE=central: the central server of many halls, on PostgreSQL. */
async function central(): Promise<void> {
  const config = loadCentralConfig(process.env);
  const logger = createLogger({ level: 'info', format: defaultLogFormat() });
  const app = await createCentralApp({ config });
  await new Promise<void>((resolve, reject) => {
    app.http.once('error', reject);
    app.http.listen(config.port, config.host, resolve);
  });
  const address = app.http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log('Vuoro central is serving');
  const [first, ...others] = startupAddresses(networkInterfaces(), port, config.host);
  console.log(`  ${first}/counter   back office (central section)`);
  console.log(`  halls ship to ${others[0] ?? `http://<this host>:${port}`}/api/v1/central/events with their credential`);
  if (others.length > 0) console.log(`  on other PCs of the network: ${others.map((a) => `${a}/counter`).join('   ')}`);
  if (app.generatedAdminPassword) {
    console.log('');
    console.log(`  First start: created user "admin" with password ${app.generatedAdminPassword}`);
    console.log('  It is shown only this once. Set VUORO_ADMIN_PASSWORD on a new database to choose it yourself.');
  }
  onSignals(() => app.close(), logger);
}

function onSignals(close: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'stopping', signal }, `${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection (server keeps running)'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseUnusableError) console.error(err.message);
  else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error('The port is in use. Set PORT to another one.');
  else console.error('Vuoro could not start:', err);
  process.exit(1);
});
