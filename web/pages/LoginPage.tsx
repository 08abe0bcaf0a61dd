import { useState, type FormEvent } from 'react';
import { Button, Card, TextInput } from '@tremor/react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { LogoMark } from '../components/Icons.js';
import { ApiError, apiFetch, errorMessage } from '../lib/api.js';
import { safeNext } from '../lib/auth.js';

function signInMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return 'Wrong username or password.';
  if (error instanceof ApiError && error.status === 429) return `Too many attempts. ${error.message}.`;
  return errorMessage(error);
}

/** Username and password -> a session cookie (HttpOnly, set by the server); then back to where the user was. */
export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: username.trim(), password }),
      });
      navigate(next, { replace: true });
    } catch (e) {
      setError(signInMessage(e));
      setBusy(false);
    }
  }

  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-tremor-background-muted px-4 py-16">
      <div className="mb-8 flex items-center gap-2.5">
        <LogoMark className="h-9 w-9" />
        <span className="text-xl font-semibold tracking-tight text-tremor-content-strong">Tandem</span>
      </div>
      <Card className="w-full max-w-sm p-8">
        <h1 className="text-xl font-semibold text-tremor-content-strong">Sign in</h1>
        <p className="mt-1 text-tremor-default text-tremor-content">
          {next === '/'
            ? 'Conversation analytics and QA for AI and human support.'
            : 'Sign in to continue where you were.'}
        </p>
        <form className="mt-6 flex flex-col gap-4" onSubmit={submit} noValidate>
          <div className="flex flex-col gap-1.5">
            <label
              htmlFor="login-username"
              className="text-tremor-default font-medium text-tremor-content-emphasis"
            >
              Username
            </label>
            <TextInput
              id="login-username"
              name="username"
              autoComplete="username"
              autoFocus
              required
              value={username}
              onValueChange={setUsername}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <label
              htmlFor="login-password"
              className="text-tremor-default font-medium text-tremor-content-emphasis"
            >
              Password
            </label>
            <TextInput
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onValueChange={setPassword}
            />
          </div>
          {error && (
            <p
              role="alert"
              className="rounded-tremor-small border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700"
            >
              {error}
            </p>
          )}
          <Button
            type="submit"
            loading={busy}
            disabled={!username.trim() || !password}
            className="mt-2 w-full"
          >
            Sign in
          </Button>
        </form>
      </Card>
      <p className="mt-6 max-w-sm text-center text-tremor-label text-tremor-content">
        Accounts are created by an administrator. Viewers read the dashboards; reviewers also flag and review
        transcripts; managers assign reviews.
      </p>
    </div>
  );
}
