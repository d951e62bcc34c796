import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev` sends API calls: an engine started with `npm start` (PORT 3000 by default). */
const API_ORIGIN = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The page is served with `script-src 'self'`: no inline polyfill script.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/v1': API_ORIGIN,
      '/healthz': API_ORIGIN,
      '/docs': API_ORIGIN,
    },
  },
});
