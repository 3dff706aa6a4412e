import { buttonClassName } from '@g2g/meeting-ui';
import { useT } from '../i18n';
import { preloadOnIntent } from '../preload';
import { Link } from '../router';

export function Landing() {
  const t = useT();
  return (
    <div className="demo-stack">
      <section className="demo-hero" aria-labelledby="landing-title">
        <h1 id="landing-title">{t.landingTitle}</h1>
        <p>{t.landingIntro}</p>
      </section>
      <div className="demo-grid">
        <section className="demo-card" aria-labelledby="for-operators">
          <h2 id="for-operators">{t.organise}</h2>
          <p>{t.organiseBody}</p>
          <Link to="/operator" className={buttonClassName('primary')}>
            {t.openOperator}
          </Link>
        </section>
        <section className="demo-card" aria-labelledby="for-guests">
          <h2 id="for-guests">{t.join}</h2>
          <p>{t.joinBody}</p>
          <Link to="/manual" className={buttonClassName('primary')} {...preloadOnIntent}>
            {t.joinByNumber}
          </Link>
        </section>
      </div>
    </div>
  );
}
