/*
 * The fake's multistream side: a RemoteMediaManager shaped like webex@3's
 * (plugin-meetings 3.12, multistream/remoteMediaManager.js). It fills its
 * active-speaker panes with the other participants in roster order, as a
 * media server would, shows a video-muted participant as `avatar`, and emits
 * the meeting events the SDK emits: `media:remoteAudio:created`,
 * `media:remoteVideo:layoutChanged`, `media:activeSpeakerChanged`.
 */
import type { SdkMember } from '../core/sdk-types';
import { FakeEmitter } from './emitter';

/** Panes per layout of the SDK's default configuration. */
const PANES: Record<string, number> = {
  AllEqual: 9,
  AllEqual25: 25,
  Single: 1,
  OnePlusFive: 6,
  Stage: 6,
  ScreenShareView: 8,
};

let serial = 0;

/** One receive slot, as the SDK's `RemoteMedia` shows it. */
export class FakeRemoteMedia extends FakeEmitter {
  readonly id = `RM${++serial}-fake`;
  memberId: string | undefined;
  csi: number | undefined;
  sourceState = 'no source';
  stream: MediaStream | undefined;
}

/** The fake `meeting.remoteMediaManager`. */
export class FakeRemoteMediaManager {
  private layoutId = 'AllEqual';
  private readonly video: FakeRemoteMedia[] = [];
  private readonly audio = [new FakeRemoteMedia(), new FakeRemoteMedia(), new FakeRemoteMedia()];
  private readonly shareMedia = new FakeRemoteMedia();
  private readonly pinned = new Set<FakeRemoteMedia>();
  /** Source states a test forced, by member id. */
  readonly overrides = new Map<string, string>();
  sharerId: string | null = null;

  constructor(
    private readonly events: FakeEmitter,
    private readonly others: () => SdkMember[],
    private readonly streamOf: (kind: 'audio' | 'video', id: string) => MediaStream,
  ) {
    this.audio.forEach((a, i) => {
      a.stream = streamOf('audio', `remote-audio-${i}`);
      a.sourceState = 'live';
    });
  }

  start(): void {
    this.events.emit('media:remoteAudio:created', { getRemoteMedia: () => [...this.audio] });
    this.layoutChanged();
  }

  getLayoutId(): string {
    return this.layoutId;
  }

  async setLayout(layoutId: string): Promise<void> {
    if (!(layoutId in PANES)) throw new Error(`invalid layoutId: ${layoutId}`);
    this.layoutId = layoutId;
    this.layoutChanged();
  }

  pinActiveSpeakerVideoPane(rm: FakeRemoteMedia): void {
    if (this.pinned.has(rm)) throw new Error('already pinned');
    this.pinned.add(rm);
  }

  unpinActiveSpeakerVideoPane(rm: FakeRemoteMedia): void {
    if (!this.pinned.delete(rm)) throw new Error('not pinned');
  }

  isPinned(rm: FakeRemoteMedia): boolean {
    return this.pinned.has(rm);
  }

  /** Re-fills the panes from the roster; each pane that changed emits `sourceUpdate`. */
  sync(): void {
    const people = this.others();
    const pinnedIds = new Set([...this.pinned].map((p) => p.memberId));
    const free = people.filter((p) => !pinnedIds.has(p.id));
    for (const rm of this.video) {
      const member = this.pinned.has(rm) ? people.find((p) => p.id === rm.memberId) : free.shift();
      const state = member
        ? (this.overrides.get(member.id) ?? (member.isVideoMuted ? 'avatar' : 'live'))
        : 'no source';
      const stream = member ? this.streamOf('video', `remote-video-${member.id}`) : undefined;
      if (rm.memberId === member?.id && rm.sourceState === state && rm.stream === stream) continue;
      rm.memberId = member?.id;
      rm.csi = member ? csiOf(member.id) : undefined;
      rm.sourceState = state;
      rm.stream = stream;
      rm.emit('sourceUpdate', { state, csi: rm.csi, memberId: rm.memberId });
    }
    const share = this.sharerId
      ? this.streamOf('video', `remote-share-${this.sharerId}`)
      : undefined;
    if (share !== this.shareMedia.stream) {
      this.shareMedia.stream = share;
      this.shareMedia.sourceState = share ? 'live' : 'no source';
      this.shareMedia.emit('sourceUpdate', { state: this.shareMedia.sourceState });
    }
  }

  private layoutChanged(): void {
    const count = PANES[this.layoutId]!;
    while (this.video.length > count) {
      const rm = this.video.pop()!;
      this.pinned.delete(rm);
    }
    while (this.video.length < count) this.video.push(new FakeRemoteMedia());
    this.sync();
    const panes = [...this.video];
    this.events.emit('media:remoteVideo:layoutChanged', {
      layoutId: this.layoutId,
      activeSpeakerVideoPanes: { main: { getRemoteMedia: () => panes } },
      memberVideoPanes: {},
      screenShareVideo: this.layoutId === 'ScreenShareView' ? this.shareMedia : undefined,
    });
  }
}

/** A stable fake CSI per member (Webex CSIs are 32-bit, even for video). */
function csiOf(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return (h & 0xfffffffe) >>> 0;
}
