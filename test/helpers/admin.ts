// Talks to a gateway's admin API the way the dashboard does: bearer token, JSON in and out.
export const ADMIN_TOKEN = 'adm-test-token';

export interface AdminAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON came back
  body: any;
}

export async function adminCall(url: string, path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<AdminAnswer> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
}
