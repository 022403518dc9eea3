// The app: the sign-in form until there is a token, then the navigation and the page the path names.
import type { FunctionComponent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { forgetToken, savedToken, saveToken, takeFragmentToken } from './auth.ts';
import { Link } from './components.tsx';
import { useRoute } from './router.ts';
import { createSession, SessionContext } from './session.ts';
import { SignIn } from './sign-in.tsx';
import { Alerts } from './pages/alerts.tsx';
import { DataFlows } from './pages/data-flows.tsx';
import { Drills } from './pages/drills.tsx';
import { Forecast } from './pages/forecast.tsx';
import { Overview } from './pages/overview.tsx';
import { Readiness } from './pages/readiness.tsx';
import { RequestPage } from './pages/request.tsx';
import { Requests } from './pages/requests.tsx';
import { Spend } from './pages/spend.tsx';
import { Vendor } from './pages/vendor.tsx';
import { Vendors } from './pages/vendors.tsx';
import { WhatIf } from './pages/what-if.tsx';

const PAGES: { path: string; title: string; view: FunctionComponent }[] = [
  { path: '', title: 'Overview', view: Overview },
  { path: 'spend', title: 'Spend', view: Spend },
  { path: 'forecast', title: 'Forecast', view: Forecast },
  { path: 'what-if', title: 'What-if', view: WhatIf },
  { path: 'data-flows', title: 'Data flows', view: DataFlows },
  { path: 'vendors', title: 'Vendors', view: Vendors },
  { path: 'readiness', title: 'Readiness', view: Readiness },
  { path: 'alerts', title: 'Alerts', view: Alerts },
  { path: 'drills', title: 'Drills', view: Drills },
  { path: 'requests', title: 'Requests', view: Requests },
];

function section(route: string): string {
  return route.split('/')[0] ?? '';
}

/**
 * The name a `SECTION/NAME` path gives (a vendor's, a request's id); null for another section, and for a
 * malformed percent-encoding typed into the address bar.
 */
function nameIn(route: string, section: string): string | null {
  if (!route.startsWith(`${section}/`)) return null;
  try {
    return decodeURIComponent(route.slice(section.length + 1));
  } catch {
    return null;
  }
}

function Content(props: { route: string }) {
  const { route } = props;
  const vendor = nameIn(route, 'vendors');
  if (vendor !== null) return <Vendor name={vendor} />;
  const request = nameIn(route, 'requests');
  if (request !== null) return <RequestPage id={request} />;
  const page = PAGES.find((p) => p.path === route);
  if (page === undefined) return <section class="page"><h1>No such page</h1><p><Link to="">Back to the overview</Link></p></section>;
  return <page.view />;
}

export function App() {
  const [token, setToken] = useState(savedToken);
  const [message, setMessage] = useState<string | null>(null);
  const route = useRoute();
  // a #token= link opened on a page already showing changes only the fragment: no reload, so take it here
  useEffect(() => {
    const onHash = (): void => {
      takeFragmentToken();
      setToken(savedToken());
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const session = useMemo(() => token === null ? null : createSession(token, (why) => {
    forgetToken();
    setMessage(why ?? null);
    setToken(null);
  }), [token]);

  if (session === null) {
    return <SignIn message={message} onSignedIn={(t) => { saveToken(t); setMessage(null); setToken(t); }} />;
  }
  return (
    <SessionContext.Provider value={session}>
      <header class="bar">
        <span class="brand">Airlock</span>
        <nav aria-label="pages">
          {PAGES.map((p) => <Link to={p.path} current={section(route) === p.path}>{p.title}</Link>)}
        </nav>
        <button type="button" class="sign-out" onClick={() => session.signOut()}>Sign out</button>
      </header>
      <main key={route}>
        <Content route={route} />
      </main>
    </SessionContext.Provider>
  );
}
