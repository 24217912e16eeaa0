/** The page at /: what this server offers, with links. Plain HTML, no script. */

export interface LandingInput {
  hallName: string;
  demo: boolean;
  kiosks: { id: string; name: string }[];
  displays: { id: string; name: string }[];
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function landingPage(i: LandingInput): string {
  const item = (href: string, text: string) => `<li><a href="${esc(href)}">${esc(text)}</a></li>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(i.hallName)} – Vuoro</title>
<style>
  body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 46rem; padding: 1.5rem; color: #0b0c0c; background: #fff; }
  h1 { font-size: 2rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.35rem; margin-top: 2rem; }
  a { color: #1d4f91; text-underline-offset: .15em; }
  a:focus { outline: 3px solid transparent; background: #ffdd00; color: #0b0c0c; box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; text-decoration: none; }
  .demo { border-left: 6px solid #1d4f91; padding: .5rem 1rem; background: #f3f2f1; }
  li { margin: .4rem 0; }
</style>
</head>
<body>
<main>
<h1>${esc(i.hallName)}</h1>
${i.demo ? '<p class="demo"><strong>Demo hall: always open.</strong> Demo staff accounts are listed in the README.</p>' : ''}
<h2>Visitors</h2>
<ul>${item('/kiosk', 'Ticket kiosk')}${i.kiosks.map((k) => item(`/kiosk?id=${k.id}`, `Kiosk: ${k.name}`)).join('')}</ul>
<h2>Waiting room displays</h2>
<ul>${item('/display', 'Hall board')}${i.displays.map((d) => item(`/display?id=${d.id}`, `Display: ${d.name}`)).join('')}</ul>
<h2>Staff</h2>
<ul>${item('/counter', 'Counter and supervisor')}</ul>
<h2>Integration</h2>
<ul>${item('/api/v1/health', 'Health check')}${item('/api/v1/services', 'Services (JSON)')}${item('/api/v1', 'API routes (JSON); full reference in the README')}</ul>
</main>
</body>
</html>`;
}
