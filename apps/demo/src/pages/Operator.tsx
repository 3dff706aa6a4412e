import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  api,
  ApiError,
  type BackendStatus,
  type ConsultationView,
  type CreatedConsultation,
  type InstantConnectLinks,
} from '../api';
import { CopyButton } from '../components/CopyButton';
import { ErrorPanel, Loading } from '../components/Feedback';
import { QrCode } from '../components/QrCode';

const KEY_STORAGE = 'g2g-demo-operator-key';
const LINKS_STORAGE = 'g2g-demo-links';

// Links are only shown at creation; keep them for this browser session.
function savedLinks(): Record<string, CreatedConsultation['links']> {
  try {
    return JSON.parse(sessionStorage.getItem(LINKS_STORAGE) ?? '{}');
  } catch {
    return {};
  }
}

export default function Operator() {
  const [key, setKey] = useState(() => sessionStorage.getItem(KEY_STORAGE) ?? '');
  if (!key) return <KeyForm onKey={(k) => (sessionStorage.setItem(KEY_STORAGE, k), setKey(k))} />;
  return (
    <OperatorConsole
      operatorKey={key}
      onSignOut={() => {
        sessionStorage.removeItem(KEY_STORAGE);
        setKey('');
      }}
    />
  );
}

function KeyForm({ onKey }: { onKey: (key: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <section aria-labelledby="op-key-title" className="demo-card">
      <h1 id="op-key-title">Operator sign-in</h1>
      <p>Enter the operator API key. `pnpm dev` prints it when the backend starts.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onKey(value.trim());
        }}
      >
        <label htmlFor="op-key">Operator API key</label>
        <input
          id="op-key"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
        />
        <button type="submit">Continue</button>
      </form>
    </section>
  );
}

function OperatorConsole({
  operatorKey,
  onSignOut,
}: {
  operatorKey: string;
  onSignOut: () => void;
}) {
  const [status, setStatus] = useState<BackendStatus | null>(null);
  const [items, setItems] = useState<ConsultationView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [links, setLinks] = useState(savedLinks);

  const refresh = useCallback(async () => {
    setError(null);
    try {
      const [s, list] = await Promise.all([api.status(), api.listConsultations(operatorKey)]);
      setStatus(s);
      setItems(list.items.filter((c) => c.state !== 'deleted'));
    } catch (e) {
      setError(e);
    }
  }, [operatorKey]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 5000);
    return () => clearInterval(timer);
  }, [refresh]);

  const remember = (created: CreatedConsultation) => {
    const next = { ...savedLinks(), [created.consultation.id]: created.links };
    sessionStorage.setItem(LINKS_STORAGE, JSON.stringify(next));
    setLinks(next);
    void refresh();
  };

  if (error instanceof ApiError && error.kind === 'unauthorized') {
    return (
      <ErrorPanel error={new Error('That operator key was not accepted.')}>
        <button type="button" onClick={onSignOut}>
          Enter another key
        </button>
      </ErrorPanel>
    );
  }

  return (
    <div className="demo-stack">
      <header className="demo-row demo-spread">
        <h1>Consultations</h1>
        <button type="button" className="demo-secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {status ? <StatusBar status={status} /> : !error && <Loading>Loading status…</Loading>}
      {error != null && <ErrorPanel error={error} onRetry={() => void refresh()} />}
      <CreateForm operatorKey={operatorKey} onCreated={remember} />
      <section aria-labelledby="list-title" className="demo-stack">
        <h2 id="list-title">Scheduled</h2>
        {items === null && !error && <Loading>Loading consultations…</Loading>}
        {items?.length === 0 && <p>No consultations yet. Create one above.</p>}
        <ul className="demo-list">
          {items?.map((c) => (
            <li key={c.id}>
              <ConsultationCard
                consultation={c}
                links={links[c.id]}
                operatorKey={operatorKey}
                onChanged={() => void refresh()}
              />
            </li>
          ))}
        </ul>
      </section>
      <InstantConnect operatorKey={operatorKey} />
    </div>
  );
}

function StatusBar({ status }: { status: BackendStatus }) {
  const auth = status.orgs ?? status.authorization ?? [];
  const authorized = auth.some((a) => a.state === 'authorized' || a.state === 'active');
  return (
    <p className="demo-status" data-testid="status">
      <span>{status.mode === 'sim' ? 'Simulated Webex' : 'Webex'}</span>
      <span>
        {authorized
          ? 'Service App authorized'
          : `Service App: ${auth[0]?.state ?? 'not authorized'}`}
      </span>
      <span data-testid="licence">
        {status.licence.inProgress} of {status.licence.limit} concurrent meetings
      </span>
    </p>
  );
}

