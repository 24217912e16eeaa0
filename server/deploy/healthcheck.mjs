#!/usr/bin/env node
// The container's health check: exit 0 when GET /api/v1/health answers 200 (ready), 1 otherwise.
const port = process.env.PORT ?? '8080';
try {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(4000) });
  const body = await res.json();
  console.log(`${res.status} ${body.status}`);
  process.exit(res.status === 200 ? 0 : 1);
} catch (err) {
  console.log(`unreachable: ${err.message}`);
  process.exit(1);
}
