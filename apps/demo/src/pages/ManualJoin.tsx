import { lazy, Suspense, useMemo, useState } from 'react';
import { Button, GuestJoin } from '@g2g/meeting-ui';
import { DestinationField } from '@g2g/meeting-ui/destination-field';
import { parseDestination } from '@g2g/meeting-hooks';
import { api } from '../api';
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

const WidgetJoin = lazy(() => import('../components/WidgetJoin'));

/** The walk-in pass in the link's fragment (`/manual#pass=…`), which browsers never send to a server. */
function passFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('pass');
}

/**
 * Paste any destination and join as a guest with a freshly minted token. The
 * token is bound to a walk-in pass an operator handed out: the backend no
 * longer mints guest tokens for anyone who asks.
 */
export default function ManualJoin() {
  const t = useT();
  const pass = useMemo(() => passFromHash(window.location.hash), []);
  if (!pass) {
    return (
      <section className="demo-card" aria-labelledby="m-title">
        <h1 id="m-title">{t.joinByNumber}</h1>
        <p>{t.needsWalkIn}</p>
      </section>
    );
  }
  return <ManualJoinForm pass={pass} />;
}

function ManualJoinForm({ pass }: { pass: string }) {
  usePreloadWhenIdle();
  const t = useT();
  const messages = useMeetingMessages();
  const theme = useColorScheme();
  const [destination, setDestination] = useState('');
  const [name, setName] = useState('');
  const [ui, setUi] = useState<MeetingView>('in-page');
  const [submitted, setSubmitted] = useState<{ destination: string; name: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [firstToken, setFirstToken] = useState<string | null>(null);

  const parsed = parseDestination(destination);
  // Back (the browser's, or the meeting screens' own) returns to this form, destination kept.
  const history = useMeetingHistory(!!submitted, () => setSubmitted(null), t.leaveMeetingConfirm);
  // Made once per join, so a re-render never hands out the first token again.
  const getAccessToken = useMemo(
    () =>
      submitted && firstToken
        ? firstThen(
            firstToken,
            async () => (await api.guestToken(pass, submitted.name)).accessToken,
          )
        : null,
    [submitted, firstToken, pass],
  );

  const start = async () => {
    setError(null);
    if (!parsed.ok) {
      // English keeps the parser's precise words; another language its message for the code.
      setError(messages ? new Error(messages.errors[parsed.error.code]) : parsed.error);
      return;
    }
    setChecking(true);
    try {
      // Fail early (and clearly) if the backend is down, before loading the SDK.
      const token = await api.guestToken(pass, name);
      setFirstToken(token.accessToken);
      // The name as the backend cleaned it into the token: its one owner.
      setSubmitted({ destination, name: token.displayName });
    } catch (e) {
      setError(e);
    } finally {
      setChecking(false);
    }
  };

  if (submitted && ui === 'widget' && firstToken) {
    return (
      <section aria-labelledby="meeting-title" className="demo-stack demo-meeting">
        <h1 id="meeting-title" className="demo-meeting__title">
          {t.meetingTitle}
        </h1>
        <Suspense fallback={<Loading>{t.loadingWidget}</Loading>}>
          <WidgetJoin
            accessToken={firstToken}
            destination={submitted.destination}
            displayName={submitted.name}
          />
        </Suspense>
      </section>
    );
  }

  if (submitted && getAccessToken) {
    return (
      // Not a second region: GuestJoin's own is already named "Meeting" (axe: landmark-unique).
      <div className="demo-stack demo-meeting">
        {/* The page's h1; the meeting's own screens bring h2s. */}
        <h1 id="meeting-title" className="demo-meeting__title">
          {t.meetingTitle}
        </h1>
        {/* No displayName: the guest token carries the name, so nothing asks for it twice. */}
        <GuestJoin
          destination={submitted.destination}
          getAccessToken={getAccessToken}
          messages={messages}
          theme={theme}
          onStepChange={history.onStepChange}
          onChangeDestination={history.back}
          {...(discovery ? { clientOptions: { discovery } } : {})}
        />
      </div>
    );
  }

  return (
    <section className="demo-card" aria-labelledby="m-title">
      <h1 id="m-title">{t.joinByNumber}</h1>
      <form
        className="demo-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <DestinationField
          label={t.destinationLabel}
          hint={t.destinationHint}
          typeLabels={t.destinationTypes}
          {...(messages ? { errorMessage: (e) => messages.errors[e.code] } : {})}
          value={destination}
          onChange={(v) => setDestination(v)}
          required
        />
        <NameField label={t.yourName} value={name} onChange={setName} />
        <ViewChoice value={ui} onChange={setUi} />
        <Button
          variant="primary"
          type="submit"
          disabled={checking || !isUsableName(name) || !destination.trim()}
        >
          {checking ? t.checking : t.join}
        </Button>
      </form>
      {checking && <Loading>{t.gettingPass}</Loading>}
      {error != null && <ErrorPanel error={error} onRetry={() => void start()} />}
    </section>
  );
}
