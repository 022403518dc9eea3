// The sign-in form: the admin token (admin_token in the gateway's config) is tried against the API before it is
// kept, so a wrong one is refused here with the API's own message.
import { useState } from 'preact/hooks';
import { call } from './api.ts';
import { ErrorBox } from './components.tsx';

export function SignIn(props: { message: string | null; onSignedIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [message, setMessage] = useState(props.message);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      await call(token.trim(), '/admin/status');
      props.onSignedIn(token.trim());
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <form onSubmit={(e) => void submit(e)}>
        <h1>Airlock</h1>
        <p>Sign in with the gateway's admin token (<code>admin_token</code> in its config).</p>
        <label>Admin token{' '}
          <input type="password" name="token" autocomplete="current-password" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy || token.trim() === ''}>{busy ? 'Signing in…' : 'Sign in'}</button>
        {message !== null && <ErrorBox message={message} />}
        <p class="note">The token is kept in this tab only and is forgotten when the tab closes.</p>
      </form>
    </main>
  );
}
