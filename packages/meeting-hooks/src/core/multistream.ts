/*
 * Remote panes of a multistream meeting (webex@3's RemoteMediaManager),
 * snapshotted. The SDK's RemoteMedia objects mutate in place and announce
 * changes through `sourceUpdate`; each change rebuilds only the pane it
 * concerns, and every other pane keeps its object, so a React tile that reads
 * its own pane re-renders alone. Payloads are read defensively: the SDK is
 * re-read on each event rather than trusted.
 */
import type { SdkEmitter, SdkMeeting, SdkRemoteMedia, SdkRemoteMediaGroup } from './sdk-types';
import {
  NO_MULTISTREAM,
  type MediaMode,
  type MultistreamActions,
  type MultistreamSnapshot,
  type PaneSourceState,
  type VideoLayout,
  type VideoPane,
} from './state';
import type { WritableStore } from './store';

/** Our layouts as the SDK's default RemoteMediaManager configuration names them. */
export const SDK_LAYOUT: Record<VideoLayout, string> = {
  grid: 'AllEqual',
  stage: 'OnePlusFive',
  share: 'ScreenShareView',
};
const FROM_SDK_LAYOUT: Record<string, VideoLayout> = {
  AllEqual: 'grid',
  AllEqual25: 'grid',
  OnePlusFive: 'stage',
  Single: 'stage',
  Stage: 'stage',
  ScreenShareView: 'share',
};

/** JMP stream states (`@webex/json-multistream`) as panes show them. */
const SOURCE_STATE: Record<string, PaneSourceState> = {
  live: 'live',
  'no source': 'no-source',
  'invalid source': 'no-source',
  away: 'no-source',
  avatar: 'avoided',
  'policy violation': 'avoided',
  'bandwidth disabled': 'bandwidth-limited',
};

/** A v3 `RemoteStream` exposes its `MediaStream` as `outputStream`; the fake hands a `MediaStream`. */
export function mediaStreamOf(stream: unknown): MediaStream | null {
  if (!stream || typeof stream !== 'object') return null;
  const output = (stream as { outputStream?: unknown }).outputStream;
  if (output && typeof output === 'object') return output as MediaStream;
  return typeof (stream as MediaStream).getTracks === 'function' ? (stream as MediaStream) : null;
}

const mediaOf = (group: unknown): SdkRemoteMedia[] => {
  const g = group as SdkRemoteMediaGroup | undefined;
  return typeof g?.getRemoteMedia === 'function' ? g.getRemoteMedia('all') : [];
};
const samePane = (a: VideoPane, b: VideoPane) =>
  a.memberId === b.memberId &&
  a.stream === b.stream &&
  a.sourceState === b.sourceState &&
  a.speaking === b.speaking &&
  a.pinned === b.pinned;
const sameList = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

type Listen = (target: SdkEmitter | undefined, event: string, fn: (p?: unknown) => void) => void;

/** The engine's side of {@link MultistreamActions}, plus what the engine tells it. */
export interface MultistreamDriver extends MultistreamActions {
  /** Starts listening to a meeting's multistream events. */
  attach(meeting: SdkMeeting, listen: Listen): void;
  /** Media connected: the SDK now knows whether the server took multistream. */
  connected(meeting: SdkMeeting): void;
  /** Back to nothing (left, failed, a new meeting). */
  reset(): void;
}

