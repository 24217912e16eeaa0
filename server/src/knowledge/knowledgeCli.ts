#!/usr/bin/env node
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeExport } from '../protocol/index.js';
import { FolderError, fromMarkdownFolder, toMarkdownFolder } from './markdownFolder.js';

/**
 * npm run knowledge -- to-folder <export.json> <folder>     one Markdown file per article (+ contacts.json)
 * npm run knowledge -- from-folder <folder> <import.json>   back to the JSON of PUT /api/v1/knowledge/import
 * Works on files only; the running server imports and exports through its API.
 */
function main(argv: string[]): number {
  const [command, from, to] = argv;
  try {
    if (command === 'to-folder' && from && to) {
      const data = KnowledgeExport.parse(JSON.parse(readFileSync(from, 'utf8')));
      mkdirSync(to, { recursive: true });
      const files = toMarkdownFolder(data);
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(to, name), text);
      console.log(`${Object.keys(files).length - 1} articles written to ${to}`);
      return 0;
    }
    if (command === 'from-folder' && from && to) {
      const files = Object.fromEntries(
        readdirSync(from)
          .filter((f) => f.endsWith('.md') || f === 'contacts.json')
          .map((f) => [f, readFileSync(path.join(from, f), 'utf8')]),
      );
      const data = fromMarkdownFolder(files);
      writeFileSync(to, `${JSON.stringify(data, null, 1)}\n`);
      console.log(`${data.articles.length} articles and ${data.contacts.length} desks written to ${to}`);
      return 0;
    }
    console.error('usage: knowledge to-folder <export.json> <folder> | from-folder <folder> <import.json>');
    return 2;
  } catch (err) {
    console.error(err instanceof FolderError ? err.message : `knowledge: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
