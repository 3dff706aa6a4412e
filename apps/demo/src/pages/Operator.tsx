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
import { Button, TextField } from '@g2g/meeting-ui';
import { QrCode } from '../components/QrCode';
import { useFormatTime, useT } from '../i18n';

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
  const t = useT();
  const [value, setValue] = useState('');
  return (
    <section aria-labelledby="op-key-title" className="demo-card">
      <h1 id="op-key-title">{t.opSignIn}</h1>
      <p>{t.opSignInBody}</p>
      <form
        className="demo-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onKey(value.trim());
        }}
      >
        <TextField
          label={t.opKey}
          id="op-key"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
        />
        <Button variant="primary" type="submit">
          {t.continue}
        </Button>
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
  const t = useT();
  const [tenant, setTenant] = useState<TenantStatus | null>(null);
  const [items, setItems] = useState<ConsultationView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Links from this session's creations; other sessions fetch them on demand.
  const [links, setLinks] = useState<Record<string, ConsultationLinks>>({});
  const [stream, setStream] = useState<StreamState>('connecting');

  const reload = useCallback(async () => {
    try {
      const [status, list] = await Promise.all([
        api.tenant(operatorKey),
        api.listConsultations(operatorKey),
      ]);
      setTenant(status);
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
      onUnauthorized: () => setError(new ApiError('unauthorized', 'operator key refused', 401)),
      onEvent: (e) => {
        if (e.type === 'consultation') setItems((cur) => upsert(cur ?? [], e.consultation));
        else setTenant((cur) => (cur ? { ...cur, licence: e.licence } : cur));
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
      <ErrorPanel error={new Error(t.opKeyRefused)}>
        <Button variant="primary" onClick={onSignOut}>
          {t.opOtherKey}
        </Button>
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
        <h1>{t.opTitle}</h1>
        <Button onClick={onSignOut}>{t.signOut}</Button>
      </header>
      {tenant ? (
        <StatusBar tenant={tenant} stream={stream} />
      ) : (
        !error && <Loading>{t.loadingStatus}</Loading>
      )}
      {error != null && <ErrorPanel error={error} onRetry={() => void reload()} />}
      {full && (
        <section aria-labelledby="full-title" className="demo-card" data-testid="licence-full">
          <h2 id="full-title">{t.fullTitle}</h2>
          <p>{t.fullBody(tenant?.licence?.limit ?? 0)}</p>
          {running.length > 0 ? (
            <ul className="demo-list">
              {running.map((c) => (
                <li key={c.id}>
                  <EndButton
                    consultation={c}
                    operatorKey={operatorKey}
                    onEnded={changed}
                    label={t.endNamed(c.title)}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p className="g2g-muted">{t.fullElsewhere}</p>
          )}
        </section>
      )}
      <CreateForm operatorKey={operatorKey} onCreated={created} full={full} />
      <section aria-labelledby="list-title" className="demo-stack">
        <h2 id="list-title">{t.scheduled}</h2>
        {items === null && !error && <Loading>{t.loadingConsultations}</Loading>}
        {items?.length === 0 && <p>{t.none}</p>}
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
  const t = useT();
  const a = tenant.authorization;
  return (
    <div className="demo-status" data-testid="status">
      <p className="demo-row">
        <span>{tenant.mode === 'sim' ? t.simulated : t.webex}</span>
        {tenant.name && <span>{tenant.name}</span>}
        <span data-testid="authorization">
          {a.state === 'authorized'
            ? t.authorized
            : a.state === 'reauthorization-required'
              ? t.reauthorize
              : t.notAuthorized}
        </span>
        {tenant.licence ? (
          <span data-testid="licence">
            {t.licenceUsage(tenant.licence.inProgress, tenant.licence.limit)}
          </span>
        ) : (
          <span data-testid="licence">{t.licenceUnknown}</span>
        )}
        <span className="g2g-muted" data-testid="stream">
          {stream === 'live'
            ? t.streamLive
            : stream === 'connecting'
              ? t.streamConnecting
              : t.streamReconnecting}
        </span>
      </p>
      {a.state === 'reauthorization-required' && <p role="alert">{t.reauthorizeBody(a.reason)}</p>}
      {a.state === 'not-authorized' && <p>{t.notAuthorizedBody}</p>}
      {a.state === 'authorized' && a.refreshProblem && (
        <p data-testid="refresh-problem">{t.refreshDelayed(a.refreshProblem)}</p>
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
  const t = useT();
  const [title, setTitle] = useState(t.defaultTitle);
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
          title: title.trim() || t.defaultTitle,
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
      <h2 id="create-title">{t.newConsultation}</h2>
      <form onSubmit={(e) => void submit(e)} className="demo-form">
        <TextField
          label={t.title}
          id="c-title"
          value={title}
          maxLength={128}
          onChange={(e) => setTitle(e.target.value)}
        />
        <fieldset>
          <legend>{t.starts}</legend>
          <label className="demo-choice">
            <input
              type="radio"
              name="when"
              checked={when === 'now'}
              onChange={() => setWhen('now')}
            />{' '}
            {t.now}
          </label>
          <label className="demo-choice">
            <input
              type="radio"
              name="when"
              checked={when === 'later'}
              onChange={() => setWhen('later')}
            />{' '}
            {t.later}
          </label>
          {when === 'later' && (
            <>
              <TextField
                label={t.startTime}
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
        <TextField
          label={t.duration}
          id="c-duration"
          type="number"
          min={10}
          max={1439}
          value={duration}
          onChange={(e) => setDuration(Number(e.target.value))}
        />
        <fieldset>
          <legend>{t.whoRuns}</legend>
          <label className="demo-choice">
            <input
              type="radio"
              name="mode"
              checked={mode === 'host-guest'}
              onChange={() => setMode('host-guest')}
            />{' '}
            {t.modeHostGuest}
          </label>
          <label className="demo-choice">
            <input
              type="radio"
              name="mode"
              checked={mode === 'no-host'}
              onChange={() => setMode('no-host')}
            />{' '}
            {t.modeNoHost}
          </label>
        </fieldset>
        {mode === 'host-guest' && (
          <>
            <TextField
              label={t.hostEmail}
              hint={t.hostEmailHelp}
              id="c-host-email"
              type="email"
              autoComplete="off"
              value={hostEmail}
              onChange={(e) => setHostEmail(e.target.value)}
            />
          </>
        )}
        <Button variant="primary" type="submit" disabled={busy}>
          {busy ? t.creating : t.create}
        </Button>
      </form>
      {error != null && (
        <ErrorPanel error={error} onRetry={() => void submit()}>
          {error instanceof ApiError && error.kind === 'licence' && full && (
            <span>{t.endOneFirst}</span>
          )}
        </ErrorPanel>
      )}
    </section>
  );
}

function LiveStatus({ c }: { c: ConsultationView }) {
  const t = useT();
  const timeOf = useFormatTime();
  const inside = c.live.participants.filter((p) => p.state === 'joined');
  const waiting = c.live.participants.filter((p) => p.state === 'lobby');
  const name = (p: (typeof inside)[number]) =>
    c.mode === 'host-guest' && p.host ? t.hostSuffix(p.name) : p.name;
  return (
    <div data-testid="live" aria-live="polite">
      <p>
        <strong data-testid="live-state">
          {c.live.state === 'in-progress'
            ? t.inProgress
            : c.live.state === 'ended'
              ? t.ended
              : t.scheduled}
        </strong>
        {c.live.state === 'in-progress' && c.live.startedAt && t.since(timeOf(c.live.startedAt))}
      </p>
      {c.live.state === 'in-progress' && (
        <ul className="demo-people">
          <li data-testid="live-in">
            {t.inside(inside.length ? inside.map(name).join(', ') : t.nobody)}
          </li>
          {waiting.length > 0 && (
            <li data-testid="live-waiting">{t.waitingLobby(waiting.map(name).join(', '))}</li>
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
  label,
}: {
  consultation: ConsultationView;
  operatorKey: string;
  onEnded: (c: ConsultationView) => void;
  label?: string;
}) {
  const t = useT();
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
      <Button variant="danger" disabled={busy} onClick={() => void end()}>
        {busy ? t.ending : (label ?? t.endMeeting)}
      </Button>
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
  const t = useT();
  const timeOf = useFormatTime();
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
        {timeOf(c.start)} · {t.modeSummary[c.mode]}
        {c.hostEmail && t.hostBy(c.hostEmail)}
        {t.meetingNumber(c.meetingNumber)}
      </p>
      <LiveStatus c={c} />
      {links ? (
        <div className="demo-links">
          {all.map((l) => (
            <div key={l.participant} className="demo-link" data-testid={`link-${l.role}`}>
              <QrCode text={l.url} label={t.qrOf[l.role]} />
              <div className="demo-stack">
                <strong>{t.linkOf[l.role]}</strong>
                <a href={l.url} target="_blank" rel="noreferrer" className="demo-url">
                  {l.url.slice(0, 60)}…
                </a>
                <CopyButton text={l.url} label={t.copyLink[l.role]} />
              </div>
            </div>
          ))}
        </div>
      ) : (
        <Button disabled={busy === 'links'} onClick={() => void showLinks()}>
          {busy === 'links' ? t.loadingLinks : t.showLinks}
        </Button>
      )}
      <div className="demo-row">
        {running && <EndButton consultation={c} operatorKey={operatorKey} onEnded={onChanged} />}
        {confirming ? (
          <div role="group" aria-labelledby={`confirm-${c.id}`} className="demo-row">
            <span id={`confirm-${c.id}`}>{t.confirmCancel(c.title)}</span>
            <Button variant="danger" disabled={busy === 'cancel'} onClick={() => void cancel()}>
              {busy === 'cancel' ? t.cancelling : t.yesCancel}
            </Button>
            <Button onClick={() => setConfirming(false)}>{t.keepIt}</Button>
          </div>
        ) : (
          <Button
            disabled={running}
            title={running ? t.endFirst : undefined}
            onClick={() => setConfirming(true)}
          >
            {t.cancelConsultation}
          </Button>
        )}
      </div>
      {running && <p className="g2g-muted">{t.endBeforeCancel}</p>}
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
  const t = useT();
  const timeOf = useFormatTime();
  const {
    value: pass,
    error,
    load,
  } = useOnDemand<WalkInPass>(() => api.walkInPass(operatorKey, { validMinutes: 60 }));
  return (
    <section aria-labelledby="walkin-title" className="demo-card">
      <h2 id="walkin-title">{t.walkInTitle}</h2>
      <p>{t.walkInBody}</p>
      <Button onClick={() => void load()}>{t.getWalkIn}</Button>
      {error != null && <ErrorPanel error={error} onRetry={() => void load()} />}
      {pass && (
        <p data-testid="walk-in">
          <a href={pass.url}>{pass.url.slice(0, 60)}…</a>{' '}
          <CopyButton text={pass.url} label={t.copyWalkIn} />
          {t.validUntil(timeOf(pass.expiresAt))}
        </p>
      )}
    </section>
  );
}

function InstantConnect({ operatorKey }: { operatorKey: string }) {
  const t = useT();
  const {
    value: links,
    error,
    load,
  } = useOnDemand<InstantConnectLinks>(() => api.instantConnect(operatorKey));
  const item = (role: 'host' | 'guest', url: string) => (
    <li key={url}>
      {t.role[role]}: <a href={url}>{url}</a> <CopyButton text={url} label={t.copyLink[role]} />
    </li>
  );
  return (
    <section aria-labelledby="ic-title" className="demo-card">
      <h2 id="ic-title">{t.icTitle}</h2>
      <p>{t.icBody}</p>
      <Button onClick={() => void load()}>{t.getIc}</Button>
      {error != null && <ErrorPanel error={error} onRetry={() => void load()} />}
      {links && (
        <ul data-testid="instant-connect">
          {links.host.map((l) => item('host', l.url))}
          {links.guest.map((l) => item('guest', l.url))}
        </ul>
      )}
    </section>
  );
}
