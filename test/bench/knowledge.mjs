// Knowledge search benchmark: 5,000 published articles (the demo hall's services, three languages each, a few
// hundred words of body) in a temp database; then searches as staff type them (prefixes, accents, several words,
// no result) through the knowledge service, against a bare FTS5 query on the same table. Prints figures only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_HALL_FILE, loadHallFile } from '../../server/dist/config.js';
import { Store } from '../../server/dist/store/index.js';
import { createServices } from '../../server/dist/services/index.js';
import { KnowledgeService } from '../../server/dist/knowledge/knowledgeService.js';
import { ftsMatch } from '../../server/dist/domain/index.js';
import { seededRandom } from '../../server/dist/demo/demoDay.js';

const ARTICLES = Number(process.env.VUORO_BENCH_ARTICLES ?? 5_000);
const WORDS = ['passport', 'licence', 'Führerschein', 'Gebühr', 'residence', 'permit', 'vehicle', 'registration', 'henkilökortti',
  'oleskelulupa', 'ajokortti', 'Anmeldung', 'Zulassung', 'photo', 'fee', 'appointment', 'certificate', 'insurance', 'address',
  'renewal', 'lost', 'found', 'interpreter', 'parking', 'Straße', 'child', 'student', 'pension', 'tax', 'marriage', 'birth'];
// A hall's vocabulary: a few thousand words with a few common ones (Zipf-like), plus the real words above.
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'vo', 're', 'an', 'ber', 'sch', 'ung', 'en', 'li', 'to', 'pa', 'ri', 'da', 'ho', 'ku'];
const QUERIES = ['f', 'fu', 'fuhrer', 'fuhrerschein', 'pass ren', 'oleskelu', 'gebuhr zulassung', 'photo fee child', 'zzzz nothing', 'anmeldung strasse'];

export async function run() {
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-kb-'));
  try {
    const store = Store.open(path.join(dir, 'vuoro.db'));
    const hall = loadHallFile(DEMO_HALL_FILE);
    const services = createServices(store, hall, () => Date.now());
    const kb = new KnowledgeService(services.ctx, services.hall);
    const r = seededRandom(17);
    const vocabulary = [...Array.from({ length: 4_000 }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join(''))];
    // The real words sit at ranks 40, 140, 240, …: common, but not in every article.
    WORDS.forEach((w, i) => vocabulary.splice(40 + i * 100, 0, w));
    const pick = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.pow(r(), 2.2) * vocabulary.length))];
    const text = (n) => Array.from({ length: n }, pick).join(' ');
    const ids = hall.config.services.map((s) => [s.id, s.organisationId]);
    const articles = Array.from({ length: ARTICLES }, (_, i) => {
      const [serviceId, organisationId] = ids[i % ids.length];
      return {
        key: `bench-${i}`,
        content: {
          serviceId, organisationId,
          title: { en: `${text(3)} ${i}`, fi: text(3), de: text(3) },
          summary: { en: text(25), fi: text(25), de: text(25) },
          body: { en: text(250), fi: text(150), de: text(150) },
          bring: { en: text(12) }, fees: {}, contact: {}, legalBasis: '', keywords: [pick(), pick(), pick()], contactIds: [],
        },
      };
    });
    let t0 = performance.now();
    kb.import({ userId: 0, name: 'bench', role: 'admin', organisationId: null }, { format: 'vuoro-knowledge-1', contacts: [], articles });
    const importMs = performance.now() - t0;

    // The bare query: the same ranked FTS5 search and count, straight on better-sqlite3, nothing around it.
    const bare = store.db.prepare(`WITH m AS MATERIALIZED (SELECT rowid AS id, bm25(knowledge_fts, 10.0, 8.0, 3.0, 1.0, 1.0, 6.0) AS rank
      FROM knowledge_fts WHERE knowledge_fts MATCH ?) SELECT id, count(*) OVER () AS total FROM m ORDER BY rank LIMIT 20`);
    const time = (fn, rounds) => {
      const samples = [];
      for (let i = 0; i < rounds; i++) {
        const s = performance.now();
        fn();
        samples.push(performance.now() - s);
      }
      samples.sort((a, b) => a - b);
      return { p50: samples[Math.floor(rounds / 2)], p99: samples[Math.floor(rounds * 0.99)], max: samples[rounds - 1] };
    };
    console.log(`\nKnowledge search: ${ARTICLES.toLocaleString('en-US')} published articles (import ${(importMs / 1000).toFixed(1)} s)`);
    console.log('  query                 service p50 / p99 / max ms      bare FTS5 p50 ms   ratio (bare/service)  results');
    const all = [];
    for (const q of QUERIES) {
      const svc = time(() => kb.search(q, { limit: 20, record: false }), 200);
      const match = ftsMatch(q);
      const raw = time(() => bare.all(match), 200);
      const total = kb.search(q, { limit: 20, record: false }).total;
      all.push(svc.p99);
      console.log(`  ${q.padEnd(20)}  ${svc.p50.toFixed(2).padStart(6)} / ${svc.p99.toFixed(2).padStart(6)} / ${svc.max.toFixed(2).padStart(6)}          ${raw.p50.toFixed(2).padStart(6)}            ${(raw.p50 / svc.p50).toFixed(2).padStart(5)}            ${total}`);
    }
    console.log(`  worst p99 over all queries: ${Math.max(...all).toFixed(2)} ms`);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
