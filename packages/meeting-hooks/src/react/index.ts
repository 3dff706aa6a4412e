/*
 * @g2g/meeting-hooks/react: React bindings over the core. Every hook reads
 * a store through useSyncExternalStore and takes an optional explicit
 * session or client before falling back to context. ("use client" is added
 * to the built entry by tsup.config.ts.)
 */
export {
  MeetingClientProvider,
  JoinSessionProvider,
  MeetingClientContext,
  JoinSessionContext,
  useMeetingClient,
} from './context';
export type { MeetingClientProviderProps, JoinSessionProviderProps } from './context';
export {
  useActiveSession,
  useJoinSession,
  useJoinState,
  useLocalMedia,
  useRemoteMedia,
  useRoster,
  useSelf,
} from './hooks';
export type {
  JoinSessionActions,
  SessionSource,
  UseJoinSessionOptions,
  UseJoinSessionResult,
} from './hooks';
export { getCaptchaFieldProps, getPasswordFieldProps, getSubmitProps } from './prop-getters';
