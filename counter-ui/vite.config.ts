import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = process.env.VUORO_DEV_SERVER ?? 'http://localhost:8080';

export default defineConfig({
  base: '/counter/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
