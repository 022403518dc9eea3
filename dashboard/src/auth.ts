// Where the admin token lives: this tab's sessionStorage only. Not localStorage (it would outlive the session and
// be shared by every tab), never a query string (it would land in logs and history). A link may carry it in the
// fragment (`/dashboard/#token=…`), which browsers never send to a server; it is taken from there at once.
const KEY = 'airlock.adminToken';

export function savedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}

/** Moves `#token=…` into sessionStorage and out of the address bar (and so out of the tab's history). */
export function takeFragmentToken(): void {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token === null) return;
  if (token !== '') saveToken(token);
  history.replaceState(history.state, '', location.pathname + location.search);
}
