import { lazy, Suspense } from 'react';
import { MeetingUiRoot } from '@g2g/meeting-ui';
import { Loading } from './components/Feedback';
import { Landing } from './pages/Landing';
import { Link, useLocation } from './router';
import { LanguageProvider, LanguageSwitch, useT } from './i18n';
import { useColorScheme } from './theme';
import './styles.css';

// Only the landing page is in the main chunk: every other route (and with
// it @g2g/meeting-ui, the SDK and the widget) loads when someone goes there.
const Operator = lazy(() => import('./pages/Operator'));
const Participant = lazy(() => import('./pages/Participant'));
const ManualJoin = lazy(() => import('./pages/ManualJoin'));

export function App() {
  return (
    <LanguageProvider>
      <Shell />
    </LanguageProvider>
  );
}

function Shell() {
  const t = useT();
  const theme = useColorScheme();
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
        <h1>{t.notFound}</h1>
        <p>
          <Link to="/">{t.goHome}</Link>
        </p>
      </section>
    );
  // The whole page is a themed root of the UI package: its tokens, its stylesheet.
  return (
    <MeetingUiRoot theme={theme} className="demo-app">
      <a className="demo-skip" href="#main">
        {t.skip}
      </a>
      <header className="demo-header">
        <Link to="/" className="demo-brand">
          {t.brand}
        </Link>
        <nav aria-label={t.navLabel}>
          <Link to="/operator">{t.navOperator}</Link>
          <Link to="/manual">{t.navJoin}</Link>
          <LanguageSwitch />
        </nav>
      </header>
      <main id="main" className="demo-main">
        <Suspense fallback={<Loading />}>{page}</Suspense>
      </main>
    </MeetingUiRoot>
  );
}
