import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Article text is Markdown without HTML: markdown-it with `html: false` escapes any tag, and its link check refuses
 * `javascript:`, `vbscript:`, `file:` and `data:` URLs. The output then passes an allow-list sanitiser as a second
 * wall, which also keeps only http(s), mailto and tel links and makes external links open safely.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.disable(['image']);

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

const SANITISE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], th: ['style'], td: ['style'], ol: ['start'] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // Headings inside an article sit below the article's own heading levels.
    h1: 'h3',
    h2: 'h4',
    h3: 'h5',
    h4: 'h6',
    h5: 'h6',
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'noopener noreferrer', target: '_blank' } : attribs,
    }),
  },
};

/** Markdown → HTML that is safe to put into a page. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SANITISE);
}

/** What in a Markdown text would not survive rendering: raw HTML or a refused link. Empty when clean. */
export function markdownProblems(source: string): string[] {
  const problems: string[] = [];
  const outsideCode = source.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  if (/<\/?[a-z][a-z0-9-]*(\s[^>]*)?\/?>/i.test(outsideCode)) problems.push('HTML is not allowed; use Markdown');
  const links = md.parse(source, {}).flatMap((t) => t.children ?? []).filter((t) => t.type === 'link_open');
  const raw = [...source.matchAll(/\]\(\s*<?([^)\s>]*)/g)].map((m) => m[1] ?? '');
  if (raw.some((href) => /^\s*(javascript|vbscript|data|file):/i.test(decodeURIComponentSafe(href))) || links.some((l) => /^(javascript|vbscript|data|file):/i.test(String(l.attrGet('href') ?? '')))) {
    problems.push('links may only use http, https, mailto or tel');
  }
  return problems;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s).replace(/[\s\u0000-\u001f]/g, '');
  } catch {
    return s;
  }
}
