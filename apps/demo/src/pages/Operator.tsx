import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  api,
  ApiError,
  followEvents,
  type ConsultationLinks,
  type ConsultationView,
  type CreatedConsultation,
  type InstantConnectLinks,
  type StreamState,
  type TenantStatus,
  type WalkInPass,
} from '../api';
import { CopyButton } from '../components/CopyButton';
import { ErrorPanel, Loading } from '../components/Feedback';
import { QrCode } from '../components/QrCode';

const KEY_STORAGE = 'g2g-demo-operator-key';

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
      <p>
        Enter your organisation’s operator key. `pnpm dev` prints one per simulated organisation; in
        production the deployment’s admin gives it to you.
      </p>
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

/** Consultations by id, newest first, with what the live stream says merged in. */
function upsert(items: ConsultationView[], c: ConsultationView): ConsultationView[] {
  const rest = items.filter((x) => x.id !== c.id);
  if (c.state === 'deleted') return rest;
  return [c, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function OperatorConsole({
  operatorKey,
  onSignOut,
}: {
  operatorKey: string;
  onSignOut: () => void;
}) {
  const [tenant, setTenant] = useState<TenantStatus | null>(null);
  const [items, setItems] = useState<ConsultationView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Links from this session's creations; other sessions fetch them on demand.
  const [links, setLinks] = useState<Record<string, ConsultationLinks>>({});
  const [stream, setStream] = useState<StreamState>('connecting');

  const reload = useCallback(async () => {
    try {
      const [t, list] = await Promise.all([
        api.tenant(operatorKey),
        api.listConsultations(operatorKey),
      ]);
      setTenant(t);
      setItems(list.items.filter((c) => c.state !== 'deleted'));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [operatorKey]);

  // Live status comes from the backend's event stream (itself driven by Webex's
  // webhooks); every (re)connection reloads what may have changed meanwhile.
  useEffect(() => {
    void reload();
    return followEvents(operatorKey, {
      onOpen: () => void reload(),
      onState: setStream,
      onUnauthorized: () =>
        setError(new ApiError('unauthorized', 'That operator key was not accepted.', 401)),
      onEvent: (e) => {
        if (e.type === 'consultation') setItems((cur) => upsert(cur ?? [], e.consultation));
        else setTenant((t) => (t ? { ...t, licence: e.licence } : t));
      },
    });
  }, [operatorKey, reload]);

  const changed = (c: ConsultationView) => setItems((cur) => upsert(cur ?? [], c));
  const created = (c: CreatedConsultation) => {
    setLinks((l) => ({ ...l, [c.consultation.id]: c.links }));
    changed(c.consultation);
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

  const running = (items ?? []).filter((c) => c.live.state === 'in-progress');
  const full = tenant?.licence !== undefined && tenant.licence.inProgress >= tenant.licence.limit;
  const card = (c: ConsultationView) => (
    <ConsultationCard
      consultation={c}
      links={links[c.id]}
      onLinks={(l) => setLinks((cur) => ({ ...cur, [c.id]: l }))}
      operatorKey={operatorKey}
      onChanged={changed}
    />
  );

  return (
    <div className="demo-stack">
      <header className="demo-row demo-spread">
        <h1>Consultations</h1>
        <button type="button" className="demo-secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {tenant ? (
        <StatusBar tenant={tenant} stream={stream} />
      ) : (
        !error && <Loading>Loading status…</Loading>
      )}
      {error != null && <ErrorPanel error={error} onRetry={() => void reload()} />}
      {full && (
        <section aria-labelledby="full-title" className="demo-card" data-testid="licence-full">
          <h2 id="full-title">All licensed meetings are running</h2>
          <p>
            The licence allows {tenant?.licence?.limit} meetings at once. End one to start another.
          </p>
          {running.length > 0 ? (
            <ul className="demo-list">
              {running.map((c) => (
                <li key={c.id}>
                  <EndButton
                    consultation={c}
                    operatorKey={operatorKey}
                    onEnded={changed}
                    label={`End “${c.title}”`}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p className="demo-muted">The running meetings were not started from this console.</p>
          )}
        </section>
      )}
      <CreateForm operatorKey={operatorKey} onCreated={created} full={full} />
      <section aria-labelledby="list-title" className="demo-stack">
        <h2 id="list-title">Scheduled</h2>
        {items === null && !error && <Loading>Loading consultations…</Loading>}
        {items?.length === 0 && <p>No consultations yet. Create one above.</p>}
        <ul className="demo-list">
          {items?.map((c) => (
            <li key={c.id}>{card(c)}</li>
          ))}
        </ul>
      </section>
      <WalkIn operatorKey={operatorKey} />
      <InstantConnect operatorKey={operatorKey} />
    </div>
  );
}

function StatusBar({ tenant, stream }: { tenant: TenantStatus; stream: StreamState }) {
  const a = tenant.authorization;
  return (
    <div className="demo-status" data-testid="status">
      <p className="demo-row">
        <span>{tenant.mode === 'sim' ? 'Simulated Webex' : 'Webex'}</span>
        {tenant.name && <span>{tenant.name}</span>}
        <span data-testid="authorization">
          {a.state === 'authorized'
            ? 'Service App authorized'
            : a.state === 'reauthorization-required'
              ? 'Service App needs re-authorization'
              : 'Service App not authorized yet'}
        </span>
        {tenant.licence ? (
          <span data-testid="licence">
            {tenant.licence.inProgress} of {tenant.licence.limit} concurrent meetings
          </span>
        ) : (
          <span data-testid="licence">
            Licence usage appears once the org has authorized the app
          </span>
        )}
        <span className="demo-muted" data-testid="stream">
          {stream === 'live' ? 'Live' : stream === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
      </p>
      {a.state === 'reauthorization-required' && (
        <p role="alert">
          {a.reason}. A full admin of the org must authorize the Service App again in Control Hub.
        </p>
      )}
      {a.state === 'not-authorized' && (
        <p>An admin of your org must authorize the Service App in Control Hub.</p>
      )}
      {a.state === 'authorized' && a.refreshProblem && (
        <p data-testid="refresh-problem">
          Token refresh is delayed: {a.refreshProblem}. Meetings keep working meanwhile.
        </p>
      )}
    </div>
  );
}

/** A `datetime-local` value (local time) for `ms` from now. */
function localInput(offsetMs: number): string {
  const d = new Date(Date.now() + offsetMs);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function CreateForm({
  operatorKey,
  onCreated,
  full,
}: {
  operatorKey: string;
  onCreated: (c: CreatedConsultation) => void;
  full: boolean;
}) {
  const [title, setTitle] = useState('Consultation');
  const [duration, setDuration] = useState(30);
  const [mode, setMode] = useState<'no-host' | 'host-guest'>('host-guest');
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [startsAt, setStartsAt] = useState(() => localInput(3600_000));
  const [hostEmail, setHostEmail] = useState('');
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
          ...(when === 'later' && startsAt ? { startsAt: new Date(startsAt).toISOString() } : {}),
          ...(mode === 'host-guest' && hostEmail.trim() ? { hostEmail: hostEmail.trim() } : {}),
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
        <fieldset>
          <legend>Starts</legend>
          <label>
            <input
              type="radio"
              name="when"
              checked={when === 'now'}
              onChange={() => setWhen('now')}
            />{' '}
            Now
          </label>
          <label>
            <input
              type="radio"
              name="when"
              checked={when === 'later'}
              onChange={() => setWhen('later')}
            />{' '}
            Later
          </label>
          {when === 'later' && (
            <>
              <label htmlFor="c-start">Start time</label>
              <input
                id="c-start"
                type="datetime-local"
                value={startsAt}
                min={localInput(0)}
                onChange={(e) => setStartsAt(e.target.value)}
                required
              />
            </>
          )}
        </fieldset>
        <label htmlFor="c-duration">Duration (minutes)</label>
        <input
          id="c-duration"
          type="number"
          min={10}
          max={1439}
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
        {mode === 'host-guest' && (
          <>
            <label htmlFor="c-host-email">Licensed host’s email (optional)</label>
            <input
              id="c-host-email"
              type="email"
              autoComplete="off"
              value={hostEmail}
              aria-describedby="c-host-email-help"
              onChange={(e) => setHostEmail(e.target.value)}
            />
            <p id="c-host-email-help" className="demo-muted">
              Schedules the meeting on behalf of a licensed Webex user of your org (needs the
              meeting:admin_schedule_write scope). Leave empty for a guest host.
            </p>
          </>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create consultation'}
        </button>
      </form>
      {error != null && (
        <ErrorPanel error={error} onRetry={() => void submit()}>
          {error instanceof ApiError && error.kind === 'licence' && full && (
            <span>End a running meeting above, then try again.</span>
          )}
        </ErrorPanel>
      )}
    </section>
  );
}

const timeOf = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function LiveStatus({ c }: { c: ConsultationView }) {
  const inside = c.live.participants.filter((p) => p.state === 'joined');
  const waiting = c.live.participants.filter((p) => p.state === 'lobby');
  const name = (p: (typeof inside)[number]) =>
    c.mode === 'host-guest' && p.host ? `${p.name} (host)` : p.name;
  return (
    <div data-testid="live" aria-live="polite">
      <p>
        <strong data-testid="live-state">
          {c.live.state === 'in-progress'
            ? 'In progress'
            : c.live.state === 'ended'
              ? 'Ended'
              : 'Scheduled'}
        </strong>
        {c.live.state === 'in-progress' && c.live.startedAt && ` since ${timeOf(c.live.startedAt)}`}
      </p>
      {c.live.state === 'in-progress' && (
        <ul className="demo-people">
          <li data-testid="live-in">
            In: {inside.length ? inside.map(name).join(', ') : 'nobody'}
          </li>
          {waiting.length > 0 && (
            <li data-testid="live-waiting">Waiting in the lobby: {waiting.map(name).join(', ')}</li>
          )}
        </ul>
      )}
    </div>
  );
}

function EndButton({
  consultation: c,
  operatorKey,
  onEnded,
  label = 'End meeting',
}: {
  consultation: ConsultationView;
  operatorKey: string;
  onEnded: (c: ConsultationView) => void;
  label?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const end = async () => {
    setBusy(true);
    setError(null);
    try {
      onEnded(await api.endConsultation(operatorKey, c.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="demo-danger" disabled={busy} onClick={() => void end()}>
        {busy ? 'Ending…' : label}
      </button>
      {error != null && <ErrorPanel error={error} onRetry={() => void end()} />}
    </>
  );
}

function ConsultationCard({
  consultation: c,
  links,
  onLinks,
  operatorKey,
  onChanged,
}: {
  consultation: ConsultationView;
  links: ConsultationLinks | undefined;
  onLinks: (l: ConsultationLinks) => void;
  operatorKey: string;
  onChanged: (c: ConsultationView) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'links' | 'cancel' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const running = c.live.state === 'in-progress';

  const showLinks = async () => {
    setBusy('links');
    setError(null);
    try {
      onLinks(await api.links(operatorKey, c.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const cancel = async () => {
    setBusy('cancel');
    setError(null);
    try {
      onChanged(await api.cancelConsultation(operatorKey, c.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  };

  const all = links ? [...(links.host ? [links.host] : []), ...links.guests] : [];
  return (
    <article className="demo-card" aria-labelledby={`c-${c.id}`} data-testid="consultation">
      <h3 id={`c-${c.id}`}>{c.title}</h3>
      <p>
        {timeOf(c.start)} · {c.mode === 'host-guest' ? 'host and guest' : 'no host'}
        {c.hostEmail && ` · host ${c.hostEmail}`} · meeting {c.meetingNumber}
      </p>
      <LiveStatus c={c} />
      {links ? (
        <div className="demo-links">
          {all.map((l) => (
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
        <button
          type="button"
          className="demo-secondary"
          disabled={busy === 'links'}
          onClick={() => void showLinks()}
        >
          {busy === 'links' ? 'Loading links…' : 'Show links'}
        </button>
      )}
      <div className="demo-row">
        {running && <EndButton consultation={c} operatorKey={operatorKey} onEnded={onChanged} />}
        {confirming ? (
          <div role="group" aria-labelledby={`confirm-${c.id}`} className="demo-row">
            <span id={`confirm-${c.id}`}>
              Cancel “{c.title}”? Its links stop working and the Webex meeting is deleted.
            </span>
            <button
              type="button"
              className="demo-danger"
              disabled={busy === 'cancel'}
              onClick={() => void cancel()}
            >
              {busy === 'cancel' ? 'Cancelling…' : 'Yes, cancel it'}
            </button>
            <button type="button" className="demo-secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="demo-secondary"
            disabled={running}
            title={running ? 'End the meeting first' : undefined}
            onClick={() => setConfirming(true)}
          >
            Cancel consultation
          </button>
        )}
      </div>
      {running && <p className="demo-muted">End the meeting before cancelling the consultation.</p>}
      {error != null && <ErrorPanel error={error} />}
    </article>
  );
}

/** Fetches something on demand; keeps the answer or the error for display. */
function useOnDemand<T>(fetch: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async () => {
    setError(null);
    try {
      setValue(await fetch());
    } catch (e) {
      setError(e);
    }
  };
  return { value, error, load };
}

function WalkIn({ operatorKey }: { operatorKey: string }) {
  const {
    value: pass,
    error,
    load,
  } = useOnDemand<WalkInPass>(() => api.walkInPass(operatorKey, { validMinutes: 60 }));
  return (
    <section aria-labelledby="walkin-title" className="demo-card">
      <h2 id="walkin-title">Walk-in link</h2>
      <p>
        A link that lets one person join any meeting by number, SIP address or link, as a guest of
        your org, for the next hour.
      </p>
      <button type="button" className="demo-secondary" onClick={() => void load()}>
        Get a walk-in link
      </button>
      {error != null && <ErrorPanel error={error} onRetry={() => void load()} />}
      {pass && (
        <p data-testid="walk-in">
          <a href={pass.url}>{pass.url.slice(0, 60)}…</a>{' '}
          <CopyButton text={pass.url} label="Copy walk-in link" /> · valid until{' '}
          {timeOf(pass.expiresAt)}
        </p>
      )}
    </section>
  );
}

function InstantConnect({ operatorKey }: { operatorKey: string }) {
  const {
    value: links,
    error,
    load,
  } = useOnDemand<InstantConnectLinks>(() => api.instantConnect(operatorKey));
  const item = (role: 'Host' | 'Guest', url: string) => (
    <li key={url}>
      {role}: <a href={url}>{url}</a>{' '}
      <CopyButton text={url} label={`Copy ${role.toLowerCase()} link`} />
    </li>
  );
  return (
    <section aria-labelledby="ic-title" className="demo-card">
      <h2 id="ic-title">Instant Connect</h2>
      <p>One-off host and guest links from Webex Instant Connect (no scheduling).</p>
      <button type="button" className="demo-secondary" onClick={() => void load()}>
        Get Instant Connect links
      </button>
      {error != null && <ErrorPanel error={error} onRetry={() => void load()} />}
      {links && (
        <ul data-testid="instant-connect">
          {links.host.map((l) => item('Host', l.url))}
          {links.guest.map((l) => item('Guest', l.url))}
        </ul>
      )}
    </section>
  );
}
