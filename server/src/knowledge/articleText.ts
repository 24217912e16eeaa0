import { diffWords } from 'diff';
import { alternateSpellings, normaliseSearchText } from '../domain/index.js';
import type { ArticleContent, FieldDiff, Language, LocalizedText } from '../protocol/index.js';
import type { FtsColumns } from '../store/index.js';

const TEXT_FIELDS = ['title', 'summary', 'body', 'bring', 'fees', 'contact'] as const;

function all(t: Partial<Record<Language, string>>): string {
  return Object.values(t).join('\n');
}

/** The full-text index row of an article: every field, every language, normalised; service names count as "other". */
export function ftsColumns(c: ArticleContent, serviceName: LocalizedText | undefined): FtsColumns {
  const other = [all(c.bring), all(c.fees), all(c.contact), c.legalBasis, serviceName ? all(serviceName) : ''].join('\n');
  const everything = [all(c.title), c.keywords.join(' '), all(c.summary), all(c.body), other].join('\n');
  return {
    title: normaliseSearchText(all(c.title)),
    keywords: normaliseSearchText(c.keywords.join(' ')),
    summary: normaliseSearchText(all(c.summary)),
    body: normaliseSearchText(all(c.body)),
    other: normaliseSearchText(other),
    alt: alternateSpellings(everything),
  };
}

/** The languages an article has a title in. */
export function articleLanguages(c: ArticleContent): Language[] {
  return Object.keys(c.title) as Language[];
}

/** A word diff of every field that differs between two versions ("title.en", "keywords", …). */
export function diffContent(before: ArticleContent | null, after: ArticleContent): FieldDiff[] {
  const fields: FieldDiff[] = [];
  const push = (field: string, a: string, b: string) => {
    if (a === b) return;
    fields.push({ field, parts: diffWords(a, b).map((p) => ({ value: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) })) });
  };
  push('serviceId', before?.serviceId ?? '', after.serviceId ?? '');
  push('organisationId', before?.organisationId ?? '', after.organisationId);
  for (const f of TEXT_FIELDS) {
    const langs = new Set([...Object.keys(before?.[f] ?? {}), ...Object.keys(after[f])]) as Set<Language>;
    for (const l of [...langs].sort()) push(`${f}.${l}`, before?.[f][l] ?? '', after[f][l] ?? '');
  }
  push('legalBasis', before?.legalBasis ?? '', after.legalBasis);
  push('keywords', before?.keywords.join(', ') ?? '', after.keywords.join(', '));
  push('contactIds', before?.contactIds.join(', ') ?? '', after.contactIds.join(', '));
  return fields;
}
