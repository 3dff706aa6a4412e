/**
 * jsdom has no `MediaStream`. The hooks build one for the meeting's remote
 * audio (every audio track in one stream, for one renderer), so a jsdom test
 * of a multistream meeting needs just enough of one: tracks in, tracks out.
 * A browser's own `MediaStream` is left alone.
 *
 * Returns the function that takes the stand-in away again (for `afterEach`).
 * @public
 */
export function stubMediaStream(): () => void {
  const g = globalThis as { MediaStream?: unknown };
  if (typeof g.MediaStream === 'function') return () => {};
  g.MediaStream = class MediaStreamStandIn {
    readonly #tracks: MediaStreamTrack[];
    constructor(tracks: MediaStreamTrack[] = []) {
      this.#tracks = [...tracks];
    }
    getTracks = () => [...this.#tracks];
    getAudioTracks = () => this.#tracks.filter((t) => t.kind === 'audio');
    getVideoTracks = () => this.#tracks.filter((t) => t.kind === 'video');
  };
  return () => {
    delete g.MediaStream;
  };
}
