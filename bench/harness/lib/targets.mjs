// Copied from ../shared/bench/lib/targets.mjs (see ../README.md). Changes: hono-fetch and portkey dropped (their
// packages are not repo dependencies); a package counts as installed wherever Node would resolve it from here
// (the repo's node_modules), not only in a node_modules beside the harness.
//
// The targets the driver compares. Each: { name, role, url, headers, argv?|launch?, env?, ready? }.
// Built-ins: direct (no hop), nginx (C limit, if installed), node-http / node-undici (bare Node limit).
// Extra ones come from --target.
import fs from 'node:fs';
import path from 'node:path';
import { hasCmd } from './procs.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..');
// Node's lookup: node_modules in this folder or any folder above it.
const installed = (pkg) => {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules', pkg, 'package.json'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
};

function nginxConf(dir, port, mockPort) {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  client_max_body_size 32m; client_body_buffer_size 128k;
  keepalive_requests 1000000; keepalive_timeout 120s;
  upstream mock { server 127.0.0.1:${mockPort}; keepalive 512; keepalive_requests 1000000; keepalive_timeout 120s; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;          # stream SSE chunk by chunk
      proxy_request_buffering off;  # stream the request body too
    }
  }
}
`;
}

export function builtinTargets({ mockPort, basePort, runDir }) {
  const mock = `http://127.0.0.1:${mockPort}`;
  const node = (name, file, port, role) => ({ name, role, url: `http://127.0.0.1:${port}`,
    argv: [process.execPath, path.join(root, 'proxies', file), '--port', String(port), '--upstream', mock] });
  const all = [
    { name: 'direct', role: 'no hop: client -> mock', url: mock },
    { name: 'nginx', role: 'C limit: nginx proxy_pass, keepalive upstream, buffering off', url: `http://127.0.0.1:${basePort + 1}`,
      available: hasCmd('nginx') || 'nginx not installed (apt-get install nginx-light)',
      launch: () => {
        const dir = path.join(runDir, 'nginx');
        fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
        fs.chmodSync(runDir, 0o755);
        fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConf(dir, basePort + 1, mockPort));
        return ['nginx', '-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'];
      } },
    { ...node('node-http', 'node-http.mjs', basePort + 2, 'Node limit, core only: node:http server + http.Agent keepAlive') },
    { ...node('node-undici', 'node-undici.mjs', basePort + 3, 'Node limit: node:http server + undici Pool.stream'),
      available: installed('undici') || 'undici not installed (npm ci in the repo root)' },
  ];
  return all;
}

// --target name=URL[,cmd=SHELL COMMAND][,ready=URL][,headers=K:V|K:V]
// cmd runs under sh -c with MOCK_URL / MOCK_PORT / PORT set and {mock} {mock_port} substituted.
export function parseTarget(spec, { mockPort }) {
  const m = /^([\w.-]+)=([^,]+)(.*)$/.exec(spec);
  if (!m) throw new Error(`bad --target "${spec}": expected name=URL[,cmd=...][,ready=URL][,headers=K:V|K:V]`);
  const t = { name: m[1], role: 'extra target', url: m[2], headers: {} };
  const opts = {};
  const re = /,(cmd|ready|headers)=/g;
  const marks = [...m[3].matchAll(re)];
  marks.forEach((mk, i) => { opts[mk[1]] = m[3].slice(mk.index + mk[0].length, marks[i + 1]?.index ?? m[3].length); });
  const sub = (s) => s.replaceAll('{mock}', `http://127.0.0.1:${mockPort}`).replaceAll('{mock_port}', String(mockPort));
  if (opts.cmd) { t.argv = ['sh', '-c', sub(opts.cmd)]; t.role = `extra target: ${opts.cmd}`; }
  if (opts.ready) t.ready = opts.ready;
  if (opts.headers) for (const kv of opts.headers.split('|')) { const i = kv.indexOf(':'); t.headers[kv.slice(0, i).trim()] = sub(kv.slice(i + 1).trim()); }
  t.env = { MOCK_URL: `http://127.0.0.1:${mockPort}`, MOCK_PORT: String(mockPort), PORT: String(new URL(t.url).port || 80) };
  return t;
}

// The request URL for an api; a target URL that already names the endpoint is used as is.
export function endpoint(url, api) {
  const u = url.replace(/\/$/, '');
  if (/\/(chat\/completions|messages)$/.test(u)) return u;
  return u + (api === 'anthropic' ? '/v1/messages' : '/v1/chat/completions');
}
