import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type ComponentType,
  type CSSProperties,
} from 'react';
import { useJoinState, WebexMeeting, type WebexMeetingProps } from '@g2g/meeting-hooks/react';
import { MessagesProvider, useMessages, type MessageOverrides } from '../i18n/context';
import { AudioRenderer, StartAudio } from '../media/AudioRenderer';
import { MeetingUiRoot, type Theme } from '../theme/Root';
import type { InMeetingProps } from '../in-meeting';
import { InMeeting, preloadInMeeting } from './InMeeting';
import { JoinErrorView, type JoinErrorViewProps, type WayForward } from './JoinErrorView';
import { JoinProgress } from './JoinProgress';
import { LeftScreen } from './LeftScreen';
import { Lobby } from './Lobby';
import { PreJoin, type PreJoinProps } from './PreJoin';
import { HostKeyForm, PasswordForm, type SecretFormProps } from './SecretForm';
import { useStepFocus, type PartProps } from './shared';

const NO_OVERRIDES: MessageOverrides = Object.freeze({});
import { announcement, stepOf, type JoinStep } from './steps';

/**
 * The screens of {@link GuestJoin}, each replaceable on its own through
 * `components`. Every one reads the session from context.
 * @public
 */
export interface GuestJoinComponents {
  PreJoin: ComponentType<PreJoinProps>;
  Progress: ComponentType<PartProps>;
  PasswordForm: ComponentType<SecretFormProps>;
  HostKeyForm: ComponentType<SecretFormProps>;
  Lobby: ComponentType<PartProps>;
  InMeeting: ComponentType<InMeetingProps>;
  Left: ComponentType<PartProps & Pick<WayForward, 'onBack'>>;
  Error: ComponentType<JoinErrorViewProps>;
}

const DEFAULTS: GuestJoinComponents = {
  PreJoin,
  Progress: JoinProgress,
  PasswordForm,
  HostKeyForm,
  Lobby,
  InMeeting,
  Left: LeftScreen,
  Error: JoinErrorView,
};

/**
 * Props of {@link GuestJoin}. Give `getAccessToken`, `accessToken` or `client`.
 * @public
 */
export interface GuestJoinProps extends Pick<
  WebexMeetingProps,
  | 'client'
  | 'accessToken'
  | 'getAccessToken'
  | 'clientOptions'
  | 'onStateChange'
  | 'onJoined'
  | 'onLeft'
  | 'onError'
> {
  /** Meeting number, SIP address or meeting link. */
  destination: string;
  /**
   * A name to show others instead of the one in the guest token (sent as
   * the SDK's `alias`). Leave it out when your server named the guest when
   * it minted the token: the name then has one owner and is cleaned once,
   * there. With `askName`, it prefills the name field.
   */
  displayName?: string;
  /**
   * Ask for a name on the pre-join screen and send it as the alias. Off by
   * default: the guest token already carries the name.
   */
  askName?: boolean;
  /** Tried once automatically if the meeting asks for a password. */
  password?: string;
  /** Join as host with this key. */
  hostKey?: string;
  /** Send and receive audio/video once joined. Default `true`. */
  media?: boolean;
  /** Start joining at once, without the pre-join screen. */
  skipPreJoin?: boolean;
  /**
   * Connect and look the meeting up while the pre-join screen is shown, so
   * "Join" waits for nothing else. Default `true`.
   */
  warm?: boolean;
  /** Replace any screen, e.g. `components={{ Lobby: MyLobby }}`. */
  components?: Partial<GuestJoinComponents>;
  theme?: Theme;
  messages?: MessageOverrides;
  className?: string;
  style?: CSSProperties;
  /** Accessible name of the component's region. Default: the "Meeting" message. */
  label?: string;
  /** The screen shown, when it changes. */
  onStepChange?: (step: JoinStep) => void;
  /** Inject the stylesheet (default); `false` when the app ships `@g2g/meeting-ui/styles.css`. */
  injectStyles?: boolean;
  /** A host hears a chime when someone knocks. Default `true`; `false` for silence. */
  knockSound?: boolean;
  /** A host's tab title shows "(1) " while someone waits. Default `true`. */
  titleBadge?: boolean;
  /** A "Back" button on the error and closing screens (e.g. `history.back()`). */
  onBack?: () => void;
  /** A "Change meeting" button on the error screen (back to your destination form). */
  onChangeDestination?: () => void;
}

interface FlowProps {
  started: boolean;
  onStart: () => void;
  name: string;
  /** Only when the name is asked for (`askName`). */
  onNameChange: ((name: string) => void) | undefined;
  hostKeyMode: boolean;
  setHostKeyMode: (on: boolean) => void;
  components: GuestJoinComponents;
  onStepChange?: (step: JoinStep) => void;
  inMeeting: Pick<InMeetingProps, 'knockSound' | 'titleBadge'>;
  way: WayForward;
}

