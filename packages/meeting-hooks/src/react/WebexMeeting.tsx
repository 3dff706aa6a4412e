import { useEffect, useRef, type ReactNode } from 'react';
import type { Destination } from '../core/destination';
import type { JoinError } from '../core/errors';
import type { JoinOptions } from '../core/session';
import type { JoinState, LeftReason } from '../core/state';
import { JoinSessionProvider, MeetingClientProvider } from './context';
import { useOwnSession } from './hooks';
import { useOwnedClient, type ClientSource } from './owned-client';

/**
 * Props of {@link WebexMeeting}. Give `client`, `accessToken` or `getAccessToken`.
 * @public
 */
export interface WebexMeetingProps extends ClientSource, Partial<JoinOptions> {
  /** Meeting number, SIP address or meeting link; `null` waits. */
  destination: string | Destination | null;
  /**
   * Join now (default). `false` holds the join, e.g. while a pre-join screen
   * is shown; turning it `true` joins.
   */
  join?: boolean;
  /**
   * While not joining yet, get ready: connect the client (init, register,
   * websocket) and look the meeting up, so the join waits only for the
   * person. Default `true`. Unmounting undoes it (an owned client unregisters
   * its device and closes its socket).
   */
  warm?: boolean;
  /** Every join state, as the session publishes it. */
  onStateChange?: (state: JoinState) => void;
  /** On entering the meeting (after any lobby). */
  onJoined?: (state: Extract<JoinState, { status: 'joined' }>) => void;
  /** On leaving, being removed, or the meeting ending. */
  onLeft?: (reason: LeftReason) => void;
  /** When the join fails, with the typed error. */
  onError?: (error: JoinError) => void;
  children?: ReactNode;
}

/**
 * One meeting, for as long as it is mounted: owns (or uses) a client and a
 * session for `destination`, provides both to the hooks and components
 * below it, and reports the session through callbacks (the same as the
 * widget wrapper's). Leaves on unmount. Renders only its children.
 *
 * @example
 * ```tsx
 * <WebexMeeting destination="2516 666 1234" getAccessToken={fetchToken}
 *   onJoined={() => log('in')} onError={(e) => log(e.code)}>
 *   <MyMeetingScreens />
 * </WebexMeeting>
 * ```
 * @public
 */
export function WebexMeeting(props: WebexMeetingProps) {
  const { destination, join = true, warm = true, children } = props;
  const client = useOwnedClient(props);
  const { client: _c, accessToken: _a, getAccessToken: _g, clientOptions: _o, ...rest } = props;
  const { session, state, actions } = useOwnSession(destination, {
    ...rest,
    client,
    autoJoin: false,
  });

  useEffect(() => {
    if (join) void actions.join();
    else if (warm) void actions.prepare();
  }, [join, warm, actions]);

  const latest = useRef(props);
  latest.current = props;
  const previous = useRef<JoinState['status'] | null>(null);
  useEffect(() => {
    const p = latest.current;
    const was = previous.current;
    previous.current = state.status;
    p.onStateChange?.(state);
    if (state.status === was) return;
    if (state.status === 'joined') p.onJoined?.(state);
    else if (state.status === 'left') p.onLeft?.(state.reason);
    else if (state.status === 'failed') p.onError?.(state.error);
  }, [state]);

  return (
    <MeetingClientProvider client={client}>
      <JoinSessionProvider session={session}>{children}</JoinSessionProvider>
    </MeetingClientProvider>
  );
}
