import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument } from '../../server/src/http/openapi.js';

/**
 * The contract of /api/v1 held to the real server: every answer of a documented route must have a status the
 * document lists for it, and its body must validate (ajv, JSON Schema draft 2020-12 as OpenAPI 3.1 uses) against the
 * schema of that status — including error answers. A mismatch is a failure of the test that made the request.
 */

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  pattern: RegExp;
  path: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface Contract {
  doc: Json;
  operations: Operation[];
  ajv: Ajv2020;
  compiled: Map<string, ValidateFunction>;
}

let contract: Contract | undefined;

function load(): Contract {
  if (contract) return contract;
  const doc = openApiDocument('1');
  const operations: Operation[] = [];
  for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation['responses'] & Json>>)) {
    const full = `/api/v1${p === '/' ? '' : p}`;
    const pattern = new RegExp(`^${full.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}$`);
    for (const [method, op] of Object.entries(ops)) {
      operations.push({ method: method.toUpperCase(), pattern, path: full, responses: (op as { responses: Operation['responses'] }).responses });
    }
  }
  // Literal paths first: /tickets/stranded before /tickets/{id}.
  operations.sort((a, b) => a.path.split('{').length - b.path.split('{').length);
  contract = { doc, operations, ajv: new Ajv2020({ strict: false, allErrors: true }), compiled: new Map() };
  return contract;
}

/** `{ $ref: '#/components/schemas/X' }` replaced by the schema (the document's only references). */
function resolveRefs(node: unknown, doc: Json): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveRefs(n, doc));
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const schemas = (doc.components as { schemas: Json }).schemas;
    return resolveRefs(schemas[ref.slice('#/components/schemas/'.length)], doc);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolveRefs(v, doc)]));
}

/** The documented operation a request reaches, if any (an unknown path is the 404 of no route, not a contract). */
export function operationOf(method: string, url: string): Operation | undefined {
  const pathname = new URL(url, 'http://x').pathname;
  return load().operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(pathname));
}

/**
 * What is wrong with an answer, by the document; empty when it keeps the contract. `body` is the parsed JSON body
 * (for JSON answers) or the text.
 */
export function contractProblems(method: string, url: string, status: number, contentType: string | null, body: unknown): string[] {
  const op = operationOf(method, url);
  if (!op) return [];
  const c = load();
  const where = `${method.toUpperCase()} ${new URL(url, 'http://x').pathname} → ${status}`;
  const response = op.responses[String(status)];
  if (!response) return [`${where}: the document lists no ${status} for ${method.toUpperCase()} ${op.path} (it lists ${Object.keys(op.responses).join(', ')})`];
  if (!response.content) return body === null || body === '' ? [] : [`${where}: the document says no body, the server sent one`];
  const media = (contentType ?? '').split(';')[0]?.trim() ?? '';
  const entry = response.content[media];
  if (!entry) return [`${where}: the answer is ${media || 'untyped'}; the document says ${Object.keys(response.content).join(' or ')}`];
  if (media !== 'application/json') return [];
  const key = `${op.method} ${op.path} ${status}`;
  let validate = c.compiled.get(key);
  if (!validate) {
    validate = c.ajv.compile(resolveRefs(entry.schema, c.doc) as object);
    c.compiled.set(key, validate);
  }
  if (validate(body)) return [];
  const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  return [`${where}: the body does not match the document: ${errors.join('; ')}`];
}

/** Throws when an answer breaks the contract. */
export function assertContract(method: string, url: string, status: number, contentType: string | null, body: unknown): void {
  const problems = contractProblems(method, url, status, contentType, body);
  if (problems.length > 0) throw new Error(`API contract: ${problems.join('\n')}`);
}

/**
 * `fetch` that checks each answer of a documented route against the document before handing it back (the body is
 * read from a clone, so the caller can still read it).
 */
export async function contractFetch(input: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(input, init);
  const type = res.headers.get('content-type');
  const text = await res.clone().text();
  let body: unknown = text;
  if ((type ?? '').startsWith('application/json')) body = text ? (JSON.parse(text) as unknown) : null;
  else if (text === '') body = null;
  assertContract(init.method ?? 'GET', input, res.status, type, body);
  return res;
}
