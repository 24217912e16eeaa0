export * from './deviceStatus.js';
export * from './link/Link.js';
export { SerialLink, type SerialLinkOptions } from './link/SerialLink.js';
export { TcpLink, type TcpLinkOptions } from './link/TcpLink.js';
export type { LinkOptions } from './link/ReconnectingLink.js';
export { backoffDelay } from './link/backoff.js';
