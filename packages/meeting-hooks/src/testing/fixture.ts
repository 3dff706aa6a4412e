import { JoinError } from '../core/errors';
import type { JoinSession } from '../core/session';
import {
  EMPTY_ROSTER,
  IDLE,
  NO_LOCAL_MEDIA,
  NO_MULTISTREAM,
  NO_REMOTE_MEDIA,
  UNKNOWN_NETWORK_QUALITY,
  type JoinState,
  type LocalMediaState,
  type MultistreamSnapshot,
  type VideoPane,
  type NetworkQualitySnapshot,
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
  /** Replaces parts of the multistream snapshot (`panes` are completed with defaults). */
  setMultistream(
    patch: Partial<Omit<MultistreamSnapshot, 'panes'>> & { panes?: readonly Partial<VideoPane>[] },
  ): void;
  /** Changes one pane; every other pane keeps its object (as the real store does). */
  setPane(id: string, patch: Partial<VideoPane>): void;
  setNetworkQuality(patch: Partial<NetworkQualitySnapshot>): void;
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
  multistream?: Partial<Omit<MultistreamSnapshot, 'panes'>> & {
    panes?: readonly Partial<VideoPane>[];
  };
  networkQuality?: Partial<NetworkQualitySnapshot>;
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

let paneSerial = 0;
/**
 * A video pane with defaults for what is not given (`live`, not speaking, not pinned).
 * @public
 */
export function fixturePane(p: Partial<VideoPane>): VideoPane {
  return Object.freeze({
    id: p.id ?? `pane-${++paneSerial}`,
    memberId: null,
    stream: null,
    sourceState: 'live',
    speaking: false,
    pinned: false,
    ...p,
  });
}

const multistreamOf = (
  base: MultistreamSnapshot,
  patch: SessionFixtureInit['multistream'] = {},
): MultistreamSnapshot =>
  Object.freeze({
    ...base,
    ...patch,
    panes: patch.panes ? Object.freeze(patch.panes.map(fixturePane)) : base.panes,
  });

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
  const ms = createStore<MultistreamSnapshot>(multistreamOf(NO_MULTISTREAM, init.multistream));
  const quality = createStore<NetworkQualitySnapshot>({
    ...UNKNOWN_NETWORK_QUALITY,
    ...init.networkQuality,
  });
  const calls: { name: string; args: readonly unknown[] }[] = [];
  const msSet = (patch: Partial<MultistreamSnapshot>) => ms.set({ ...ms.getSnapshot(), ...patch });
  // Layout and pinning change the snapshot too, so a story can be clicked through.
  const pinTo = (memberId: string | null) =>
    msSet({
      pinnedId: memberId,
      panes: ms
        .getSnapshot()
        .panes.map((p) =>
          p.pinned === (p.memberId !== null && p.memberId === memberId)
            ? p
            : fixturePane({ ...p, pinned: !p.pinned }),
        ),
    });
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
    networkQuality: quality,
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
    multistream: {
      ...ms,
      setLayout: (...args: unknown[]) => {
        calls.push({ name: 'setLayout', args });
        msSet({ layout: args[0] as MultistreamSnapshot['layout'] });
        return Promise.resolve();
      },
      pin: (...args: unknown[]) => {
        calls.push({ name: 'pin', args });
        pinTo(String(args[0]));
        return Promise.resolve();
      },
      unpin: (...args: unknown[]) => {
        calls.push({ name: 'unpin', args });
        pinTo(null);
        return Promise.resolve();
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
    setMultistream: (patch) => ms.set(multistreamOf(ms.getSnapshot(), patch)),
    setPane: (id, patch) =>
      msSet({
        panes: ms
          .getSnapshot()
          .panes.map((p) => (p.id === id ? fixturePane({ ...p, ...patch }) : p)),
      }),
    setNetworkQuality: (patch) => quality.set({ ...quality.getSnapshot(), ...patch }),
  };
}

/**
 * A joined state for fixtures: meeting 25166661234 titled "Visit", self not
 * yet named, not the host; `patch` changes any of it.
 * @public
 */
export const joinedState = (
  patch: Partial<Omit<Extract<JoinState, { status: 'joined' }>, 'status'>> = {},
): Extract<JoinState, { status: 'joined' }> => ({
  status: 'joined',
  destination: { type: 'MEETING_ID', value: '25166661234' },
  title: 'Visit',
  meetingNumber: '25166661234',
  self: null,
  isHost: false,
  ...patch,
});

/** A failed state with a typed error, for fixtures. @public */
export const failedWith = (
  code: JoinError['code'],
  options: { retryable?: boolean } = {},
): JoinState => ({
  status: 'failed',
  error: new JoinError(code, code, options),
});
