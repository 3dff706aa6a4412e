/*
 * @g2g/meeting-ui: React components for putting guests into Webex meetings,
 * built on @g2g/meeting-hooks. Three layers: building blocks (renderers,
 * tiles, toggles, device selects) over the hooks, the screens of a join, and
 * the GuestJoin prefab assembled from them. The stock widget wrapper is a
 * separate entry (`@g2g/meeting-ui/widget`).
 */
// Building blocks
export { VideoRenderer } from './media/VideoRenderer';
export type { VideoRendererProps } from './media/VideoRenderer';
export { AudioRenderer, StartAudio, useStartAudio } from './media/AudioRenderer';
export type { StartAudioProps } from './media/AudioRenderer';
export { ParticipantTile } from './media/ParticipantTile';
export type { ParticipantTileProps } from './media/ParticipantTile';
export { MediaToggle } from './media/MediaToggle';
export type { MediaToggleProps } from './media/MediaToggle';
export { DeviceSelect } from './media/DeviceSelect';
export type { DeviceSelectProps } from './media/DeviceSelect';

// Controls for an app's own screens around the components (one look)
export { Button, buttonClassName } from './controls/Button';
export type { ButtonProps, ButtonVariant } from './controls/Button';
export { TextField } from './controls/TextField';
export type { TextFieldProps } from './controls/TextField';

// Screens
export { PreJoin } from './join/PreJoin';
export type { PreJoinProps } from './join/PreJoin';
export { JoinProgress } from './join/JoinProgress';
export { PasswordForm, HostKeyForm } from './join/SecretForm';
export type { SecretFormProps } from './join/SecretForm';
export { CaptchaChallenge } from './join/CaptchaChallenge';
export type { CaptchaChallengeProps } from './join/CaptchaChallenge';
export { Lobby } from './join/Lobby';
export {
  InMeeting,
  SelfView,
  RemoteMedia,
  Roster,
  MeetingControls,
  preloadInMeeting,
} from './join/InMeeting';
// Types only: the in-meeting code itself loads on demand.
export type { InMeetingProps, InMeetingMessages, MeetingControlsProps } from './in-meeting';
// Types only: the video tiles load on demand (`@g2g/meeting-ui/tiles`).
export type { TilesMessages } from './i18n/tiles';
export { LeftScreen } from './join/LeftScreen';
export { JoinErrorView } from './join/JoinErrorView';
export type { JoinErrorViewProps, WayForward } from './join/JoinErrorView';
export type { PartProps } from './join/shared';

// The prefab
export { GuestJoin } from './join/GuestJoin';
export type { GuestJoinProps, GuestJoinComponents } from './join/GuestJoin';
export type { JoinStep } from './join/steps';

// Words and looks
export { MessagesProvider, useMessages } from './i18n/context';
export type { MessageOverrides } from './i18n/context';
export { en } from './i18n/en';
export type { Messages } from './i18n/en';
export { fr } from './i18n/fr';
export { MeetingUiRoot } from './theme/Root';
export type { MeetingUiRootProps, Theme } from './theme/Root';
