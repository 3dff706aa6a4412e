import { lazy, Suspense, useMemo, useState } from 'react';
import { Button, GuestJoin } from '@g2g/meeting-ui';
import { api, ApiError, type JoinResult } from '../api';
import { ErrorPanel, Loading } from '../components/Feedback';
import { discovery } from '../sim';
import { firstThen } from '../tokens';
import { usePreloadWhenIdle } from '../preload';
import { useT } from '../i18n';
import { useColorScheme } from '../theme';
import { useMeetingMessages } from '../meeting-messages';
import { useMeetingHistory } from '../meeting-guard';
import { NameField, isUsableName } from '../components/NameField';
import { ViewChoice, type MeetingView } from '../components/ViewChoice';

// The stock widget (and its own 2.60.4 SDK) loads only if someone picks it.
const WidgetJoin = lazy(() => import('../components/WidgetJoin'));

type Capability = { role: 'host' | 'guest'; token: string };

function capabilityFromHash(hash: string): Capability | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const host = params.get('host');
  const guest = params.get('guest');
  if (host) return { role: 'host', token: host };
  if (guest) return { role: 'guest', token: guest };
  return null;
}

const NAME_STORAGE = 'g2g-demo-name';

export default function Participant({ consultationId }: { consultationId: string }) {
  usePreloadWhenIdle();
  const t = useT();
  const messages = useMeetingMessages();
  const theme = useColorScheme();
  const capability = useMemo(() => capabilityFromHash(window.location.hash), []);
  const [name, setName] = useState(() => localStorage.getItem(NAME_STORAGE) ?? '');
  const [ui, setUi] = useState<MeetingView>('in-page');
  const [joined, setJoined] = useState<JoinResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Later tokens (expiry, 401) come from the same link: one participant, fresh
  // token. Made once per join, so a re-render never hands out the first again.
  const getAccessToken = useMemo(
    () =>
      joined && capability
        ? firstThen(
            joined.accessToken,
            async () =>
              (await api.join(consultationId, capability.token, joined.displayName)).accessToken,
          )
        : null,
    [joined, capability, consultationId],
  );

  // Back (the browser's, or the meeting screens' own) returns to the name form.
  const history = useMeetingHistory(!!joined, () => setJoined(null), t.leaveMeetingConfirm);

  if (!capability) {
    return <ErrorPanel error={new Error(t.incompleteLink)} />;
  }

  const fetchJoin = () => api.join(consultationId, capability.token, name);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      localStorage.setItem(NAME_STORAGE, name.trim());
      setJoined(await fetchJoin());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (joined && getAccessToken) {
    // The name went into the guest token, cleaned once by the backend: GuestJoin
    // sends no second one, and the widget's own name field gets the cleaned one.
    const common = {
      destination: joined.destination.value,
      ...(joined.password ? { password: joined.password } : {}),
    };
    return (
      <section aria-labelledby="meeting-title" className="demo-stack demo-meeting">
        {/* The page's h1; the meeting's own screens bring h2s. */}
        <h1 id="meeting-title" className="demo-meeting__title">
          {t.consultation}
        </h1>
        {ui === 'in-page' ? (
          <GuestJoin
            {...common}
            getAccessToken={getAccessToken}
            messages={messages}
            onStepChange={history.onStepChange}
            onBack={history.back}
            theme={theme}
            {...(joined.hostKey ? { hostKey: joined.hostKey } : {})}
            {...(discovery ? { clientOptions: { discovery } } : {})}
          />
        ) : (
          <Suspense fallback={<Loading>{t.loadingWidget}</Loading>}>
            {/* The stock widget cannot resolve a bare meeting number: give it the SIP address. */}
            <WidgetJoin
              {...common}
              displayName={joined.displayName}
              destination={joined.sipAddress}
              accessToken={joined.accessToken}
            />
          </Suspense>
        )}
      </section>
    );
  }

  return (
    <section className="demo-card" aria-labelledby="p-title">
      <h1 id="p-title">{capability.role === 'host' ? t.joinAsHost : t.joinConsultation}</h1>
      <form
        className="demo-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (isUsableName(name)) void start();
        }}
      >
        <NameField label={t.yourNameSeen} value={name} onChange={setName} />
        <ViewChoice value={ui} onChange={setUi} />
        <Button variant="primary" type="submit" disabled={busy || !isUsableName(name)}>
          {busy ? t.gettingReady : t.continue}
        </Button>
      </form>
      {busy && <Loading>{t.gettingAccess}</Loading>}
      {error != null && (
        <ErrorPanel error={error} onRetry={() => void start()}>
          {error instanceof ApiError && error.kind === 'expired' && <span>{t.linksExpire}</span>}
        </ErrorPanel>
      )}
    </section>
  );
}
