// One API read as page state: loading, the data, or the error's message, and a reload. With pollMs it reloads
// on a timer while the tab is visible, keeping what it shows until the next answer arrives.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useSession, type Session } from './session.ts';

export interface Resource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

export function useResource<T>(load: (session: Session) => Promise<T>, deps: unknown[], pollMs?: number): Resource<T> {
  const session = useSession();
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [version, setVersion] = useState(0);
  const inFlight = useRef(false);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    // an answer for an older request (the period changed, the page closed) is dropped
    let current = true;
    inFlight.current = true;
    setState((s) => ({ ...s, loading: true }));
    void load(session)
      .then((data) => {
        if (current) setState({ data, error: null, loading: false });
      }, (err: unknown) => {
        if (current) setState((s) => ({ data: s.data, error: err instanceof Error ? err.message : String(err), loading: false }));
      })
      .finally(() => {
        inFlight.current = false;
      });
    return () => {
      current = false;
    };
  }, [session, version, ...deps]);

  useEffect(() => {
    if (pollMs === undefined) return;
    const tick = (): void => {
      if (document.visibilityState === 'visible' && !inFlight.current) reload();
    };
    const timer = setInterval(tick, pollMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [pollMs, reload]);

  return { ...state, reload };
}
