import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = process.env.VUORO_DEV_SERVER ?? 'http://localhost:8080';

export default defineConfig({
  base: '/kiosk/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { input: { index: 'index.html', status: 'status.html' } },
  },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
