/*
 * The little SDP reading the relay needs: which m-line carries what, and
 * keeping the answer's ICE candidates on loopback.
 */

/** What an m-line carries in a transcoded Webex call: main audio, main video, or the share. */
export type MediaSlot = 'audio' | 'video' | 'share';

export interface OfferedSection {
  mid: string;
  kind: 'audio' | 'video' | 'application';
  /** `a=content:slides`: the SDK marks the share m-line so (both versions). */
  slides: boolean;
  /** The offerer's direction for this m-line. */
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
  /** Codec names offered, in the offerer's order (`VP8`, `H264`, `opus`…). */
  codecs: string[];
}

const DIRECTIONS = ['sendrecv', 'sendonly', 'recvonly', 'inactive'] as const;

/**
 * One CRLF per line, no empty lines. webex@2.60.4's SDP munging leaves runs
 * of bare CRs (`a=group:BUNDLE 0 1 2\r\r\n`), which werift would read as a
 * mid of `2\r` and so leave that m-line out of the bundle.
 */
export function normalise(sdp: string): string {
  return `${sdp
    .split(/\r*\n/)
    .map((l) => l.replace(/\r+$/, ''))
    .filter(Boolean)
    .join('\r\n')}\r\n`;
}

/** The m-lines of an SDP, in order. */
export function offeredSections(sdp: string): OfferedSection[] {
  const out: OfferedSection[] = [];
  let cur: OfferedSection | undefined;
  for (const line of sdp.split(/\r?\n/)) {
    const m = /^m=(audio|video|application) /.exec(line);
    if (m) {
      cur = {
        mid: String(out.length),
        kind: m[1] as OfferedSection['kind'],
        slides: false,
        direction: 'sendrecv',
        codecs: [],
      };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    if (line.startsWith('a=mid:')) cur.mid = line.slice(6).trim();
    else if (line.trim() === 'a=content:slides') cur.slides = true;
    else if (DIRECTIONS.includes(line.slice(2).trim() as OfferedSection['direction']))
      cur.direction = line.slice(2).trim() as OfferedSection['direction'];
    else {
      const rtpmap = /^a=rtpmap:\d+ ([^/]+)\//.exec(line);
      if (rtpmap && !cur.codecs.includes(rtpmap[1]!)) cur.codecs.push(rtpmap[1]!);
    }
  }
  return out;
}

/**
 * Slots of a transcoded offer: the first audio m-line is the main audio, the
 * first video m-line without `content:slides` the main video, and the slides
 * m-line (else the second video m-line) the share. Others get no slot.
 */
export function slotsOf(sections: OfferedSection[]): Map<string, MediaSlot> {
  const slots = new Map<string, MediaSlot>();
  const audio = sections.find((s) => s.kind === 'audio');
  const videos = sections.filter((s) => s.kind === 'video');
  const share = videos.find((s) => s.slides) ?? videos[1];
  const main = videos.find((s) => s !== share);
  if (audio) slots.set(audio.mid, 'audio');
  if (main) slots.set(main.mid, 'video');
  if (share) slots.set(share.mid, 'share');
  return slots;
}

/** The `a=ice-ufrag` of an SDP (the first one): a new one means an ICE restart. */
export function iceUfrag(sdp: string): string | undefined {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1];
}

/**
 * The answer as the browser gets it:
 * - only host candidates on 127.0.0.1 (werift also gathers the machine's
 *   other addresses): the browser must reach the relay over loopback and
 *   nothing else;
 * - no `a=extmap-allow-mixed`: webex@2.60.4 strips extmap lines from the
 *   answer with `/\na=extmap.*\/g`, which leaves the CR of the line before,
 *   turning `a=group:BUNDLE 0 1 2` into a group naming mid `2\r` that
 *   Chromium then refuses ("Failed to parse group tag").
 */
export function answerForBrowser(sdp: string): string {
  return sdp
    .split('\r\n')
    .filter(
      (line) =>
        line !== 'a=extmap-allow-mixed' &&
        (!line.startsWith('a=candidate:') || / 127\.0\.0\.1 \d+ typ host/.test(line)),
    )
    .join('\r\n');
}

/** Points every candidate at a port nothing listens on: an answer whose ICE can never complete. */
export function unreachable(sdp: string): string {
  return sdp.replace(/( 127\.0\.0\.1 )\d+( typ host)/g, '$19$2');
}

/**
 * A webex@3 multistream offer: its m-lines carry `a=jmp:v1` (internal-media-core
 * `injectJmpAttributes`), which a transcoded offer never does.
 */
