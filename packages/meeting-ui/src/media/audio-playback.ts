import { useMemo, useSyncExternalStore } from 'react';
import type { JoinSession } from '@g2g/meeting-hooks';

// Autoplay of remote audio can be refused until the person interacts with
// the page. What each session's audio elements met is kept here, so a
// start-audio control anywhere in the tree can show itself and retry them.
interface Playback {
  blocked: boolean;
  elements: Set<HTMLMediaElement>;
  listeners: Set<() => void>;
  /** The speaker chosen in the meeting's settings (`setSinkId`), or '' for the default. */
  sinkId: string;
}
const playbacks = new WeakMap<JoinSession, Playback>();

export function playbackOf(session: JoinSession): Playback {
  let p = playbacks.get(session);
  if (!p)
    playbacks.set(
      session,
      (p = { blocked: false, elements: new Set(), listeners: new Set(), sinkId: '' }),
    );
  return p;
}

function setBlocked(p: Playback, blocked: boolean) {
  if (p.blocked === blocked) return;
  p.blocked = blocked;
  for (const l of [...p.listeners]) l();
}

/** Plays an element, recording whether the browser refused autoplay. */
export function tryPlay(session: JoinSession, el: HTMLMediaElement): Promise<void> {
  const p = playbackOf(session);
  const played = el.play?.();
  if (!played) return Promise.resolve();
  return played.then(
    () => setBlocked(p, false),
    (error: unknown) => {
      if ((error as { name?: string })?.name === 'NotAllowedError') setBlocked(p, true);
    },
  );
}

/** Whether this session's audio is blocked, and a way to start it (from a click). */
export function usePlayback(session: JoinSession) {
  const p = playbackOf(session);
  const blocked = useSyncExternalStore(
    (l) => {
      p.listeners.add(l);
      return () => p.listeners.delete(l);
    },
    () => p.blocked,
    () => false,
  );
  const start = useMemo(
    () => () => Promise.all([...p.elements].map((el) => tryPlay(session, el))).then(() => {}),
    [p, session],
  );
  return { blocked, start };
}

type SinkElement = HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };

/** Whether this browser can choose the speaker of an audio element. */
export const canChooseSpeaker = () =>
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/** Plays an element on the chosen speaker (no-op where `setSinkId` is missing). */
export function applySink(p: Playback, el: HTMLMediaElement): Promise<void> {
  const sink = (el as SinkElement).setSinkId;
  if (!sink || (el as SinkElement & { sinkId?: string }).sinkId === p.sinkId)
    return Promise.resolve();
  return sink.call(el, p.sinkId).catch(() => {});
}

/** Sends the session's remote audio to another speaker, now and for elements mounted later. */
export function setSpeaker(session: JoinSession, deviceId: string): Promise<void> {
  const p = playbackOf(session);
  p.sinkId = deviceId;
  return Promise.all([...p.elements].map((el) => applySink(p, el))).then(() => {});
}
