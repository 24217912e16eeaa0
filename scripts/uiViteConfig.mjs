// The Vite config the three UIs share (kiosk-ui, display-ui, counter-ui each call it from their vite.config.ts):
// React, the app under its own base path, libraries in their own chunks, and the dev server's proxy to a running hall.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = process.env.VUORO_DEV_SERVER ?? 'http://localhost:8080';

/** Libraries in their own chunks (cached across releases, and no chunk over Vite's 500 kB warning). */
const codeSplitting = {
  groups: [
    { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
    { name: 'realtime', test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io)[\\/]/ },
    { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
  ],
};

/** `base` is where the hall serves the app (`/kiosk/`); `input` its pages when it has more than index.html. */
export function uiViteConfig(base, input) {
  return defineConfig({
    base,
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, rolldownOptions: { ...(input ? { input } : {}), output: { codeSplitting } } },
    server: {
      proxy: {
        '/api': server,
        '/socket.io': { target: server, ws: true },
      },
    },
  });
}
