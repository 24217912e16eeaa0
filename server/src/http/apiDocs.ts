import express, { Router } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** Swagger UI's packaged files: the reference page works without internet (no CDN). */
const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vuoro API reference</title>
<link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
<header><p class="vuoro-docs-links">The HTTP API below (OpenAPI 3.1: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>).
The realtime events of the screens (Socket.IO) are described by an AsyncAPI 3.0 document:
<a href="/api/v1/asyncapi.json">/api/v1/asyncapi.json</a>.</p></header>
<main id="swagger-ui"></main>
<script src="swagger-ui-bundle.js"></script>
<script src="vuoro-docs.js"></script>
</body>
</html>
`;

// validatorUrl: null — Swagger UI would otherwise send the document to an online validator.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n`;

/** GET /api/docs: a readable reference of /api/v1, from GET /api/v1/openapi.json. */
export function apiDocsRouter(): Router {
  const r = Router({ strict: true });
  r.get('/api/docs', (_req, res) => res.redirect(301, '/api/docs/'));
  r.get('/api/docs/', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(PAGE);
  });
  r.get('/api/docs/vuoro-docs.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  r.use('/api/docs', express.static(SWAGGER_DIR, { index: false, maxAge: '1h' }));
  return r;
}
