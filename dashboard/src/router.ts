// Pages are paths under /dashboard/ (the gateway answers every one with the app), so links can be shared and
// the fragment stays free for `#token=`. Navigation is pushState plus a popstate the app listens to.
import { useEffect, useState } from 'preact/hooks';

export const BASE = import.meta.env.BASE_URL;

function current(): string {
  const path = location.pathname;
  return path.startsWith(BASE) ? path.slice(BASE.length).replace(/\/+$/, '') : '';
}

export function navigate(to: string): void {
  history.pushState(null, '', BASE + to);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The page's path below /dashboard/, without a trailing slash: '' for the overview, 'vendors/openai', … */
export function useRoute(): string {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = (): void => setRoute(current());
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}