function CreateForm({
  operatorKey,
  onCreated,
}: {
  operatorKey: string;
  onCreated: (c: CreatedConsultation) => void;
}) {
  const [title, setTitle] = useState('Consultation');
  const [duration, setDuration] = useState(30);
  const [mode, setMode] = useState<'no-host' | 'host-guest'>('host-guest');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(
        await api.createConsultation(operatorKey, {
          title: title.trim() || 'Consultation',
          mode,
          durationMinutes: duration,
          guests: 1,
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="create-title" className="demo-card">
      <h2 id="create-title">New consultation</h2>
      <form onSubmit={(e) => void submit(e)} className="demo-form">
        <label htmlFor="c-title">Title</label>
        <input
          id="c-title"
          value={title}
          maxLength={128}
          onChange={(e) => setTitle(e.target.value)}
        />
        <label htmlFor="c-duration">Duration (minutes)</label>
        <input
          id="c-duration"
          type="number"
          min={10}
          max={240}
          value={duration}
          onChange={(e) => setDuration(Number(e.target.value))}
        />
        <fieldset>
          <legend>Who runs the meeting</legend>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'host-guest'}
              onChange={() => setMode('host-guest')}
            />{' '}
            Host and guest: the expert gets host rights and admits the guest
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'no-host'}
              onChange={() => setMode('no-host')}
            />{' '}
            No host: everyone joins directly with their link
          </label>
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create consultation'}
        </button>
      </form>
      {error != null && <ErrorPanel error={error} onRetry={() => void submit()} />}
    </section>
  );
}

function ConsultationCard({
  consultation: c,
  links,
  operatorKey,
  onChanged,
}: {
  consultation: ConsultationView;
  links: CreatedConsultation['links'] | undefined;
  operatorKey: string;
  onChanged: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.cancelConsultation(operatorKey, c.id);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="demo-card" aria-labelledby={`c-${c.id}`} data-testid="consultation">
      <h3 id={`c-${c.id}`}>{c.title}</h3>
      <p>
        {new Date(c.start).toLocaleString()} ·{' '}
        {c.mode === 'host-guest' ? 'host and guest' : 'no host'} · meeting {c.meetingNumber}
      </p>
      {links ? (
        <div className="demo-links">
          {[links.host, ...links.guests].map((l) => (
            <div key={l.participant} className="demo-link" data-testid={`link-${l.role}`}>
              <QrCode text={l.url} label={`QR code of the ${l.role} link`} />
              <div className="demo-stack">
                <strong>{l.role === 'host' ? 'Host link' : 'Guest link'}</strong>
                <a href={l.url} target="_blank" rel="noreferrer" className="demo-url">
                  {l.url.slice(0, 60)}…
                </a>
                <CopyButton text={l.url} label={`Copy ${l.role} link`} />
              </div>
            </div>
          ))}
        </div>
      ) : (
        <p className="demo-muted">Links are shown in the browser that created the consultation.</p>
      )}
      <button type="button" className="demo-danger" disabled={busy} onClick={() => void cancel()}>
        {busy ? 'Cancelling…' : 'Cancel consultation'}
      </button>
      {error != null && <ErrorPanel error={error} onRetry={() => void cancel()} />}
    </article>
  );
}

function InstantConnect({ operatorKey }: { operatorKey: string }) {
  const [links, setLinks] = useState<InstantConnectLinks | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async () => {
    setError(null);
    try {
      setLinks(await api.instantConnect(operatorKey));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="ic-title" className="demo-card">
      <h2 id="ic-title">Instant Connect</h2>
      <p>One-off host and guest links from Webex Instant Connect (no scheduling).</p>
      <button type="button" className="demo-secondary" onClick={() => void load()}>
        Get Instant Connect links
      </button>
      {error != null && <ErrorPanel error={error} onRetry={() => void load()} />}
      {links && (
        <ul>
          {links.host.map((l) => (
            <li key={l.url}>
              Host: <a href={l.url}>{l.url}</a>
            </li>
          ))}
          {links.guest.map((l) => (
            <li key={l.url}>
              Guest: <a href={l.url}>{l.url}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
