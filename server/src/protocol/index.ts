export * from './vocabulary.js';
export * from './config.js';
export * from './errors.js';
export * from './views.js';
export * from './api.js';
export * from './events.js';
export * from './stats.js';
export * from './integrations.js';
