// GET /dashboard/…: the built dashboard (dashboard/dist), a single-page app that reads the admin API with the
// token its user gives it. The files hold no data, so serving them needs no token. They are read into memory on
// the first request and served from there: a rebuild while the gateway runs is picked up on restart, and the
// index and its hashed assets always come from the same build.
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const PREFIX = '/dashboard/';

export type DashboardHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

interface StaticFile {
  body: Buffer;
  type: string;
  cache: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The app loads only its own script and stylesheet; nothing inline, nothing framed (CSP Level 3, RFC 7034).
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

// Vite names everything under assets/ by a hash of its content, so a name never changes meaning.
const IMMUTABLE = 'public, max-age=31536000, immutable';

const MISSING = `<!doctype html><meta charset="utf-8"><title>Airlock dashboard not built</title>
<h1>The dashboard is not built</h1><p>Run <code>npm run build:dashboard</code> and restart the gateway.</p>
`;

export function isDashboardPath(path: string): boolean {
  return path === '/dashboard' || path.startsWith(PREFIX);
}

/** Every file under dir by its path relative to dir ('/'-separated); null when there is no index.html. */
async function load(dir: string): Promise<Map<string, StaticFile> | null> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return null;
  }
  const files = new Map<string, StaticFile>();
  for (const name of names) {
    const rel = name.split('\\').join('/');
    const body = await readFile(join(dir, name)).catch(() => null); // a directory
    if (body === null) continue;
    files.set(rel, { body, type: TYPES[extname(rel)] ?? 'application/octet-stream', cache: rel.startsWith('assets/') ? IMMUTABLE : 'no-cache' });
  }
  return files.has('index.html') ? files : null;
}

/** The path inside the app, or null for one that tries to leave it (`..`, NUL, bad percent-encoding). */
function relativePath(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.slice(PREFIX.length));
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return null;
  return posix.normalize(`/${decoded}`).slice(1);
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}): void {
  res.writeHead(status, Object.assign({}, SECURITY_HEADERS, headers, { 'content-type': type, 'content-length': Buffer.byteLength(body) }));
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function createDashboardHandler(dir: string = DEFAULT_DASHBOARD_DIR): DashboardHandler {
  let files: Promise<Map<string, StaticFile> | null> | null = null;
  return async (req, res, path) => {
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(req, res, 405, 'text/plain; charset=utf-8', 'use GET\n', { allow: 'GET, HEAD' });
    if (path === '/dashboard') {
      const q = req.url?.indexOf('?') ?? -1;
      return send(req, res, 301, 'text/plain; charset=utf-8', 'moved to /dashboard/\n', { location: `${PREFIX}${q === -1 ? '' : (req.url ?? '').slice(q)}` });
    }
    const rel = relativePath(path);
    if (rel === null) return send(req, res, 400, 'text/plain; charset=utf-8', 'bad path\n');
    files ??= load(dir);
    const loaded = await files;
    if (loaded === null) {
      // not built yet: look again next time, so a build does not need a restart to be seen
      files = null;
      return send(req, res, 503, 'text/html; charset=utf-8', MISSING, { 'cache-control': 'no-store' });
    }
    const file = loaded.get(rel === '' ? 'index.html' : rel);
    if (file !== undefined) return send(req, res, 200, file.type, file.body, { 'cache-control': file.cache });
    if (rel.startsWith('assets/')) return send(req, res, 404, 'text/plain; charset=utf-8', 'not found\n', { 'cache-control': 'no-cache' });
    // any other path is one of the app's pages (client-side routing): the app reads the path itself
    const index = loaded.get('index.html') as StaticFile;
    return send(req, res, 200, index.type, index.body, { 'cache-control': index.cache });
  };
}
