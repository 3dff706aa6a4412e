/*
 * @g2g/meeting-hooks/react: React bindings over the core. Every hook reads a
 * store through useSyncExternalStore and takes an explicit `{session}` or
 * `{client}` before falling back to context; outside any provider it throws
 * (the `useMaybe…` hooks return null). ("use client" is added to the built
 * entry by tsup.config.ts.)
 */
export { WebexMeeting } from './WebexMeeting';
export type { WebexMeetingProps } from './WebexMeeting';
export type { ClientSource } from './owned-client';
export {
  MeetingClientProvider,
  JoinSessionProvider,
  useMeetingClient,
  useMaybeMeetingClient,
  useSession,
  useMaybeSession,
} from './context';
export type {
  ClientOption,
  SessionOption,
  MeetingClientProviderProps,
  JoinSessionProviderProps,
} from './context';
export {
  useJoinSession,
  useJoinState,
  useLocalMedia,
  useMediaToggle,
  useMultistream,
  useNetworkQuality,
  useParticipant,
  usePasswordForm,
  useRemoteMedia,
  useRoster,
  useSelf,
  useVideoPane,
} from './hooks';
export type {
  JoinActions,
  RosterActions,
  UseJoinSessionOptions,
  UseJoinSessionResult,
  UseMediaToggleOptions,
  UseMultistreamOptions,
  UseRosterOptions,
} from './hooks';
export { mergeProps } from './merge-props';
export type { PropGetter } from './prop-getters';
export { shallowEqual } from './store';
