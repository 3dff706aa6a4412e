// One table of join scenarios, run twice: through the scripted fake
// (join-scenarios.fake.test.ts) and through the real webex@3 SDK against
// @g2g/webex-sim (join-scenarios.browser.test.ts). Both runs must publish the
// same sequence of JoinStates, so the fake cannot drift from the SDK and the
// simulator without a test saying so.
import type { JoinSession } from '../core/session';
import type { JoinState } from '../core/state';

/** The meeting behind the destination, in terms both worlds can set up. */
export interface ScenarioMeeting {
  /** Guests wait in the lobby until admitted (`allowJoinWithLobby`). */
  lobby: boolean;
  /**
   * Join before host, as Webex has it:
   * - `open`: guests may join before the host (the window has opened);
   * - `off`: they may not, and wait in the lobby until the host arrives;
   * - `not-yet`: they may, but the window (minutes before the start) has not
   *   opened: meeting info answers 403003, which webex@3 reports as
   *   `JoinForbiddenError` with reason `NOT_REACH_JBH`.
   */
  joinBeforeHost: 'open' | 'off' | 'not-yet';
  /** A host is in and has locked the meeting: guests go to the lobby. */
  locked?: boolean;
  /** `false`: no such meeting (meeting info 404006). */
  exists?: boolean;
  /** The Service App's licence has no meeting slot left (Locus 2403050). */
  licenceExhausted?: boolean;
}

/** What the test does, in order. */
export type ScenarioStep =
  /** `client.join(destination, {displayName})`; with a password (or the host key) given up front. */
  | { join: { password?: 'right'; hostKey?: true } }
  /** `submitPassword` with a wrong one, the right one or the host key. */
  | { password: 'wrong' | 'right' | 'host-key' }
  /** `submitPassword(right password, the code the captcha shows)`. */
  | 'solve-captcha'
  /** Someone admits the guest from the lobby. */
  | 'admit'
  /** The host joins (join before host off: the waiting guest goes in). */
  | 'host-arrives'
  /** The guest's token expires before the join: renewed through `getAccessToken`. */
  | 'expire-token'
  | 'leave';

export interface JoinScenario {
  name: string;
  meeting: ScenarioMeeting;
  steps: ScenarioStep[];
  /** The states published, as {@link describeState} writes them, repeats collapsed. */
  expect: string[];
}

/** A state as the table compares it: its status and what a UI would branch on. */
export function describeState(state: JoinState): string {
  switch (state.status) {
    case 'password-required': {
      const parts = [
        state.lastAttemptFailed ? (state.failureReason ?? 'failed') : 'first',
        ...(state.captcha.required ? ['captcha'] : []),
      ];
      return `password-required(${parts.join(', ')})`;
    }
    case 'verifying':
      return `verifying(${state.kind})`;
    case 'joining':
      return state.asHost ? 'joining(host)' : 'joining';
    case 'joined':
      return state.isHost ? 'joined(host)' : 'joined';
    case 'left':
      return `left(${state.reason})`;
    case 'failed':
      return `failed(${state.error.code})`;
    default:
      return state.status;
  }
}

/** Records every state `session` publishes from now on, as {@link describeState} writes it. */
export function recordStates(session: JoinSession): string[] {
  const seen = [describeState(session.getSnapshot())];
  session.subscribe(() => {
    const next = describeState(session.getSnapshot());
    if (seen.at(-1) !== next) seen.push(next);
  });
  return seen;
}

// Every test that settles waits for one of these before its next step.
export const RESTING = ['password-required', 'lobby', 'joined', 'left', 'failed'] as const;

const START = ['idle', 'connecting', 'resolving'];
const PASSWORD = [...START, 'password-required(first)'];

export const JOIN_SCENARIOS: readonly JoinScenario[] = [
  {
    name: 'password: a wrong one, then the right one',
    meeting: { lobby: false, joinBeforeHost: 'open' },
    steps: [{ join: {} }, { password: 'wrong' }, { password: 'right' }, 'leave'],
    expect: [
      ...PASSWORD,
      'verifying(password)',
      'password-required(wrong-password)',
      'verifying(password)',
      'joining',
      'joined',
      'left(self)',
    ],
  },
  {
    name: 'captcha: three wrong passwords, then the password with the code',
    meeting: { lobby: false, joinBeforeHost: 'open' },
    steps: [
      { join: {} },
      { password: 'wrong' },
      { password: 'wrong' },
      { password: 'wrong' },
      'solve-captcha',
      'leave',
    ],
    expect: [
      ...PASSWORD,
      'verifying(password)',
      'password-required(wrong-password)',
      'verifying(password)',
      'password-required(wrong-password)',
      'verifying(password)',
      'password-required(wrong-password, captcha)',
      'verifying(password)',
      'joining',
      'joined',
      'left(self)',
    ],
  },
  {
    name: 'host key: joins as host, past the lobby',
    meeting: { lobby: true, joinBeforeHost: 'open' },
    steps: [{ join: { hostKey: true } }, 'leave'],
    expect: [...PASSWORD, 'verifying(host-key)', 'joining(host)', 'joined(host)', 'left(self)'],
  },
  {
    name: 'lobby: waits, is admitted',
    meeting: { lobby: true, joinBeforeHost: 'open' },
    steps: [{ join: { password: 'right' } }, 'admit', 'leave'],
    expect: [...PASSWORD, 'verifying(password)', 'joining', 'lobby', 'joined', 'left(self)'],
  },
  {
    name: 'join before host off: waits in the lobby until the host arrives',
    meeting: { lobby: false, joinBeforeHost: 'off' },
    steps: [{ join: { password: 'right' } }, 'host-arrives', 'leave'],
    expect: [...PASSWORD, 'verifying(password)', 'joining', 'lobby', 'joined', 'left(self)'],
  },
  {
    name: 'join before host not yet open: join-before-host-not-allowed',
    meeting: { lobby: false, joinBeforeHost: 'not-yet' },
    steps: [{ join: { password: 'right' } }],
    expect: [...START, 'failed(join-before-host-not-allowed)'],
  },
  {
    name: 'locked: guests go to the lobby, and are admitted',
    meeting: { lobby: false, joinBeforeHost: 'open', locked: true },
    steps: [{ join: { password: 'right' } }, 'admit', 'leave'],
    expect: [...PASSWORD, 'verifying(password)', 'joining', 'lobby', 'joined', 'left(self)'],
  },
  {
    name: 'not found',
    meeting: { lobby: false, joinBeforeHost: 'open', exists: false },
    steps: [{ join: {} }],
    expect: [...START, 'failed(not-found)'],
  },
  {
    name: 'licence: no meeting slot left',
    meeting: { lobby: false, joinBeforeHost: 'open', licenceExhausted: true },
    steps: [{ join: { password: 'right' } }],
    expect: [...PASSWORD, 'verifying(password)', 'joining', 'failed(license-exceeded)'],
  },
  {
    name: 'expiry: an expired token is renewed and the join goes on',
    meeting: { lobby: false, joinBeforeHost: 'open' },
    steps: ['expire-token', { join: { password: 'right' } }, 'leave'],
    expect: [...PASSWORD, 'verifying(password)', 'joining', 'joined', 'left(self)'],
  },
];
