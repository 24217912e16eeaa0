import { parse, stringify } from 'yaml';
import { ArticleContent, ContactConfig, KnowledgeExport, LANGUAGES, type Language } from '../protocol/index.js';

/**
 * Articles as Markdown files in a folder, one file per article, for halls that keep their texts in files:
 *
 *     ---
 *     serviceId: identity
 *     organisationId: city
 *     title: { en: "Passport: apply or renew", fi: "Passi: …" }
 *     summary: { en: … }
 *     bring / fees / contact: { <lang>: … }
 *     legalBasis: …
 *     keywords: [passport, Reisepass]
 *     contactIds: [city-passport-desk]
 *     ---
 *     <!-- lang: en -->
 *     The full text in English (Markdown) …
 *     <!-- lang: fi -->
 *     Koko teksti suomeksi …
 *
 * The file name (without `.md`) is the article's key; `contacts.json` holds the directory. Pure: text in, text out.
 */

const LANG_MARK = /^<!-- lang: ([a-z]{2}) -->$/;

export type FolderFiles = Record<string, string>;

export function toMarkdownFolder(data: KnowledgeExport): FolderFiles {
  const files: FolderFiles = { 'contacts.json': `${JSON.stringify(data.contacts, null, 2)}\n` };
  data.articles.forEach((a, i) => {
    const { body, ...meta } = a.content;
    const key = a.key ?? `article-${i + 1}`;
    const name = `${safeName(key)}.md`;
    const sections = (Object.entries(body) as [Language, string][]).map(([lang, text]) => `<!-- lang: ${lang} -->\n${text.trimEnd()}\n`);
    files[name] = `---\n${stringify({ key, ...meta }).trimEnd()}\n---\n${sections.join('\n')}`;
  });
  return files;
}

export class FolderError extends Error {}

/** Reads a folder's files back; a file that does not parse is named in the error. Validated like an import. */
export function fromMarkdownFolder(files: FolderFiles): KnowledgeExport {
  const contacts = files['contacts.json'] === undefined ? [] : parseJson(files['contacts.json'], 'contacts.json');
  const articles = Object.keys(files)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const text = files[f] ?? '';
      const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text.replace(/\r\n/g, '\n'));
      if (!m) throw new FolderError(`${f}: starts with a "---" block of fields, closed by "---"`);
      let meta: unknown;
      try {
        meta = parse(m[1] ?? '');
      } catch (err) {
        throw new FolderError(`${f}: the fields block is not valid YAML (${(err as Error).message})`);
      }
      if (typeof meta !== 'object' || meta === null) throw new FolderError(`${f}: the fields block is empty`);
      const { key, ...content } = meta as Record<string, unknown>;
      const body: Partial<Record<Language, string>> = {};
      let lang: Language | null = null;
      const lines: string[] = [];
      const flush = () => {
        if (lang !== null && lines.join('\n').trim() !== '') body[lang] = lines.join('\n').trim();
        lines.length = 0;
      };
      for (const line of (m[2] ?? '').split('\n')) {
        const mark = LANG_MARK.exec(line.trim());
        if (mark) {
          flush();
          const l = LANGUAGES.find((x) => x === mark[1]);
          if (!l) throw new FolderError(`${f}: unknown language "${mark[1]}"`);
          lang = l;
        } else {
          if (lang === null && line.trim() !== '') throw new FolderError(`${f}: the text starts without a "<!-- lang: xx -->" line`);
          lines.push(line);
        }
      }
      flush();
      const parsed = ArticleContent.safeParse({ ...content, body });
      if (!parsed.success) throw new FolderError(`${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { key: typeof key === 'string' ? key : f.slice(0, -3), content: parsed.data };
    });
  const result = KnowledgeExport.safeParse({ format: 'vuoro-knowledge-1', contacts, articles });
  if (!result.success) throw new FolderError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

function parseJson(text: string, name: string): ContactConfig[] {
  try {
    return JSON.parse(text) as ContactConfig[];
  } catch (err) {
    throw new FolderError(`${name}: not valid JSON (${(err as Error).message})`);
  }
}

function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'article';
}
