// The signed-in session every page reads the API through: a 401 anywhere ends it and brings back the sign-in
// form with the API's message (a token revoked or changed in the config while the page was open).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ApiError, call } from './api.ts';

export interface Session {
  call<T>(path: string, body?: unknown): Promise<T>;
  signOut(message?: string): void;
}

export const SessionContext = createContext<Session | null>(null);

export function createSession(token: string, signOut: (message?: string) => void): Session {
  return {
    async call<T>(path: string, body?: unknown): Promise<T> {
      try {
        return await call<T>(token, path, body);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) signOut(err.message);
        throw err;
      }
    },
    signOut,
  };
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in app');
  return session;
}
