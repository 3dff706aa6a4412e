import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { parseDestination, type JoinState } from '@g2g/meeting-hooks';
import {
  JoinSessionProvider,
  MeetingClientProvider,
  useJoinSession,
} from '@g2g/meeting-hooks/react';
import { MessagesProvider, useMessages, type MessageOverrides } from '../i18n/context';
import { MeetingUiRoot, type Theme } from '../theme/Root';
import { InMeeting } from './InMeeting';
import { JoinErrorView } from './JoinErrorView';
import { JoinProgress } from './JoinProgress';
import { LeftScreen } from './LeftScreen';
import { Lobby } from './Lobby';
import { PreJoin } from './PreJoin';
import { HostKeyForm, PasswordForm } from './SecretForm';
import { useStepFocus } from './shared';
import { announcement, stepOf, type JoinStep } from './steps';
import { useOwnedClient, type ClientSource } from './useOwnedClient';

/** Props of {@link GuestJoin}. Give `getAccessToken`, `accessToken` or `client`. */
export interface GuestJoinProps extends ClientSource {
  /** Meeting number, SIP address or meeting link. */
  destination: string;
  /** Prefills the name field (the guest can change it before joining). */
  displayName?: string;
  /** Tried once automatically if the meeting asks for a password. */
  password?: string;
  /** Join as host with this key. */
  hostKey?: string;
  /** Send and receive audio/video once joined. Default `true`. */
  media?: boolean;
  /** Start joining at once, without the pre-join screen (needs `displayName`). */
  skipPreJoin?: boolean;
  theme?: Theme;
  messages?: MessageOverrides;
  className?: string;
  style?: CSSProperties;
  /** Accessible name of the component's region. Default: the "Meeting" message. */
  label?: string;
  /** Every join state, as the hooks publish it. */
  onStateChange?: (state: JoinState) => void;
  /** The screen shown, when it changes. */
  onStepChange?: (step: JoinStep) => void;
  injectStyles?: boolean;
}

type FlowProps = Omit<GuestJoinProps, keyof ClientSource | 'theme' | 'className' | 'style'>;

function GuestJoinFlow(props: FlowProps) {
  const { destination, password, hostKey, media = true, skipPreJoin } = props;
  const m = useMessages();
  const [name, setName] = useState(props.displayName ?? '');
  const [started, setStarted] = useState(!!skipPreJoin);
  const [hostKeyMode, setHostKeyMode] = useState(false);
  const parsed = useMemo(() => parseDestination(destination), [destination]);
  const join = useJoinSession(parsed.ok ? destination : null, {
    displayName: name.trim(),
    password,
    hostKey,
    media,
    autoJoin: !!skipPreJoin,
  });
  const { state } = join;
  const step: JoinStep = !parsed.ok
    ? 'error'
    : !started && state.status === 'idle'
      ? 'pre-join'
      : stepOf(state, hostKeyMode);
  const root = useRef<HTMLDivElement>(null);
  useStepFocus(root, step);

  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    latest.current.onStateChange?.(state);
  }, [state]);
  useEffect(() => {
    latest.current.onStepChange?.(step);
  }, [step]);
  // A new attempt (retry, rejoin) starts in password mode again.
  useEffect(() => {
    if (state.status === 'connecting') setHostKeyMode(false);
  }, [state.status]);

  const session = join.session;
  let view;
  switch (step) {
    case 'pre-join':
      view = (
        <PreJoin
          name={name}
          onNameChange={setName}
          onJoin={() => {
            setStarted(true);
            void join.actions.join();
          }}
        />
      );
      break;
    case 'password':
    case 'captcha':
      view = <PasswordForm onSwitch={() => setHostKeyMode(true)} />;
      break;
    case 'host-key':
      view = <HostKeyForm onSwitch={() => setHostKeyMode(false)} />;
      break;
    case 'lobby':
      view = <Lobby />;
      break;
    case 'joined':
      view = <InMeeting />;
      break;
    case 'left':
      view = <LeftScreen />;
      break;
    case 'error':
      view = <JoinErrorView error={parsed.ok ? undefined : parsed.error} />;
      break;
    default:
      view = <JoinProgress />;
  }
  const said = parsed.ok ? announcement(m, state, step) : m.errors[parsed.error.code];
  return (
    <JoinSessionProvider session={session}>
      <div ref={root} data-g2g-step={step}>
        {view}
      </div>
      <p className="g2g-sr-only" role="status">
        {said}
      </p>
    </JoinSessionProvider>
  );
}

/**
 * The whole guest journey on `@g2g/meeting-hooks`: pre-join (name, camera
 * and microphone), connecting, password and captcha (or host key), lobby,
 * the meeting, and the closing or error screen. Each screen is also exported
 * on its own for apps that compose their own flow.
 *
 * Accessible (focus moves to each new step's heading; changes are announced
 * through a polite live region), themable (`--g2g-*` custom properties,
 * `theme="dark"`), contained (`g2g-` classes only) and translatable
 * (`messages`, or `<MessagesProvider>`; `fr` ships as an example).
 */
export function GuestJoin({
  theme,
  className,
  style,
  messages,
  injectStyles,
  client,
  accessToken,
  getAccessToken,
  clientOptions,
  ...flow
}: GuestJoinProps) {
  const owned = useOwnedClient({ client, accessToken, getAccessToken, clientOptions });
  const inner = <GuestJoinFlow {...flow} />;
  const m = useMessages(messages);
  return (
    <MeetingUiRoot
      theme={theme}
      className={className}
      style={style}
      injectStyles={injectStyles}
      label={flow.label ?? m.meeting}
    >
      <MeetingClientProvider client={owned}>
        {messages ? <MessagesProvider messages={messages}>{inner}</MessagesProvider> : inner}
      </MeetingClientProvider>
    </MeetingUiRoot>
  );
}
