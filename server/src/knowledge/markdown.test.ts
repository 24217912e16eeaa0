import { describe, expect, it } from 'vitest';
import { markdownProblems, renderMarkdown } from './markdown.js';

describe('article Markdown', () => {
  it('renders headings, lists, emphasis, tables and links', () => {
    const html = renderMarkdown('# Steps\n\n1. **Photo**\n2. *Fee*\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[Info](https://example.org/x) and mailto:desk@example.org');
    expect(html).toContain('<h3>Steps</h3>');
    expect(html).toContain('<li><strong>Photo</strong></li>');
    expect(html).toContain('<table>');
    expect(html).toContain('<a href="https://example.org/x" rel="noopener noreferrer" target="_blank">Info</a>');
    expect(html).toContain('href="mailto:desk@example.org"');
  });

  it('never lets HTML or a script through: tags come out as text', () => {
    for (const evil of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>', '<iframe src="//evil"></iframe>']) {
      const html = renderMarkdown(evil);
      expect(html, evil).not.toMatch(/<(script|img|iframe|a)\b/i);
      expect(markdownProblems(evil), evil).toContain('HTML is not allowed; use Markdown');
    }
  });

  it('drops javascript:, vbscript: and data: links, however they are spelled', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java%73cript:alert(1)', 'vbscript:msgbox', 'data:text/html;base64,PHNjcmlwdD4=']) {
      const md = `[click](${href})`;
      expect(renderMarkdown(md), href).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
      expect(markdownProblems(md), href).toContain('links may only use http, https, mailto or tel');
    }
    expect(renderMarkdown('[click](javascript:alert(1))')).not.toContain('href');
    expect(renderMarkdown('![x](https://example.org/a.png)')).not.toContain('<img');
  });

  it('accepts plain Markdown, comparisons and autolinks as clean', () => {
    expect(markdownProblems('Children < 12 years and fees > €50. See <https://example.org> and `<b>` in code.')).toEqual([]);
    expect(markdownProblems('```\n<div>code</div>\n```')).toEqual([]);
  });
});
