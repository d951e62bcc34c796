import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../components/QueryStates';
import { useSession } from './session-queries';

/** Shows the signed-in pages only with a valid session cookie; otherwise the sign-in page. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) {
    return (
      <main id="main" className="app-main">
        <LoadingState label="Checking your session…" />
      </main>
    );
  }
  if (session.isError) {
    return (
      <main id="main" className="app-main">
        <h1>Appointment engine</h1>
        <ErrorState error={session.error} />
      </main>
    );
  }
  if (session.data === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
