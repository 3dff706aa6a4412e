import { MediaError } from './errors';
import { toMediaError } from './errors-map';
import {
  createLocalTrack,
  listDevices,
  publishTracks,
  setTrackMuted,
  startScreenShare,
  stopLocalTrack,
  stopScreenShare,
  type LocalShare,
  type LocalTrack,
} from './sdk-adapter';
import type { SdkMeeting, SdkWebex } from './sdk-types';
import {
  DEVICE_OFF,
  NO_LOCAL_MEDIA,
  type LocalDeviceState,
  type LocalMediaActions,
  type LocalMediaState,
  type TrackKind,
} from './state';
import type { WritableStore } from './store';

/** What local media needs from its session. */
export interface MediaHost {
  ensureWebex(): Promise<SdkWebex>;
  meeting(): SdkMeeting | undefined;
  joined(): boolean;
  /** Media connected (the first time). */
  connected?(): void;
}

/** Drives a session's local media store; `release` stops every device (on leave). */
export function createLocalMedia(
  store: WritableStore<LocalMediaState>,
  host: MediaHost,
): LocalMediaActions & { release(): void } {
  const tracks: Partial<Record<TrackKind, LocalTrack>> = {};
  let share: LocalShare | undefined;
  const get = store.getSnapshot;
  const patch = (next: Partial<LocalMediaState>) => store.set({ ...get(), ...next });
  const device = (kind: TrackKind, next: Partial<LocalDeviceState>) =>
    patch({ [kind]: { ...get()[kind], ...next } });
  const connected = () => get().connection === 'connected';

  async function guard(
    kind: TrackKind | 'share' | null,
    work: (webex: SdkWebex) => Promise<void>,
  ): Promise<MediaError | null> {
    try {
      await work(await host.ensureWebex());
      return null;
    } catch (e) {
      const error = toMediaError(e);
      if (kind === 'share')
        patch({ share: { ...get().share, status: share ? 'on' : 'failed', error } });
      else if (kind) device(kind, { status: tracks[kind] ? 'on' : 'failed', error });
      else patch({ connection: 'failed', connectionError: error });
      return error;
    }
  }

  const start = (kind: TrackKind, deviceId?: string) =>
    guard(kind, async (w) => {
      const muted = get()[kind].muted;
      device(kind, { status: 'starting', error: null });
      const track = await createLocalTrack(w, kind, deviceId);
      const old = tracks[kind];
      tracks[kind] = track;
      if (muted) await setTrackMuted(w, undefined, track, true, false);
      const meeting = host.meeting();
      if (connected() && meeting) await publishTracks(w, meeting, tracks, true, old ? [old] : []);
      if (old) stopLocalTrack(old);
      device(kind, { status: 'on', deviceId: track.deviceId, stream: track.stream, error: null });
    });

  return {
    start,
    switchDevice: start,
    release() {
      if (share) for (const t of share.stream.getTracks?.() ?? []) t.stop();
      share = undefined;
      for (const kind of ['microphone', 'camera'] as const) {
        const track = tracks[kind];
        if (track) stopLocalTrack(track);
        delete tracks[kind];
      }
      store.set({ ...NO_LOCAL_MEDIA, devices: get().devices });
    },
    stop: (kind) =>
      guard(kind, async (w) => {
        const track = tracks[kind];
        delete tracks[kind];
        const meeting = host.meeting();
        if (track && connected() && meeting) await publishTracks(w, meeting, tracks, true, [track]);
        if (track) stopLocalTrack(track);
        device(kind, { ...DEVICE_OFF, muted: get()[kind].muted });
      }),
    setMuted: (kind, muted) =>
      guard(kind, async (w) => {
        const track = tracks[kind];
        if (track) await setTrackMuted(w, host.meeting(), track, muted, connected());
        device(kind, { muted });
      }),
    async listDevices() {
      const devices = await host
        .ensureWebex()
        .then(listDevices)
        .catch(() => get().devices);
      patch({ devices });
      return devices;
    },
    startShare: (source) =>
      guard('share', async (w) => {
        const meeting = host.meeting();
        if (!meeting || !connected())
          throw new MediaError('not-joined', 'Connect media before sharing a screen.');
        if (share) return;
        patch({ share: { ...get().share, status: 'starting', error: null } });
        share = await startScreenShare(w, meeting, source);
        patch({ share: { ...DEVICE_OFF, status: 'on', stream: share.stream } });
      }),
    stopShare: () =>
      guard('share', async (w) => {
        const current = share;
        share = undefined;
        if (current) await stopScreenShare(w, host.meeting(), current);
        patch({ share: DEVICE_OFF });
      }),
    connect: () =>
      guard(null, async (w) => {
        const meeting = host.meeting();
        if (!meeting || !host.joined()) {
          throw new MediaError('not-joined', 'Media can be connected once the meeting is joined.');
        }
        if (connected()) return;
        patch({ connection: 'connecting', connectionError: null });
        // The tracks the connection opens with. A device started or stopped while
        // it opens (seconds, with a multistream attempt and its fallback) is not
        // published by `start`/`stop`, which only publish on a connected meeting:
        // it is reconciled below, or that camera would never be sent.
        const opened = { ...tracks };
        await publishTracks(w, meeting, opened, false);
        host.connected?.();
        patch({ connection: 'connected' });
        const removed = Object.values(opened).filter(
          (t): t is LocalTrack => !!t && !Object.values(tracks).includes(t),
        );
        if (removed.length || tracks.microphone !== opened.microphone || tracks.camera !== opened.camera)
          await publishTracks(w, meeting, tracks, true, removed);
      }),
  };
}
