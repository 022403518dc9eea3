// The dashboard's build: `npm run build:dashboard` writes dashboard/dist, which the gateway serves under
// /dashboard/ (src/server/dashboard.ts). JSX goes through Vite's own transform (oxc), pointed at preact.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/dashboard/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the gateway's CSP allows no inline script, and every browser the dashboard targets has modulepreload
    modulePreload: { polyfill: false },
  },
  // `npx vite --config dashboard/vite.config.ts` against a gateway on :8080 (AIRLOCK_URL for another)
  server: { proxy: { '/admin': process.env.AIRLOCK_URL ?? 'http://127.0.0.1:8080' } },
});
