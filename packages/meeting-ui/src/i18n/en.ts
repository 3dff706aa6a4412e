import type { JoinErrorCode, PasswordFailure } from '@g2g/meeting-hooks';
import type { InMeetingMessages } from '../in-meeting/messages';
import type { TilesMessages } from './tiles';

/**
 * Every word the components show or announce. Override any of them through
 * the `messages` prop or `<MessagesProvider>`; `fr` ships as a second locale.
 * @public
 */
export interface Messages {
  /** Which language these are (`en`, `fr`): picks the in-meeting words, which load later. */
  locale: string;
  /** Overrides of the in-meeting words (see `InMeetingMessages`). */
  inMeeting?: Partial<InMeetingMessages>;
  /** Overrides of the video tiles' words (see `TilesMessages`). */
  tiles?: Partial<TilesMessages>;
  // pre-join
  preJoinHeading: string;
  displayName: string;
  displayNameHint: string;
  displayNameRequired: string;
  camera: string;
  microphone: string;
  cameraOff: string;
  previewLabel: string;
  turnOnCamera: string;
  turnOffCamera: string;
  turnOnMicrophone: string;
  turnOffMicrophone: string;
  permissionDenied: string;
  deviceInUse: string;
  deviceNotFound: string;
  deviceProblem: string;
  join: string;
  // progress
  connecting: string;
  resolving: string;
  verifying: string;
  refreshingCaptcha: string;
  joining: string;
  // password, captcha, host key
  passwordHeading: string;
  password: string;
  passwordHint: string;
  wrongPassword: string;
  wrongCaptcha: string;
  wrongOther: string;
  submitPassword: string;
  iAmTheHost: string;
  captchaHeading: string;
  captchaIntro: string;
  captchaImageAlt: string;
  captchaCode: string;
  captchaListen: string;
  captchaRefresh: string;
  hostKeyHeading: string;
  hostKey: string;
  hostKeyHint: string;
  submitHostKey: string;
  backToPassword: string;
  // lobby
  lobbyHeading: string;
  lobbyBody: string;
  /** The lobby while no host has joined yet. */
  lobbyNoHost: string;
  leaveLobby: string;
  // in meeting
  meeting: string;
  you: string;
  host: string;
  waiting: string;
  muted: string;
  selfView: string;
  remoteVideo: string;
  remoteShare: string;
  noRemoteVideo: string;
  participants: (count: number) => string;
  controls: string;
  mute: string;
  unmute: string;
  stopVideo: string;
  startVideo: string;
  leave: string;
  admit: (name: string) => string;
  endForAll: string;
  hostActionFailed: string;
  startAudio: string;
  joinedAnnouncement: (title: string | null) => string;
  // closing
  leftHeading: string;
  leftSelf: string;
  leftEnded: string;
  leftRemoved: string;
  leftLicense: string;
  rejoin: string;
  // errors
  errorHeading: string;
  errors: Record<JoinErrorCode, string>;
  retry: string;
  back: string;
  changeDestination: string;
  // the widget wrapper
  widgetLoading: string;
  widgetTimeout: string;
  widgetCrashed: string;
  widgetNoToken: string;
  widgetRegion: string;
  widgetMeetingNumber: string;
  widgetLinkForm: string;
}

/** Why a password attempt failed, in words. */
export const failureMessage = (m: Messages, reason: PasswordFailure | null) =>
  reason === 'wrong-captcha'
    ? m.wrongCaptcha
    : reason === 'wrong-password'
      ? m.wrongPassword
      : m.wrongOther;

/**
 * English, the default.
 * @public
 */
