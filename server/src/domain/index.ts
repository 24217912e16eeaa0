export * from './errors.js';
export * from './types.js';
export * from './time.js';
export * from './hours.js';
export * from './numbering.js';
export * from './callNext.js';
export * from './estimate.js';
export * as transitions from './transitions.js';
export type { Transition, TransferTarget } from './transitions.js';
