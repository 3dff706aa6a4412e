// The demo's own words in English: the one table every other language
// mirrors (its type is `DemoMessages`). The meeting screens' words are
// @g2g/meeting-ui's (`en`/`fr`), not these.
import type { ApiError } from '../api';

export const en = {
  // the shell
  skip: 'Skip to content',
  brand: 'g2g consultations',
  navLabel: 'Main',
  navOperator: 'Operator',
  navJoin: 'Join by number',
  language: 'Language',
  notFound: 'Page not found',
  goHome: 'Go to the start page',
  // shared pieces
  loading: 'Loading…',
  somethingWrong: 'Something went wrong.',
  /** What a failed backend call says. English keeps the backend's own, more specific words. */
  apiError: (e: ApiError): string => e.message,
  retry: 'Try again',
  copied: 'Copied',
  copiedAnnouncement: ' copied to the clipboard',
  // landing
  landingTitle: 'Video consultations, no Webex account needed',
  landingIntro:
    "A doctor and a patient, an agent and a customer: both join a real Webex meeting from the browser as guests. A Webex Service App sponsors the meeting; this demo's backend schedules it and hands out links.",
  organise: 'Organise',
  organiseBody: 'Create a consultation and send the host and guest their links or QR codes.',
  openOperator: 'Open the operator view',
  join: 'Join',
  joinBody: 'Have a meeting number, SIP address or meeting link? Join it as a guest.',
  joinByNumber: 'Join by number or link',
  // joining (participant and manual join)
  meetingView: 'Meeting view',
  inPage: 'In this page',
  widget: 'Webex widget',
  loadingWidget: 'Loading the Webex widget…',
  yourName: 'Your name',
  yourNameSeen: 'Your name (others will see it)',
  /** A name over the display-name rule's limit; English keeps the rule's own words. */
  nameTooLong: (ruleMessage: string, _max: number): string => ruleMessage,
  checking: 'Checking…',
  gettingPass: 'Getting a guest pass…',
  needsWalkIn:
    'This page needs a walk-in link from the organiser. Ask them for one (operators get it from the operator page), then open it here.',
  incompleteLink:
    'This link is incomplete: it has no access code after the "#". Ask the organiser to send it again.',
  joinAsHost: 'Join as the host',
  joinConsultation: 'Join the consultation',
  gettingReady: 'Getting ready…',
  continue: 'Continue',
  gettingAccess: 'Getting your access…',
  linksExpire: 'Links expire after the consultation.',
  consultation: 'Consultation',
  meetingTitle: 'Meeting',
  leaveMeetingConfirm: 'Leave the meeting? You will be disconnected.',
  destinationLabel: 'Meeting number, SIP address or link',
  destinationHint:
    'For example 2516 666 1234, 2516661234@example.webex.com or a https:// meeting link.',
  destinationTypes: {
    MEETING_ID: 'Meeting number',
    SIP_URI: 'SIP address',
    MEETING_LINK: 'Meeting link',
  },
  // operator: sign-in
  opSignIn: 'Operator sign-in',
  opSignInBody:
    'Enter your organisation’s operator key. `pnpm dev` prints one per simulated organisation; in production the deployment’s admin gives it to you.',
  opKey: 'Operator API key',
  opKeyRefused: 'That operator key was not accepted.',
  opOtherKey: 'Enter another key',
  // operator: the console
  opTitle: 'Consultations',
  signOut: 'Sign out',
  loadingStatus: 'Loading status…',
  fullTitle: 'All licensed meetings are running',
  fullBody: (limit: number) =>
    `The licence allows ${limit} meetings at once. End one to start another.`,
  endNamed: (title: string) => `End “${title}”`,
  fullElsewhere: 'The running meetings were not started from this console.',
  scheduled: 'Scheduled',
  loadingConsultations: 'Loading consultations…',
  none: 'No consultations yet. Create one above.',
  // operator: the status bar
  simulated: 'Simulated Webex',
  webex: 'Webex',
  authorized: 'Service App authorized',
  reauthorize: 'Service App needs re-authorization',
  notAuthorized: 'Service App not authorized yet',
  licenceUsage: (inProgress: number, limit: number) =>
    `${inProgress} of ${limit} concurrent meetings`,
  licenceUnknown: 'Licence usage appears once the org has authorized the app',
  streamLive: 'Live',
  streamConnecting: 'Connecting…',
  streamReconnecting: 'Reconnecting…',
  reauthorizeBody: (reason: string) =>
    `${reason}. A full admin of the org must authorize the Service App again in Control Hub.`,
  notAuthorizedBody: 'An admin of your org must authorize the Service App in Control Hub.',
  refreshDelayed: (problem: string) =>
    `Token refresh is delayed: ${problem}. Meetings keep working meanwhile.`,
  // operator: a new consultation
  newConsultation: 'New consultation',
  defaultTitle: 'Consultation',
  title: 'Title',
  starts: 'Starts',
  now: 'Now',
  later: 'Later',
  startTime: 'Start time',
  duration: 'Duration (minutes)',
  whoRuns: 'Who runs the meeting',
  modeHostGuest: 'Host and guest: the expert gets host rights and admits the guest',
  modeNoHost: 'No host: everyone joins directly with their link',
  hostEmail: 'Licensed host’s email (optional)',
  hostEmailHelp:
    'Schedules the meeting on behalf of a licensed Webex user of your org (needs the meeting:admin_schedule_write scope). Leave empty for a guest host.',
  creating: 'Creating…',
  create: 'Create consultation',
  endOneFirst: 'End a running meeting above, then try again.',
  // operator: a consultation
  inProgress: 'In progress',
  ended: 'Ended',
  since: (time: string) => ` since ${time}`,
  hostSuffix: (name: string) => `${name} (host)`,
  inside: (names: string) => `In: ${names}`,
  nobody: 'nobody',
  waitingLobby: (names: string) => `Waiting in the lobby: ${names}`,
  endMeeting: 'End meeting',
  ending: 'Ending…',
  modeSummary: { 'host-guest': 'host and guest', 'no-host': 'no host' },
  hostBy: (email: string) => ` · host ${email}`,
  meetingNumber: (n: string) => ` · meeting ${n}`,
  qrOf: { host: 'QR code of the host link', guest: 'QR code of the guest link' },
  linkOf: { host: 'Host link', guest: 'Guest link' },
  copyLink: { host: 'Copy host link', guest: 'Copy guest link' },
  loadingLinks: 'Loading links…',
  showLinks: 'Show links',
  confirmCancel: (title: string) =>
    `Cancel “${title}”? Its links stop working and the Webex meeting is deleted.`,
  cancelling: 'Cancelling…',
  yesCancel: 'Yes, cancel it',
  keepIt: 'Keep it',
  endFirst: 'End the meeting first',
  cancelConsultation: 'Cancel consultation',
  endBeforeCancel: 'End the meeting before cancelling the consultation.',
  // operator: walk-in and Instant Connect
  walkInTitle: 'Walk-in link',
  walkInBody:
    'A link that lets one person join any meeting by number, SIP address or link, as a guest of your org, for the next hour.',
  getWalkIn: 'Get a walk-in link',
  copyWalkIn: 'Copy walk-in link',
  validUntil: (time: string) => ` · valid until ${time}`,
  icTitle: 'Instant Connect',
  icBody: 'One-off host and guest links from Webex Instant Connect (no scheduling).',
  getIc: 'Get Instant Connect links',
  role: { host: 'Host', guest: 'Guest' },
};

/** Every string (and phrase builder) of the demo, in one language. */
export type DemoMessages = typeof en;
