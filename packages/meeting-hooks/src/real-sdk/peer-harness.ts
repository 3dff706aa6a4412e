// Runs in a second browser context (see @g2g/webex-sim/testing/peer): one
// more person's browser, with its own SDK instance, driven through the
// framework-free core of the hooks. Every export takes and returns JSON.
import type { JoinSession, MeetingClient } from '../core';
import { joinSim, stateJson, type SimJoin } from './page-kit';

export type PeerJoin = SimJoin;

let client: MeetingClient | undefined;
let session: JoinSession | undefined;

const active = () => {
  if (!session) throw new Error('The peer has not joined yet: call join() first.');
  return session;
};

/** Connects, registers and starts joining; returns at once (poll `state()`). */
export function join(input: PeerJoin): null {
  ({ client, session } = joinSim(input, {
    connecting: 120_000,
    resolving: 60_000,
    verifying: 60_000,
    joining: 60_000,
  }));
  return null;
}

/** The join state, reduced to what crosses the page boundary. */
export function state() {
  return stateJson(active());
}

export function roster() {
  return active()
    .roster.getSnapshot()
    .participants.map((p) => ({ ...p }));
}

export function registered(): boolean {
  return !!(client?.webex as { meetings?: { registered?: boolean } } | undefined)?.meetings
    ?.registered;
}

export function sdkVersion(): string {
  return String((client?.webex as { version?: string } | undefined)?.version ?? '');
}

export async function admit(ids: string[]): Promise<null> {
  await active().admit(ids);
  return null;
}

/**
 * Mutes another participant as a host does (only they may unmute). The hooks have no
 * host-mute action yet, so this calls the SDK's own `meeting.mute(memberId,
 * mute)` (both versions: `PATCH {locusUrl}/participant/{id}/controls`).
 */
export async function muteParticipant(id: string, muted: boolean): Promise<null> {
  const meeting = active().meeting as
    { mute(memberId: string, mute: boolean): Promise<unknown> } | undefined;
  if (!meeting) throw new Error('The peer has no meeting to mute anyone in.');
  await meeting.mute(id, muted);
  return null;
}

export async function endForAll(): Promise<null> {
  await active().endForAll();
  return null;
}

export async function leave(): Promise<null> {
  await active().leave();
  return null;
}

export async function dispose(): Promise<null> {
  await client?.dispose();
  return null;
}
