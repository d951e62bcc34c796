import { NavLink, useNavigate } from 'react-router';
import { errorMessage } from '../api/api-error';
import { useSignOut } from '../session/session-queries';
import { UnreadCount } from '../pages/notifications/UnreadCount';

const LINKS = [
  { to: '/', label: 'Overview', end: true },
  { to: '/appointments', label: 'Appointments' },
  { to: '/automations', label: 'Automations' },
  { to: '/calendars', label: 'Calendars' },
  { to: '/integrations', label: 'Integrations' },
] as const;

export function MainNav({ open }: { open: boolean }) {
  const signOut = useSignOut();
  const navigate = useNavigate();

  return (
    <nav id="main-nav" className={open ? 'main-nav open' : 'main-nav'} aria-label="Main">
      <ul>
        {LINKS.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={'end' in link}>
              {link.label}
            </NavLink>
          </li>
        ))}
        <li>
          <NavLink to="/notifications">
            Notifications <UnreadCount />
          </NavLink>
        </li>
        <li>
          <button
            type="button"
            className="link-button"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in') })}
          >
            Sign out
          </button>
          {signOut.isError ? <span role="alert">{errorMessage(signOut.error)}</span> : null}
        </li>
      </ul>
    </nav>
  );
}
