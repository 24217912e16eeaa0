import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The house rules of the server's layout, checked on the source imports (type-only imports included). */

const SRC = import.meta.dirname;

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sources(full);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [full] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

/** The module specifiers one file imports; relative ones resolved to source paths under SRC. */
function importsOf(file: string): { local: string[]; external: string[] } {
  const text = readFileSync(file, 'utf8');
  const local: string[] = [];
  const external: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? '';
    if (spec.startsWith('.')) local.push(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
    else external.push(spec);
  }
  return { local, external };
}

const rel = (f: string) => path.relative(SRC, f);

/** SQL statements in SQL keywords' capitals inside string literals, and statements prepared or run on a database. */
const SQL = /(['"`]\s*(SELECT|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|DROP\s+TABLE|VACUUM|PRAGMA)\b)|\.(prepare|pragma)\(/;

/** The lines of a source (comments removed) that hold SQL. */
function sqlIn(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return code.split('\n').filter((line) => SQL.test(line)).map((line) => line.trim());
}
const graph = new Map(sources().map((f) => [f, importsOf(f)]));

describe('house rules of the server layout', () => {
  it('the domain imports nothing but the domain and the protocol (no IO, no packages)', () => {
    const offenders = [...graph].flatMap(([file, { local, external }]) => {
      if (!rel(file).startsWith('domain/')) return [];
      const bad = [...local.filter((l) => !rel(l).startsWith('domain/') && !rel(l).startsWith('protocol/')), ...external];
      return bad.map((b) => `${rel(file)} → ${b.startsWith('/') ? rel(b) : b}`);
    });
    expect(offenders).toEqual([]);
  });

  it('routers, realtime and devices never import the store: they call named service methods', () => {
    const offenders = [...graph].flatMap(([file, { local }]) => {
      if (!/^(http|realtime|devices)\//.test(rel(file))) return [];
      return local.filter((l) => rel(l).startsWith('store/')).map((l) => `${rel(file)} → ${rel(l)}`);
    });
    expect(offenders).toEqual([]);
  });

  it('realtime does not import http/: what both need (toApiError) lives in services/', () => {
    const offenders = [...graph].flatMap(([file, { local }]) => {
      if (!rel(file).startsWith('realtime/')) return [];
      return local.filter((l) => rel(l).startsWith('http/')).map((l) => `${rel(file)} → ${rel(l)}`);
    });
    expect(offenders).toEqual([]);
  });

  it('there is no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file)?.local ?? []) if (graph.has(next)) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('SQL lives only in store/ (and central/store/, the central server\'s PostgreSQL store)', () => {
    const offenders = [...graph.keys()].flatMap((file) => {
      if (/^(store|central\/store)\//.test(rel(file))) return [];
      return sqlIn(readFileSync(file, 'utf8')).map((line) => `${rel(file)}: ${line}`);
    });
    expect(offenders).toEqual([]);
  });

  it('the SQL check finds SQL (a rule that finds nothing would always pass)', () => {
    expect(sqlIn("const s = db.prepare('SELECT 1');")).toHaveLength(1);
    expect(sqlIn('await c.query(`UPDATE visits SET state = $1`, [x]);')).toHaveLength(1);
    expect(sqlIn("const q = `DELETE FROM stats_dirty WHERE local_date = ?`;")).toHaveLength(1);
    expect(sqlIn("// SELECT in a comment\nconst x = 'Select a service';")).toEqual([]);
    expect(sqlIn(readFileSync(path.join(SRC, 'store/statsRepository.ts'), 'utf8')).length).toBeGreaterThan(5);
  });

  it('the checks see the source (a rule over nothing would always pass)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(path.join(SRC, 'app.ts'))?.local).toContain(path.join(SRC, 'services/index.ts'));
  });
});
