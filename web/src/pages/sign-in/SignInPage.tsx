import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/api-error';
import { PageTitle } from '../../components/PageTitle';
import { useSession, useSignIn } from '../../session/session-queries';

/** Only same-site paths: `?next=//evil.example` must not send the operator elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function SignInPage() {
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [apiKey, setApiKey] = useState('');

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn.mutate(apiKey.trim(), {
      onSuccess: () => {
        setApiKey('');
        void navigate(next, { replace: true });
      },
    });
  };

  return (
    <div className="sign-in">
      <main id="main" className="sign-in-card">
        <PageTitle>Sign in</PageTitle>
        <p>
          Enter the engine&rsquo;s API key: <code>npm start</code> prints it, and keeps it in <code>.data/api-key</code>{' '}
          when <code>API_KEY</code> is not set. The console keeps only a session cookie, never the key.
        </p>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="api-key">API key</label>
            <input
              id="api-key"
              name="apiKey"
              type="password"
              autoComplete="current-password"
              required
              value={apiKey}
              onChange={(event) => setApiKey(event.target.value)}
              aria-invalid={signIn.isError || undefined}
              aria-describedby={signIn.isError ? 'sign-in-error' : undefined}
            />
          </div>
          {signIn.isError ? (
            <p id="sign-in-error" className="notice notice-error" role="alert">
              {errorMessage(signIn.error)}
            </p>
          ) : null}
          <button type="submit" className="button-primary" disabled={signIn.isPending || apiKey.trim() === ''}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
