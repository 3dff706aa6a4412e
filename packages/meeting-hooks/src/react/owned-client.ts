import { useEffect, useRef, useState } from 'react';
import type { AccessTokenValue } from '../core/auth';
import { createMeetingClient, type MeetingClient, type MeetingClientOptions } from '../core/client';

/**
 * How a component gets its meeting client: given, or made from a token
 * source (and then owned: disposed, device unregistered, on unmount).
 * @public
 */
export interface ClientSource {
  /** Use this client (the component then never disposes it). */
  client?: MeetingClient;
  accessToken?: string;
  /** Called to connect and again when the token expires. */
  getAccessToken?: () => Promise<AccessTokenValue> | AccessTokenValue;
  /** The rest of the client's options (`discovery`, `sdk`, `timeouts`, …). */
  clientOptions?: Omit<MeetingClientOptions, 'accessToken' | 'getAccessToken'>;
}

/**
 * The given client, or one made once and disposed on unmount. StrictMode's
 * simulated unmount is not a real one: the dispose is deferred a macrotask
 * and cancelled by the remount that follows it.
 */
export function useOwnedClient(source: ClientSource): MeetingClient {
  const latest = useRef(source);
  latest.current = source;
  const [owned] = useState(() =>
    source.client
      ? null
      : createMeetingClient({
          ...source.clientOptions,
          accessToken: source.accessToken,
          getAccessToken: source.getAccessToken && (() => latest.current.getAccessToken!()),
        }),
  );
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(pending.current);
    if (!owned) return;
    return () => {
      pending.current = setTimeout(() => void owned.dispose());
    };
  }, [owned]);
  return source.client ?? owned!;
}
