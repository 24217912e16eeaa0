import type { UserConfig } from 'vite';

/** The Vite config the three UIs share; `input` names the app's pages when it has more than index.html. */
export function uiViteConfig(base: string, input?: Record<string, string>): UserConfig;
