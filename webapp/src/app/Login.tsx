import { useState, type FormEvent } from 'react';
import { postJson } from '../api';

export function Login({ onLogin }: { onLogin: (user: string) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError('');
    try {
      const r = await postJson<{ username: string }>('login', { username: f.get('username'), password: f.get('password') });
      onLogin(r.username);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Overlord</h1>
        <label>User <input name="username" autoComplete="username" required autoFocus /></label>
        <label>Password <input name="password" type="password" autoComplete="current-password" required /></label>
        <button disabled={busy}>Log in</button>
        <p role="alert" className="error">{error}</p>
      </form>
    </main>
  );
}
