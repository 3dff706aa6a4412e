// Runs in its own browser context (see @g2g/webex-sim/testing/peer): one
// participant of a multistream meeting, on the real SDK (webex@3 in
// multistream, or webex@2.60.4 transcoded) through the hooks' core, with
// Chromium's fake camera and microphone. It renders what the hooks give (its
// own camera, every remote pane, the share, transcoded remote video) into
// <video> elements and counts their frames with requestVideoFrameCallback,
// so the test reads what a user would see. Every export takes and returns JSON.
import type { JoinSession, MeetingClient } from '../core';
import { fakeScreen, inboundBytes, joinSim, type SimJoin } from './page-kit';

export type MultistreamJoin = SimJoin;

let client: MeetingClient | undefined;
let session: JoinSession | undefined;

const active = () => {
  if (!session) throw new Error('The participant has not joined yet: call join() first.');
  return session;
};

/** A <video> playing a stream, and its presented frames. */
interface Screen {
  video: HTMLVideoElement;
  stream: MediaStream | null;
  frames: number;
}
const screens = new Map<string, Screen>();

function show(key: string, stream: MediaStream | null): Screen {
  let screen = screens.get(key);
  if (!screen) {
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.width = 160;
    document.body.append(video);
    const s: Screen = { video, stream: null, frames: 0 };
    const tick = () => {
      s.frames++;
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
    screens.set(key, (screen = s));
  }
  if (screen.stream !== stream) {
    screen.stream = stream;
    screen.video.srcObject = stream;
    if (stream) void screen.video.play().catch(() => {});
  }
  return screen;
}

const view = (s: Screen) => ({ frames: s.frames, width: s.video.videoWidth });

/** Puts every stream the hooks give on screen (called on each store change). */
function render() {
  if (!session) return;
  const ms = session.multistream.getSnapshot();
  for (const pane of ms.panes) show(`pane:${pane.id}`, pane.stream);
  show('share', ms.share?.stream ?? session.remoteMedia.getSnapshot().share);
  show('local', session.localMedia.getSnapshot().camera.stream);
  show('remote', session.remoteMedia.getSnapshot().video);
}

/** Connects, registers and starts joining; returns at once (poll `state()`). */
export function join(input: MultistreamJoin): null {
  ({ client, session } = joinSim(input, {
    connecting: 180_000,
    resolving: 60_000,
    verifying: 60_000,
    joining: 90_000,
  }));
  for (const store of [session.multistream, session.localMedia, session.remoteMedia])
    store.subscribe(render);
  return null;
}

/** Starts the camera (and the microphone, muted or not) and connects media; returns the first error. */
export async function connectMedia(micMuted: boolean): Promise<string | null> {
  const media = active().localMedia;
  for (const step of [
    () => media.start('microphone'),
    () => media.setMuted('microphone', micMuted),
    () => media.start('camera'),
    () => media.connect(),
  ]) {
    const error = await step();
    if (error) return `${error.code}: ${error.message}`;
  }
  return null;
}

export async function setMuted(
  kind: 'microphone' | 'camera',
  muted: boolean,
): Promise<string | null> {
  const error = await active().localMedia.setMuted(kind, muted);
  return error ? `${error.code}: ${error.message}` : null;
}

/** Keeps a member on a pane whoever speaks (the hooks' pin: a receiver-selected request for its csi). */
export async function pin(memberId: string | null): Promise<null> {
  const ms = active().multistream;
  await (memberId ? ms.pin(memberId) : ms.unpin());
  return null;
}

export async function startShare(): Promise<string | null> {
  const error = await active().localMedia.startShare(fakeScreen());
  return error ? `${error.code}: ${error.message}` : null;
}

export async function stopShare(): Promise<string | null> {
  const error = await active().localMedia.stopShare();
  return error ? `${error.code}: ${error.message}` : null;
}

/** What this participant sees, reduced to JSON. */
export async function look() {
  const s = active();
  render();
  const st = s.getSnapshot();
  const ms = s.multistream.getSnapshot();
  const roster = s.roster.getSnapshot();
  const remote = s.remoteMedia.getSnapshot();
  return {
    status: st.status,
    error: st.status === 'failed' ? `${st.error.code} ${st.error.message}` : null,
    connection: s.localMedia.getSnapshot().connection,
    mode: ms.mode,
    layout: ms.layout,
    selfId: roster.self?.id ?? null,
    roster: roster.participants.map((p) => ({ id: p.id, name: p.name, videoMuted: p.videoMuted })),
    panes: ms.panes.map((p) => ({
      id: p.id,
      memberId: p.memberId,
      sourceState: p.sourceState,
      ...view(show(`pane:${p.id}`, p.stream)),
    })),
    activeSpeakerIds: [...ms.activeSpeakerIds],
    share: ms.share
      ? { sharerId: ms.share.sharerId, ...view(show('share', ms.share.stream)) }
      : null,
    local: view(show('local', s.localMedia.getSnapshot().camera.stream)),
    /** Transcoded: the one remote video stream. */
    remote: { hasStream: !!remote.video, ...view(show('remote', remote.video)) },
    /** Transcoded: the share, on its own stream. */
    remoteShare: { hasStream: !!remote.share, ...view(show('remote-share', remote.share)) },
    audioBytes: await inboundBytes(s, 'audio'),
    sdkVersion: String((client?.webex as { version?: string } | undefined)?.version ?? ''),
  };
}

export type Look = Awaited<ReturnType<typeof look>>;

export async function dispose(): Promise<null> {
  await client?.dispose();
  for (const s of screens.values()) s.video.remove();
  screens.clear();
  return null;
}
