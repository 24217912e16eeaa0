import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Language, SpeechApp } from '../protocol/index.js';

/** The screens whose texts may be spoken; each keeps its catalogs in `<app>-ui/src/i18n/<lang>.json`. */
export { SPEECH_APPS, type SpeechApp } from '../protocol/speech.js';

const Catalog = z.record(z.string(), z.string());
type Catalog = z.infer<typeof Catalog>;

interface Loaded {
  mtimeMs: number;
  entries: Catalog;
}

/**
 * The apps' own message catalogs, read from the repository and re-read when a file changes. They are the only
 * texts the speech endpoint will ever speak: a request names a key, never a sentence.
 */
export class SpeechCatalogs {
  private readonly loaded = new Map<string, Loaded>();

  constructor(private readonly repoRoot: string) {}

  file(app: SpeechApp, lang: Language): string {
    return path.join(this.repoRoot, `${app}-ui`, 'src', 'i18n', `${lang}.json`);
  }

  /** The template for `key`, or undefined when the catalog or the key does not exist. */
  async template(app: SpeechApp, lang: Language, key: string): Promise<string | undefined> {
    const catalog = await this.catalog(app, lang);
    if (!catalog || !Object.hasOwn(catalog, key)) return undefined;
    return catalog[key];
  }

  private async catalog(app: SpeechApp, lang: Language): Promise<Catalog | undefined> {
    const file = this.file(app, lang);
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(file)).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.loaded.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.entries;
    let parsed: ReturnType<typeof Catalog.safeParse>;
    try {
      parsed = Catalog.safeParse(JSON.parse(await readFile(file, 'utf8')));
    } catch {
      return undefined;
    }
    if (!parsed.success) return undefined;
    this.loaded.set(file, { mtimeMs, entries: parsed.data });
    return parsed.data;
  }
}

/** Names of the `{placeholders}` a template uses. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}

/** Replaces each `{name}` with its value; every placeholder must have one. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '');
}
