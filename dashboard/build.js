// `npm run prepare` (run by npm install and npm ci): builds the dashboard so a fresh checkout serves it. Under
// `npm ci --omit=dev` there is no Vite; the gateway then answers /dashboard/ with a page saying how to build it,
// so a missing build is a note here, not a failed install.
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

let vite;
try {
  vite = await import('vite');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
  process.stdout.write('airlock: vite is not installed (production install?), so the dashboard was not built; run `npm run build:dashboard` where devDependencies are installed\n');
  process.exit(0);
}
await vite.build({ configFile: fileURLToPath(new URL('vite.config.ts', import.meta.url)), logLevel: 'warn' });
