import { createContext, useContext, type ReactNode } from 'react';
import type { MeetingClient } from '../core/client';
import type { JoinSession } from '../core/session';

const MeetingClientContext = createContext<MeetingClient | null>(null);
const JoinSessionContext = createContext<JoinSession | null>(null);

/**
 * The `{client}` option of the client hooks: use this client instead of the
 * one from context.
 * @public
 */
export interface ClientOption {
  client?: MeetingClient | null;
}

/**
 * The `{session}` option of the session hooks: use this session instead of
 * the one from context (`<WebexMeeting>` or `<JoinSessionProvider>`).
 * @public
 */
export interface SessionOption {
  session?: JoinSession | null;
}

/**
 * Props of {@link MeetingClientProvider}.
 * @public
 */
export interface MeetingClientProviderProps {
  client: MeetingClient;
  children?: ReactNode;
}

/**
 * Makes a {@link MeetingClient} available to the hooks below it. Create the
 * client once (outside React, or in `useState(() => createMeetingClient(…))`):
 * creating it loads nothing, so a StrictMode double render costs nothing.
 * `<WebexMeeting>` provides one itself.
 * @public
 */
export function MeetingClientProvider({ client, children }: MeetingClientProviderProps) {
  return <MeetingClientContext.Provider value={client}>{children}</MeetingClientContext.Provider>;
}

/**
 * Props of {@link JoinSessionProvider}.
 * @public
 */
export interface JoinSessionProviderProps {
  session: JoinSession;
  children?: ReactNode;
}

/**
 * Makes one session the session of the hooks below it. `<WebexMeeting>`
 * provides its own; use this one for sessions made by hand.
 * @public
 */
export function JoinSessionProvider({ session, children }: JoinSessionProviderProps) {
  return <JoinSessionContext.Provider value={session}>{children}</JoinSessionContext.Provider>;
}

/**
 * The client: `options.client`, else the one from context, else `null`.
 * @public
 */
export function useMaybeMeetingClient(options: ClientOption = {}): MeetingClient | null {
  const fromContext = useContext(MeetingClientContext);
  return options.client ?? fromContext;
}

/**
 * The client: `options.client`, else the one from context. Throws when there
 * is neither (see {@link useMaybeMeetingClient}).
 * @public
 */
export function useMeetingClient(options: ClientOption = {}): MeetingClient {
  const client = useMaybeMeetingClient(options);
  if (!client) {
    throw new Error(
      'No meeting client here. Render this inside <WebexMeeting> or <MeetingClientProvider client={…}>, or pass {client}.',
    );
  }
  return client;
}

/**
 * The session: `options.session`, else the one from context, else `null`.
 * There is no implicit fallback (such as the client's latest session).
 * @public
 */
export function useMaybeSession(options: SessionOption = {}): JoinSession | null {
  const fromContext = useContext(JoinSessionContext);
  return options.session ?? fromContext;
}

/**
 * The session: `options.session`, else the one from context. Throws when
 * there is neither (see {@link useMaybeSession}).
 * @public
 */
export function useSession(options: SessionOption = {}): JoinSession {
  const session = useMaybeSession(options);
  if (!session) {
    throw new Error(
      'No meeting session here. Render this inside <WebexMeeting> or <JoinSessionProvider session={…}>, or pass {session}.',
    );
  }
  return session;
}