function Screens(props: FlowProps) {
  const { components: C, hostKeyMode, setHostKeyMode } = props;
  const m = useMessages();
  const { state } = useJoinState();
  const step: JoinStep =
    !props.started && state.status === 'idle' ? 'pre-join' : stepOf(state, hostKeyMode);
  const root = useRef<HTMLDivElement>(null);
  useStepFocus(root, step);
  const latest = useRef(props.onStepChange);
  latest.current = props.onStepChange;
  useEffect(() => {
    latest.current?.(step);
    // A mark per screen, so a page (or a benchmark) can time the flow from the inside.
    globalThis.performance?.mark?.(`g2g:step:${step}`);
  }, [step]);
  // A new attempt (retry, rejoin) starts in password mode again.
  useEffect(() => {
    if (state.status === 'connecting') setHostKeyMode(false);
  }, [state.status, setHostKeyMode]);

  let view;
  switch (step) {
    case 'pre-join':
      view = (
        <C.PreJoin
          {...(props.onNameChange ? { name: props.name, onNameChange: props.onNameChange } : {})}
          onJoin={props.onStart}
        />
      );
      break;
    case 'password':
    case 'captcha':
      view = <C.PasswordForm onSwitch={() => setHostKeyMode(true)} />;
      break;
    case 'host-key':
      view = <C.HostKeyForm onSwitch={() => setHostKeyMode(false)} />;
      break;
    case 'lobby':
      view = <C.Lobby />;
      break;
    case 'joined':
      view = <C.InMeeting {...props.inMeeting} />;
      break;
    case 'left':
      view = <C.Left {...(props.way.onBack ? { onBack: props.way.onBack } : {})} />;
      break;
    case 'error':
      view = <C.Error {...props.way} />;
      break;
    default:
      view = <C.Progress />;
  }
  const said = announcement(m, state, step);
  return (
    <>
      <div ref={root} data-g2g-step={step}>
        {view}
      </div>
      {(state.status === 'joined' || state.status === 'reconnecting') && (
        <>
          <AudioRenderer />
          <StartAudio />
        </>
      )}
      <p className="g2g-sr-only" role="status">
        {said}
      </p>
    </>
  );
}

/**
 * The whole guest journey, assembled from the exported parts on
 * `<WebexMeeting>`: pre-join (name, camera and microphone; meanwhile the
 * client connects and looks the meeting up), progress, password and captcha
 * (or host key), lobby, the meeting, and the closing or error screen. Any
 * screen can be replaced through `components`.
 *
 * Accessible (focus moves to each new step's heading; changes are announced
 * through a polite live region), themable (`--g2g-*` custom properties,
 * `theme="dark"`), contained (`g2g-` classes only) and translatable
 * (`messages`, or `<MessagesProvider>`; `fr` ships with it).
 * @public
 */
export function GuestJoin(props: GuestJoinProps) {
  const { destination, skipPreJoin, messages, components, warm = true } = props;
  const m = useMessages(messages);
  const [name, setName] = useState(props.displayName ?? '');
  const [started, setStarted] = useState(!!skipPreJoin);
  // The in-meeting screen downloads while the join runs, not after it.
  useEffect(() => {
    if (started) void preloadInMeeting().catch(() => {});
  }, [started]);
  const [hostKeyMode, setHostKeyMode] = useState(false);
  // An alias only when the integrator chose one (given, or asked for on pre-join).
  const alias = props.askName ? name : props.displayName;
  const all = useMemo(() => ({ ...DEFAULTS, ...components }), [components]);
  const screens = (
    <Screens
      started={started}
      onStart={() => {
        globalThis.performance?.mark?.('g2g:join-click');
        setStarted(true);
      }}
      name={name}
      onNameChange={props.askName ? setName : undefined}
      hostKeyMode={hostKeyMode}
      setHostKeyMode={setHostKeyMode}
      components={all}
      onStepChange={props.onStepChange}
      inMeeting={{ knockSound: props.knockSound, titleBadge: props.titleBadge }}
      way={{ onBack: props.onBack, onChangeDestination: props.onChangeDestination }}
    />
  );
  return (
    <MeetingUiRoot
      theme={props.theme}
      className={props.className}
      style={props.style}
      injectStyles={props.injectStyles}
      label={props.label ?? m.meeting}
    >
      <WebexMeeting
        client={props.client}
        accessToken={props.accessToken}
        getAccessToken={props.getAccessToken}
        clientOptions={props.clientOptions}
        destination={destination}
        {...(alias !== undefined ? { displayName: alias } : {})}
        password={props.password}
        hostKey={props.hostKey}
        media={props.media ?? true}
        join={started}
        warm={warm}
        onStateChange={props.onStateChange}
        onJoined={props.onJoined}
        onLeft={props.onLeft}
        onError={props.onError}
      >
        {/* Always wrapped: switching language must not change the tree's shape,
            or every screen remounts (the meeting timer, open panels, videos). */}
        <MessagesProvider messages={messages ?? NO_OVERRIDES}>{screens}</MessagesProvider>
      </WebexMeeting>
    </MeetingUiRoot>
  );
}
