import type { JoinState, LeftReason } from '@g2g/meeting-hooks';
import { failureMessage, type Messages } from '../i18n/en';

/**
 * Which screen the join UI shows.
 * @public
 */
export type JoinStep =
  | 'pre-join'
  | 'progress'
  | 'password'
  | 'captcha'
  | 'host-key'
  | 'lobby'
  | 'joined'
  | 'left'
  | 'error';

/** The step for a join state (`hostKeyMode`: the guest chose "I am the host"). */
export function stepOf(state: JoinState, hostKeyMode: boolean): JoinStep {
  switch (state.status) {
    case 'password-required':
    case 'verifying':
      return hostKeyMode ? 'host-key' : state.captcha.required ? 'captcha' : 'password';
    case 'lobby':
      return 'lobby';
    // Still in the meeting: the view (its videos, roster, controls) stays
    // mounted under its reconnecting banner rather than falling back to "Connecting".
    case 'joined':
    case 'reconnecting':
      return 'joined';
    case 'left':
      return 'left';
    case 'failed':
      return 'error';
    default:
      return 'progress';
  }
}

export const leftMessage = (m: Messages, reason: LeftReason) =>
  ({ self: m.leftSelf, ended: m.leftEnded, removed: m.leftRemoved, license: m.leftLicense })[
    reason
  ];

export function progressMessage(m: Messages, state: JoinState): string {
  if (state.status === 'resolving') return m.resolving;
  if (state.status === 'joining') return m.joining;
  if (state.status === 'verifying')
    return state.kind === 'captcha-refresh' ? m.refreshingCaptcha : m.verifying;
  return m.connecting;
}

/** What the live region says for a state: the change a sighted user would notice. */
export function announcement(m: Messages, state: JoinState, step: JoinStep): string {
  switch (state.status) {
    case 'idle':
      return step === 'pre-join' ? m.preJoinHeading : '';
    case 'password-required':
      return state.lastAttemptFailed
        ? failureMessage(m, state.failureReason)
        : state.captcha.required
          ? m.captchaHeading
          : m.passwordHeading;
    case 'lobby':
      return m.lobbyHeading;
    case 'joined':
      return m.joinedAnnouncement(state.title);
    case 'left':
      return leftMessage(m, state.reason);
    case 'failed':
      return m.errors[state.error.code];
    default:
      return progressMessage(m, state);
  }
}
