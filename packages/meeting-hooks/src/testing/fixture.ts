import { JoinError } from '../core/errors';
import type { JoinSession } from '../core/session';
import {
  EMPTY_ROSTER,
  IDLE,
  NO_LOCAL_MEDIA,
  NO_REMOTE_MEDIA,
  type JoinState,
  type LocalMediaState,
  type Participant,
  type RemoteMediaSnapshot,
  type RosterSnapshot,
} from '../core/state';
import { createStore } from '../core/store';

/**
 * A session whose stores you set directly, for Storybook and component tests
 * that show one state without driving a join (like 100ms's StoryBookSDK).
 * Actions do nothing but record their calls.
 * @public
 */
export interface SessionFixture extends JoinSession {
  setState(state: JoinState): void;
  setParticipants(participants: readonly Partial<Participant>[]): void;
  setLocalMedia(patch: Partial<LocalMediaState>): void;
  setRemoteMedia(patch: Partial<RemoteMediaSnapshot>): void;
  /** Every action called, in order. */
  readonly calls: readonly { name: string; args: readonly unknown[] }[];
}

/**
 * What a fixture starts as.
 * @public
 */
export interface SessionFixtureInit {
  state?: JoinState;
  participants?: readonly Partial<Participant>[];
  localMedia?: Partial<LocalMediaState>;
  remoteMedia?: Partial<RemoteMediaSnapshot>;
}

let next = 0;
/**
 * A participant with defaults for what is not given (`isSelf: false`, …).
 * @public
 */
export function fixtureParticipant(p: Partial<Participant>): Participant {
  return Object.freeze({
    id: p.id ?? `p${++next}`,
    name: p.name ?? 'Participant',
    isHost: false,
    isSelf: false,
    inLobby: false,
    audioMuted: false,
    videoMuted: false,
    ...p,
  });
}

const roster = (people: readonly Partial<Participant>[]): RosterSnapshot => {
  const participants = Object.freeze(people.map(fixtureParticipant));
  return Object.freeze({ participants, self: participants.find((p) => p.isSelf) ?? null });
};

/**
 * Creates a {@link SessionFixture}.
 * @example
 * ```tsx
 * const session = createSessionFixture({ state: { status: 'lobby', … } });
 * <JoinSessionProvider session={session}><Lobby /></JoinSessionProvider>
 * ```
 * @public
 */
export function createSessionFixture(init: SessionFixtureInit = {}): SessionFixture {
  const state = createStore<JoinState>(init.state ?? IDLE);
  const people = createStore<RosterSnapshot>(
    init.participants ? roster(init.participants) : EMPTY_ROSTER,
  );
  const local = createStore<LocalMediaState>({ ...NO_LOCAL_MEDIA, ...init.localMedia });
  const remote = createStore<RemoteMediaSnapshot>({ ...NO_REMOTE_MEDIA, ...init.remoteMedia });
  const calls: { name: string; args: readonly unknown[] }[] = [];
  const record =
    <R>(name: string, result: R) =>
    (...args: unknown[]) => {
      calls.push({ name, args });
      return Promise.resolve(result);
    };
  return {
    ...state,
    roster: people,
    remoteMedia: remote,
    localMedia: {
      ...local,
      start: record('start', null),
      stop: record('stop', null),
      setMuted: record('setMuted', null),
      switchDevice: record('switchDevice', null),
      connect: record('connect', null),
      startShare: record('startShare', null),
      stopShare: record('stopShare', null),
      listDevices: (...args: unknown[]) => {
        calls.push({ name: 'listDevices', args });
        return Promise.resolve(local.getSnapshot().devices);
      },
    },
    meeting: undefined,
    calls,
    prepare: record('prepare', undefined),
    join: record('join', undefined),
    submitPassword: record('submitPassword', undefined),
    submitHostKey: record('submitHostKey', undefined),
    refreshCaptcha: record('refreshCaptcha', undefined),
    leave: record('leave', undefined),
    endForAll: record('endForAll', undefined),
    admit: record('admit', undefined),
    muteParticipant: record('muteParticipant', undefined),
    removeParticipant: record('removeParticipant', undefined),
    setLocked: record('setLocked', undefined),
    retry: record('retry', undefined),
    dispose: record('dispose', undefined),
    setState: state.set,
    setParticipants: (list) => people.set(roster(list)),
    setLocalMedia: (patch) => local.set({ ...local.getSnapshot(), ...patch }),
    setRemoteMedia: (patch) => remote.set({ ...remote.getSnapshot(), ...patch }),
  };
}

/** A failed state with a typed error, for fixtures. @public */
export const failedWith = (
  code: JoinError['code'],
  options: { retryable?: boolean } = {},
): JoinState => ({
  status: 'failed',
  error: new JoinError(code, code, options),
});
