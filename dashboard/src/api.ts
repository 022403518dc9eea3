// The admin API over fetch: the bearer token on every call, and its error shape
// ({"error":{"message","type","param","code"}}) turned into an ApiError carrying the API's own message.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return new ApiError(res.status, body.error.message);
  } catch {
    // not the API's JSON (a proxy in between?): fall through to the status line
  }
  return new ApiError(res.status, `the gateway answered ${res.status} ${res.statusText}`.trim());
}

export async function call<T>(token: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? null : JSON.stringify(body), cache: 'no-store' });
  } catch (err) {
    throw new ApiError(0, `the gateway did not answer (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}
