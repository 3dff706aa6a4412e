import { createContext, useContext, type ReactNode } from 'react';
import type { MeetingClient } from '../core/client';
import type { JoinSession } from '../core/session';

/** The client hooks fall back to. */
export const MeetingClientContext = createContext<MeetingClient | null>(null);
/** The session hooks fall back to, before the client's active session. */
export const JoinSessionContext = createContext<JoinSession | null>(null);

/** Props of {@link MeetingClientProvider}. */
export interface MeetingClientProviderProps {
  client: MeetingClient;
  children?: ReactNode;
}

/**
 * Makes a {@link MeetingClient} available to the hooks below it. Create the
 * client once (outside React, or in `useState(() => createMeetingClient(…))`):
 * creating it loads nothing, so a StrictMode double render costs nothing.
 */
export function MeetingClientProvider({ client, children }: MeetingClientProviderProps) {
  return <MeetingClientContext.Provider value={client}>{children}</MeetingClientContext.Provider>;
}

/** Props of {@link JoinSessionProvider}. */
export interface JoinSessionProviderProps {
  session: JoinSession;
  children?: ReactNode;
}

/** Makes one session the default of the session hooks below it (e.g. one tile per session). */
export function JoinSessionProvider({ session, children }: JoinSessionProviderProps) {
  return <JoinSessionContext.Provider value={session}>{children}</JoinSessionContext.Provider>;
}

/**
 * The meeting client: `client` when given, else the one from
 * {@link MeetingClientProvider}. Throws when there is neither.
 */
export function useMeetingClient(client?: MeetingClient | null): MeetingClient {
  const fromContext = useContext(MeetingClientContext);
  const resolved = client ?? fromContext;
  if (!resolved) {
    throw new Error(
      'useMeetingClient: pass a client or render inside <MeetingClientProvider client={…}>.',
    );
  }
  return resolved;
}
