// GET /metrics: the Prometheus text format. Metrics name vendors, models and spend, so they sit behind the
// admin token like the admin API (Prometheus: `authorization: { credentials_file: … }` in the scrape config);
// with no admin_token the endpoint is off (404), as the admin API is.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayMetrics } from './metrics.ts';

export type MetricsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function metricsHandler(metrics: GatewayMetrics, adminToken: string | undefined): MetricsHandler {
  const tokenHash = adminToken === undefined ? null : sha256(adminToken);
  return async (req, res) => {
    req.resume();
    if (tokenHash === null) return plain(res, 404, 'metrics are off: set admin_token\n');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (m?.[1] === undefined || !timingSafeEqual(sha256(m[1]), tokenHash)) {
      return plain(res, 401, 'unauthorized: send the admin token as Authorization: Bearer …\n', { 'www-authenticate': 'Bearer' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'use GET\n', { allow: 'GET, HEAD' });
    const text = await metrics.scrape();
    res.writeHead(200, { 'content-type': metrics.registry.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
}