export const en: Messages = {
  locale: 'en',
  preJoinHeading: 'Ready to join?',
  displayName: 'Your name',
  displayNameHint: 'Others in the meeting see this name.',
  displayNameRequired: 'Enter your name.',
  camera: 'Camera',
  microphone: 'Microphone',
  cameraOff: 'Your camera is off',
  previewLabel: 'Camera preview',
  turnOnCamera: 'Turn camera on',
  turnOffCamera: 'Turn camera off',
  turnOnMicrophone: 'Turn microphone on',
  turnOffMicrophone: 'Turn microphone off',
  permissionDenied:
    'The browser was not allowed to use this device. Allow it in the address bar, or join without it.',
  deviceInUse: 'Another application is using this device.',
  deviceNotFound: 'No such device was found.',
  deviceProblem: 'This device could not be started.',
  join: 'Join meeting',
  connecting: 'Connecting to Webex…',
  resolving: 'Finding the meeting…',
  verifying: 'Checking…',
  refreshingCaptcha: 'Getting a new code…',
  joining: 'Joining the meeting…',
  passwordHeading: 'This meeting needs a password',
  password: 'Meeting password',
  passwordHint: 'You find it in your invitation.',
  wrongPassword: 'That password is not right. Try again.',
  wrongCaptcha: 'The code did not match. Try the new one.',
  wrongOther: 'That did not work. Try again.',
  submitPassword: 'Continue',
  iAmTheHost: 'I am the host',
  captchaHeading: 'Type the code you see',
  captchaIntro: 'After several wrong passwords, Webex asks for a code as well.',
  captchaImageAlt: 'Security code image. Use the listen button to hear it.',
  captchaCode: 'Code from the image',
  captchaListen: 'Listen to the code',
  captchaRefresh: 'New code',
  hostKeyHeading: 'Join as host',
  hostKey: 'Host key',
  hostKeyHint: 'The six-digit key from the meeting’s scheduling details.',
  submitHostKey: 'Join as host',
  backToPassword: 'Back to the password',
  lobbyHeading: 'Waiting to be let in',
  lobbyBody: 'The host knows you are here and will let you in shortly.',
  lobbyNoHost: 'The host has not joined yet. You will be let in once they arrive.',
  leaveLobby: 'Stop waiting',
  meeting: 'Meeting',
  you: 'you',
  host: 'host',
  waiting: 'waiting',
  muted: 'muted',
  selfView: 'Your video',
  remoteVideo: 'Video of the others',
  remoteShare: 'Shared screen',
  noRemoteVideo: 'No video from the others yet',
  participants: (n) => (n === 1 ? '1 participant' : `${n} participants`),
  controls: 'Meeting controls',
  mute: 'Mute',
  unmute: 'Unmute',
  stopVideo: 'Stop video',
  startVideo: 'Start video',
  leave: 'Leave',
  admit: (name) => `Let ${name} in`,
  endForAll: 'End for everyone',
  hostActionFailed: 'That did not work. Try again.',
  startAudio: 'Start audio',
  joinedAnnouncement: (title) => (title ? `You are in ${title}.` : 'You are in the meeting.'),
  leftHeading: 'You have left',
  leftSelf: 'You left the meeting.',
  leftEnded: 'The meeting has ended.',
  leftRemoved: 'The host removed you from the meeting.',
  leftLicense: 'The meeting was stopped: no licence was free for it.',
  rejoin: 'Join again',
  errorHeading: 'Could not join',
  errors: {
    'invalid-destination': 'That is not a meeting number, SIP address or meeting link.',
    'invalid-display-name': 'That name cannot be used. Enter up to 128 characters.',
    'space-id-not-supported':
      'This is a Webex space id (error 30105). Webex no longer starts meetings from a space: use the meeting number, SIP address or meeting link instead.',
    'not-found': 'No meeting was found at that address. Check the number or link.',
    'token-invalid': 'Your access could not be confirmed. Ask for a new link.',
    'token-expired': 'Your access has expired. Try again to renew it.',
    network: 'Webex could not be reached. Check your connection and try again.',
    timeout: 'Webex did not answer in time. Try again.',
    'license-exceeded':
      'No meeting slot is free right now: too many meetings are running. Try again later.',
    forbidden: 'You are not allowed to join this meeting.',
    'join-before-host-not-allowed':
      'This meeting does not open to guests yet. Try again closer to its start time.',
    unknown: 'Something went wrong while joining.',
  },
  retry: 'Try again',
  back: 'Back',
  changeDestination: 'Change meeting',
  widgetLoading: 'Loading the meeting…',
  widgetTimeout: 'The meeting did not load in time.',
  widgetCrashed: 'The meeting view stopped working.',
  widgetNoToken: 'No access token was given.',
  widgetRegion: 'Webex meeting',
  widgetMeetingNumber:
    'The Webex widget cannot join by meeting number. Use the meeting’s SIP address or link instead.',
  widgetLinkForm:
    'The Webex widget cannot join by this kind of meeting link. Use the meeting’s SIP address (it ends in @….webex.com) instead.',
};
