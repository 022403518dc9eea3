// Pages are paths under /dashboard/ (the gateway answers every one with the app), so links can be shared and
// the fragment stays free for `#token=`. A page's own state (the requests page's filters) is its query string.
// Navigation is pushState plus a popstate the app listens to.
import { useEffect, useState } from 'preact/hooks';

export const BASE = import.meta.env.BASE_URL;

function current(): string {
  const path = location.pathname;
  return path.startsWith(BASE) ? path.slice(BASE.length).replace(/\/+$/, '') : '';
}

/** `to` is a page path below /dashboard/, optionally with its query string. */
export function navigate(to: string): void {
  history.pushState(null, '', BASE + to);
  dispatchEvent(new PopStateEvent('popstate'));
}

function useLocation<T>(read: () => T): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const update = (): void => setValue(read());
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return value;
}

/** The page's path below /dashboard/, without a trailing slash: '' for the overview, 'vendors/openai', … */
export function useRoute(): string {
  return useLocation(current);
}

/** The address bar's query string, without its '?': a string, so an unchanged query keeps a page's effects still. */
export function useQuery(): string {
  return useLocation(() => location.search.slice(1));
}
