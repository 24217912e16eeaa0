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

export default defineConfig({
  base: '/kiosk/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: { input: { index: 'index.html', status: 'status.html', book: 'book.html' }, output: { codeSplitting } },
  },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
