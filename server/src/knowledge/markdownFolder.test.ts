import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KnowledgeExport } from '../protocol/index.js';
import { DEMO_KNOWLEDGE_FILE } from './demoKnowledge.js';
import { FolderError, fromMarkdownFolder, toMarkdownFolder } from './markdownFolder.js';

const demo = KnowledgeExport.parse(JSON.parse(readFileSync(DEMO_KNOWLEDGE_FILE, 'utf8')));

describe('articles as a folder of Markdown files', () => {
  it('round-trips the demo articles and desks unchanged, one readable file per article', () => {
    const files = toMarkdownFolder(demo);
    expect(Object.keys(files)).toHaveLength(demo.articles.length + 1);
    const passport = files['identity-passport.md'] ?? '';
    expect(passport).toMatch(/^---\nkey: identity-passport\nserviceId: identity\n/);
    expect(passport).toContain('<!-- lang: de -->\n## Ablauf');
    const byKey = (d: KnowledgeExport) => ({ ...d, articles: [...d.articles].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '')) });
    expect(byKey(fromMarkdownFolder(files))).toEqual(byKey(demo));
  });

  it('names the file and the field that is wrong', () => {
    const files = toMarkdownFolder(demo);
    expect(() => fromMarkdownFolder({ ...files, 'x.md': 'no fields' })).toThrow(new FolderError('x.md: starts with a "---" block of fields, closed by "---"'));
    expect(() => fromMarkdownFolder({ 'x.md': '---\nserviceId: null\norganisationId: city\ntitle: {}\n---\n' })).toThrow(/x\.md: title: needs a title/);
    expect(() => fromMarkdownFolder({ 'x.md': '---\norganisationId: city\nserviceId: null\ntitle: {en: A}\n---\nText first' })).toThrow(/without a "<!-- lang: xx -->" line/);
    expect(() => fromMarkdownFolder({ 'x.md': '---\norganisationId: city\nserviceId: null\ntitle: {en: A}\n---\n<!-- lang: xx -->\nT' })).toThrow(/unknown language "xx"/);
    expect(() => fromMarkdownFolder({ 'contacts.json': '{' })).toThrow(/contacts\.json: not valid JSON/);
  });
});
