import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { MainNav } from './MainNav';

/** The frame of every signed-in page: a skip link, the banner with the navigation, one main. */
export function AppLayout() {
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const [menuPath, setMenuPath] = useState(location.pathname);
  // A navigation closes the phone menu (state adjusted while rendering, not in an effect).
  if (menuPath !== location.pathname) {
    setMenuPath(location.pathname);
    setMenuOpen(false);
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link className="brand" to="/">
          Appointment engine
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <MainNav open={menuOpen} />
      </header>
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
