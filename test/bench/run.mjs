// npm run bench: every benchmark, one after another. Figures only; nothing here asserts a time.
import { existsSync } from 'node:fs';
import { runQueueBench } from './queue.mjs';
import { runFanoutBench } from './fanout.mjs';
import { runHallBench } from './hall.mjs';

const only = process.argv[2];
console.log(`Vuoro benchmarks on node ${process.version}, ${new Date().toISOString()}`);
if (!only || only === 'hall') await runHallBench();
if (!only || only === 'queue') runQueueBench();
if (!only || only === 'fanout') await runFanoutBench(200, 100);
for (const extra of ['./display-memory.mjs', './stats.mjs', './knowledge.mjs', './webhooks.mjs', './backup.mjs', './central.mjs', './history.mjs', './speech.mjs', './sockets.mjs', './notify.mjs']) {
  const name = extra.slice(2, -4);
  if ((!only || only === name) && existsSync(new URL(extra, import.meta.url))) {
    const mod = await import(extra);
    await mod.run();
  }
}
process.exit(0);
