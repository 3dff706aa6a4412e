import { Link } from '../router';

export function Landing() {
  return (
    <div className="demo-stack">
      <section className="demo-hero" aria-labelledby="landing-title">
        <h1 id="landing-title">Video consultations, no Webex account needed</h1>
        <p>
          A doctor and a patient, an agent and a customer: both join a real Webex meeting from the
          browser as guests. A Webex Service App sponsors the meeting; this demo's backend schedules
          it and hands out links.
        </p>
      </section>
      <div className="demo-grid">
        <section className="demo-card" aria-labelledby="for-operators">
          <h2 id="for-operators">Organise</h2>
          <p>Create a consultation and send the host and guest their links or QR codes.</p>
          <Link to="/operator" className="demo-button">
            Open the operator view
          </Link>
        </section>
        <section className="demo-card" aria-labelledby="for-guests">
          <h2 id="for-guests">Join</h2>
          <p>Have a meeting number, SIP address or meeting link? Join it as a guest.</p>
          <Link to="/manual" className="demo-button">
            Join by number or link
          </Link>
        </section>
      </div>
    </div>
  );
}
