/*
 * @g2g/meeting-ui: React components for putting guests into Webex meetings,
 * built on @g2g/meeting-hooks. The stock widget wrapper is a separate entry
 * (`@g2g/meeting-ui/widget`).
 */
export { DestinationField } from './DestinationField';
export type { DestinationFieldProps } from './DestinationField';

export { GuestJoin } from './join/GuestJoin';
export type { GuestJoinProps } from './join/GuestJoin';
export type { ClientSource } from './join/useOwnedClient';
export { PreJoin } from './join/PreJoin';
export type { PreJoinProps } from './join/PreJoin';
export { JoinProgress } from './join/JoinProgress';
export { PasswordForm, HostKeyForm } from './join/SecretForm';
export type { SecretFormProps } from './join/SecretForm';
export { CaptchaChallenge } from './join/CaptchaChallenge';
export type { CaptchaChallengeProps } from './join/CaptchaChallenge';
export { Lobby } from './join/Lobby';
export { InMeeting, SelfView, RemoteMedia, Roster, MeetingControls } from './join/InMeeting';
export { LeftScreen } from './join/LeftScreen';
export { JoinErrorView } from './join/JoinErrorView';
export type { JoinErrorViewProps } from './join/JoinErrorView';
export { stepOf, announcement } from './join/steps';
export type { JoinStep } from './join/steps';
export type { PartProps } from './join/shared';

export { MessagesProvider, useMessages } from './i18n/context';
export type { MessageOverrides } from './i18n/context';
export { en } from './i18n/en';
export type { Messages } from './i18n/en';
export { fr } from './i18n/fr';

export { MeetingUiRoot } from './theme/Root';
export type { MeetingUiRootProps, Theme } from './theme/Root';
export { meetingUiCss, injectMeetingUiStyles } from './theme/styles';