export function isMultistreamOffer(sdp: string): boolean {
  return /^a=jmp:/m.test(sdp);
}

/**
 * A werift answer as Homer (Webex's multistream media server) words it, as
 * far as webex@3 reads it:
 * - the origin's user name is `homer`: plugin-meetings reads it
 *   (`MeetingsUtil.getMediaServer`, the `o=` line's first token) and, for a
 *   multistream join, anything else throws `MultistreamNotSupportedError`,
 *   which makes the SDK tear the connection down and rejoin transcoded;
 * - no `a=ssrc`, `a=ssrc-group` or `a=msid`: the offer carries only the
 *   client's send m-lines, and internal-media-core synthesises the answer of
 *   each receive-only m-line from the first answered m-line of its type
 *   (`matchMediaDescriptionsInAnswer`), adding the receiver's own SSRC only
 *   when the copy has none (`IngressSdpMunger.mungeRemoteDescription`). The
 *   relay then sends each pane's RTP on the SSRC the client named for it in
 *   its JMP media request;
 * - `a=jmp:v1` on every audio and video m-line, as the offer had.
 */
export function homerAnswer(sdp: string): string {
  const out: string[] = [];
  let inAv = false;
  for (const line of sdp.split('\r\n')) {
    if (line.startsWith('o=')) {
      out.push(line.replace(/^o=\S+/, 'o=homer'));
      continue;
    }
    if (line.startsWith('m=')) inAv = /^m=(audio|video) /.test(line);
    if (/^a=(ssrc|ssrc-group|msid):/.test(line)) continue;
    out.push(line);
    if (inAv && line.startsWith('a=mid:')) out.push('a=jmp:v1');
  }
  return out.join('\r\n');
}

/** One send m-line of a multistream offer, as JMP names it. */
export interface JmpSourceSection {
  mid: string;
  kind: 'audio' | 'video';
  slides: boolean;
  /** `a=jmp-source:<mid> csi=<csi>`. */
  csi: number;
  /**
   * The SSRC the relay takes from this m-line: the last of the simulcast
   * group (the full-size layer) when there is one, else the first primary.
   * The relay asks for that one layer only: no simulcast adaptation.
   */
  ssrc: number;
  /** Its RTX SSRC (`a=ssrc-group:FID`): the SDK matches a request's id with both. */
  rtxSsrc?: number;
}

/** The send m-lines of a webex@3 multistream offer, with their CSI and chosen SSRC. */
export function jmpSources(sdp: string): JmpSourceSection[] {
  const out: JmpSourceSection[] = [];
  for (const block of sdp.split(/\r\n(?=m=)/).slice(1)) {
    const kind = /^m=(audio|video) /.exec(block)?.[1] as 'audio' | 'video' | undefined;
    const mid = /^a=mid:(\S+)/m.exec(block)?.[1];
    const csi = Number(/^a=jmp-source:\S+ csi=(\d+)/m.exec(block)?.[1]);
    if (!kind || mid === undefined || !Number.isFinite(csi) || csi <= 0) continue;
    const sim = /^a=ssrc-group:SIM ([\d ]+)/m.exec(block)?.[1]?.trim().split(' ').map(Number);
    const fid = /^a=ssrc-group:FID (\d+)/m.exec(block)?.[1];
    const first = /^a=ssrc:(\d+) /m.exec(block)?.[1];
    const ssrc = sim?.length ? sim[sim.length - 1] : Number(fid ?? first);
    if (!ssrc) continue;
    const rtx = new RegExp(`^a=ssrc-group:FID ${ssrc} (\\d+)`, 'm').exec(block)?.[1];
    out.push({
      mid,
      kind,
      slides: /^a=content:slides/m.test(block),
      csi,
      ssrc,
      ...(rtx ? { rtxSsrc: Number(rtx) } : {}),
    });
  }
  return out;
}

/**
 * The offer as werift is given it: on each send m-line only the chosen SSRC's
 * lines (werift receives the first `a=ssrc` of an m-line and drops packets
 * of any other), no SSRC groups (no RTX: the answer offers none).
 */
export function keepSsrcs(sdp: string, sources: readonly JmpSourceSection[]): string {
  const keep = new Set(sources.map((s) => s.ssrc));
  return sdp
    .split('\r\n')
    .filter((line) => {
      if (line.startsWith('a=ssrc-group:')) return false;
      const m = /^a=ssrc:(\d+) /.exec(line);
      return !m || keep.has(Number(m[1]));
    })
    .join('\r\n');
}
