// Provisioning for the browser tests (a Service App, meetings over REST,
// guest tokens) comes from the simulator's own browser test kit.
export {
  provision,
  until,
  type ScheduledMeeting as SimMeeting,
} from '@g2g/webex-sim/testing/browser';
