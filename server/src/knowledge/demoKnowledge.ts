import { readFileSync } from 'node:fs';
import path from 'node:path';

export const DEMO_KNOWLEDGE_FILE = path.resolve(import.meta.dirname, '../../config/demo-knowledge.json');

/** The demo hall's articles and desks (the import format), read at start of a new demo database. */
export function loadDemoKnowledge(): unknown {
  return JSON.parse(readFileSync(DEMO_KNOWLEDGE_FILE, 'utf8'));
}
