import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  // `npm run dev -w web` sends API calls to an engine started with `npm start` (ENGINE_URL to change it).
  const engine = loadEnv(mode, '.', '').ENGINE_URL ?? 'http://127.0.0.1:3000';
  return {
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // The page is served with `script-src 'self'`: no inline polyfill script.
      modulePreload: { polyfill: false },
    },
    server: {
      proxy: {
        '/v1': engine,
        '/healthz': engine,
        '/docs': engine,
      },
    },
  };
});
