/**
 * What the three screens share beyond the wire types: the sequence rule, the catalog helpers and the route tables (the hall's and the central server's).
 * Imported as "@vuoro/server/protocol/client". Zod-free by design (only type imports from the protocol),
 * so a screen's bundle does not carry the server's validation library for these; a test checks it.
 */
export * from './sequence.js';
export * from './catalog.js';
export * from './localize.js';
export * from './routeDef.js';
export * from './pathTemplate.js';
export * from './routes.js';
export * from './centralRoutes.js';
export * from './upgrade.js';
export * from './retry.js';
export * from './serviceFigures.js';
export * from './counterCalls.js';
