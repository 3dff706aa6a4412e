import { lazy, Suspense } from 'react';
import { Loading } from './components/Feedback';
import { Landing } from './pages/Landing';
import { Link, useLocation } from './router';
import './styles.css';

// Only the landing page is in the main chunk: every other route (and with
// it @g2g/meeting-ui, the SDK and the widget) loads when someone goes there.
const Operator = lazy(() => import('./pages/Operator'));
const Participant = lazy(() => import('./pages/Participant'));
const ManualJoin = lazy(() => import('./pages/ManualJoin'));

export function App() {
  const { pathname } = useLocation();
  const join = /^\/join\/([^/]+)\/?$/.exec(pathname);
  let page;
  if (pathname === '/') page = <Landing />;
  else if (pathname === '/operator') page = <Operator />;
  else if (pathname === '/manual') page = <ManualJoin />;
  else if (join) page = <Participant consultationId={decodeURIComponent(join[1]!)} />;
  else
    page = (
      <section className="demo-card">
        <h1>Page not found</h1>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </section>
    );
  return (
    <>
      <a className="demo-skip" href="#main">
        Skip to content
      </a>
      <header className="demo-header">
        <Link to="/" className="demo-brand">
          g2g consultations
        </Link>
        <nav aria-label="Main">
          <Link to="/operator">Operator</Link>
          <Link to="/manual">Join by number</Link>
        </nav>
      </header>
      <main id="main" className="demo-main">
        <Suspense fallback={<Loading />}>{page}</Suspense>
      </main>
    </>
  );
}
