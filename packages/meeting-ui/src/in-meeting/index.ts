/*
 * @g2g/meeting-ui/in-meeting: the in-meeting screen and its parts. The main
 * entry's `InMeeting` loads this lazily (GuestJoin starts the download when
 * joining starts), so the join UI's first load stays small.
 */
export { InMeeting, Stage } from './InMeetingView';
export type { InMeetingProps } from './InMeetingView';
export { MeetingControls, ShareToggle } from './Controls';
export type { MeetingControlsProps } from './Controls';
export { Roster, ParticipantName } from './Roster';
export { ConfirmButton } from './Confirm';
export type { ConfirmButtonProps } from './Confirm';
export { DeviceSettings, MicLevel, SpeakerSelect } from './DeviceSettings';
export { MeetingTimer, QualityIndicator, ReconnectingBanner, useKnockAlerts } from './Status';
export type { KnockAlertOptions, NetworkQuality } from './Status';
export { inMeetingEn, inMeetingFr } from './messages';
export type { InMeetingMessages } from './messages';
export { inMeetingCss } from './styles';
