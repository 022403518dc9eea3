// How a CLI command reaches a running gateway's admin API: --url and --token, else the config's listen address
// and admin_token (or AIRLOCK_ADMIN_TOKEN). A CLI call, not the data plane: fetch() is fine here.
import { reportConfig } from './report-source.ts';

export interface AdminTarget {
  url: string;
  token: string;
}

export interface AdminFlags {
  config?: string | undefined;
  url?: string | undefined;
  token?: string | undefined;
}

export function adminTarget(flags: AdminFlags, env: NodeJS.ProcessEnv): AdminTarget {
  const config = flags.url !== undefined && flags.token !== undefined ? null : reportConfig(flags.config, env);
  const host = config?.listen.host ?? '127.0.0.1';
  const url = flags.url ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${config?.listen.port ?? 8080}`;
  const token = flags.token ?? env.AIRLOCK_ADMIN_TOKEN ?? config?.adminToken;
  if (token === undefined) throw new Error('no admin token: set admin_token in the config, AIRLOCK_ADMIN_TOKEN or --token');
  return { url: url.replace(/\/$/, ''), token };
}

/** The JSON answer of a 2xx; any other status throws with the gateway's own error message. */
export async function adminRequest(target: AdminTarget, method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${target.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new Error(`could not reach the gateway at ${target.url}: ${cause ?? (err as Error).message} (is it running? --url sets its address)`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message;
    } catch {
      // not the gateway's error shape: show the start of the text
    }
    throw new Error(`the gateway at ${target.url} answered ${res.status}: ${message}`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}