/** Drives a session's multistream store. */
export function createMultistream(
  store: WritableStore<MultistreamSnapshot>,
  meetingOf: () => SdkMeeting | undefined,
): MultistreamDriver {
  const get = store.getSnapshot;
  const patch = (next: Partial<MultistreamSnapshot>) => store.set({ ...get(), ...next });
  let video: SdkRemoteMedia[] = [];
  let audio: SdkRemoteMedia[] = [];
  let shareMedia: SdkRemoteMedia | undefined;
  let watching = new Map<SdkRemoteMedia, () => void>();
  const panes = new Map<string, VideoPane>();
  let chosenLayout: VideoLayout = 'grid'; // what the user chose; a share overrides it while it lasts
  let audioTracks: string[] = [];

  function paneOf(rm: SdkRemoteMedia, s: MultistreamSnapshot): VideoPane {
    const memberId = rm.memberId ?? null;
    const next: VideoPane = {
      id: String(rm.id),
      memberId,
      stream: mediaStreamOf(rm.stream),
      sourceState: SOURCE_STATE[String(rm.sourceState ?? '')] ?? 'no-source',
      speaking: !!memberId && s.activeSpeakerIds.includes(memberId),
      pinned: !!memberId && s.pinnedId === memberId,
    };
    const prev = panes.get(next.id);
    if (prev && samePane(prev, next)) return prev;
    const frozen = Object.freeze(next);
    panes.set(next.id, frozen);
    return frozen;
  }

  function combinedAudio(current: MediaStream | null): MediaStream | null {
    const tracks = audio
      .map((rm) => mediaStreamOf(rm.stream))
      .flatMap((s) => s?.getAudioTracks?.() ?? []);
    const ids = tracks.map((t) => t.id);
    if (current && sameList(ids, audioTracks)) return current;
    audioTracks = ids;
    if (!tracks.length || typeof MediaStream === 'undefined') return null;
    return new MediaStream(tracks);
  }

  /** Rebuilds the snapshot from the SDK objects; unchanged panes keep their identity. */
  function refresh(extra: Partial<MultistreamSnapshot> = {}) {
    const s = { ...get(), ...extra };
    const next = video.map((rm) => paneOf(rm, s));
    const shareStream = shareMedia ? mediaStreamOf(shareMedia.stream) : null;
    const share =
      s.share || shareStream
        ? s.share?.stream === shareStream
          ? s.share
          : Object.freeze({ sharerId: s.share?.sharerId ?? null, stream: shareStream })
        : null;
    store.set({
      ...s,
      panes: sameList(next, s.panes) ? s.panes : Object.freeze(next),
      share,
      audio: combinedAudio(s.audio),
    });
  }

  function watch(list: SdkRemoteMedia[]) {
    const keep = new Map<SdkRemoteMedia, () => void>();
    for (const rm of list) {
      let stop = watching.get(rm);
      if (!stop && typeof rm.on === 'function') {
        const fn = () => refresh();
        rm.on('sourceUpdate', fn);
        stop = () => rm.off?.('sourceUpdate', fn);
      }
      keep.set(rm, stop ?? (() => {}));
    }
    for (const [rm, stop] of watching) if (!keep.has(rm)) stop();
    watching = keep;
  }
  const rewatch = () => watch([...video, ...audio, ...(shareMedia ? [shareMedia] : [])]);

  async function sdkLayout(layout: VideoLayout) {
    const manager = meetingOf()?.remoteMediaManager;
    if (get().mode === 'multistream' && manager?.setLayout)
      await manager.setLayout(SDK_LAYOUT[layout]);
  }

  return {
    attach(meeting, listen) {
      listen(meeting, 'media:remoteVideo:layoutChanged', (payload) => {
        const p = (payload ?? {}) as {
          layoutId?: string;
          activeSpeakerVideoPanes?: Record<string, unknown>;
          memberVideoPanes?: Record<string, SdkRemoteMedia>;
          screenShareVideo?: SdkRemoteMedia;
        };
        video = [
          ...Object.values(p.memberVideoPanes ?? {}),
          ...Object.values(p.activeSpeakerVideoPanes ?? {}).flatMap(mediaOf),
        ].filter((rm) => rm && typeof rm === 'object');
        shareMedia = p.screenShareVideo ?? undefined;
        rewatch();
        refresh({ layout: FROM_SDK_LAYOUT[p.layoutId ?? ''] ?? get().layout });
      });
      listen(meeting, 'media:remoteAudio:created', (group) => {
        audio = mediaOf(group);
        rewatch();
        refresh();
      });
      listen(meeting, 'media:activeSpeakerChanged', (payload) => {
        const ids = (payload as { memberIds?: unknown } | undefined)?.memberIds;
        // Once each, in order: Homer names a speaker by every CSI it sends
        // (audio and video), and the SDK maps each CSI to its member.
        const list = Array.isArray(ids)
          ? [...new Set(ids.filter((x): x is string => typeof x === 'string'))]
          : [];
        if (!sameList(list, get().activeSpeakerIds))
          refresh({ activeSpeakerIds: Object.freeze(list) });
      });
      listen(meeting, 'media:remoteVideoSourceCountChanged', (payload) => {
        const p = (payload ?? {}) as { numTotalSources?: unknown; numLiveSources?: unknown };
        const sources = Object.freeze({
          total: Number(p.numTotalSources) || 0,
          live: Number(p.numLiveSources) || 0,
        });
        const s = get().sources;
        if (s.total !== sources.total || s.live !== sources.live) patch({ sources });
      });
      // A share switches everyone to the share layout, and back when it ends.
      listen(meeting, 'meeting:startedSharingRemote', (payload) => {
        const memberId = (payload as { memberId?: unknown } | undefined)?.memberId;
        const sharerId = typeof memberId === 'string' ? memberId : null;
        refresh({ share: Object.freeze({ sharerId, stream: get().share?.stream ?? null }) });
        if (get().mode === 'multistream') void sdkLayout('share').catch(() => {});
        else patch({ layout: 'share' });
      });
      listen(meeting, 'meeting:stoppedSharingRemote', () => {
        shareMedia = undefined;
        refresh({ share: null });
        if (get().mode === 'multistream') void sdkLayout(chosenLayout).catch(() => {});
        else patch({ layout: chosenLayout });
      });
    },
    connected(meeting) {
      const mode: MediaMode = meeting.isMultistream === true ? 'multistream' : 'transcoded';
      const manager = meeting.remoteMediaManager;
      const sdkId = manager?.getLayoutId?.();
      patch({
        mode,
        ...(sdkId && FROM_SDK_LAYOUT[sdkId] ? { layout: FROM_SDK_LAYOUT[sdkId] } : {}),
      });
    },
    reset() {
      for (const stop of watching.values()) stop();
      watching = new Map();
      video = [];
      audio = [];
      shareMedia = undefined;
      panes.clear();
      audioTracks = [];
      chosenLayout = 'grid';
      store.set(NO_MULTISTREAM);
    },
    async setLayout(layout) {
      if (layout !== 'share') chosenLayout = layout;
      if (get().mode === 'multistream') await sdkLayout(layout);
      else patch({ layout });
    },
    async pin(memberId) {
      const manager = meetingOf()?.remoteMediaManager;
      const rm = video.find((m) => m.memberId === memberId);
      const previous = get().pinnedId;
      if (previous && previous !== memberId) {
        const old = video.find((m) => m.memberId === previous);
        try {
          if (old && manager?.isPinned?.(old)) manager.unpinActiveSpeakerVideoPane?.(old);
        } catch {
          /* already unpinned */
        }
      }
      // The SDK pins an active-speaker pane to the csi it shows now (it throws
      // for a member pane, which shows one member anyway).
      try {
        if (rm && !manager?.isPinned?.(rm)) manager?.pinActiveSpeakerVideoPane?.(rm, rm.csi);
      } catch {
        /* not an active-speaker pane */
      }
      refresh({ pinnedId: memberId });
    },
    async unpin() {
      const manager = meetingOf()?.remoteMediaManager;
      const pinned = get().pinnedId;
      const rm = video.find((m) => m.memberId === pinned);
      try {
        if (rm && manager?.isPinned?.(rm)) manager.unpinActiveSpeakerVideoPane?.(rm);
      } catch {
        /* already unpinned */
      }
      refresh({ pinnedId: null });
    },
  };
}
