/*
 * Which source feeds each pane a receiver asked for, as Homer decides it for
 * one media type: receiver-selected requests name a source by CSI; active-
 * speaker requests take the most recent speakers, highest priority first,
 * without repeating a source unless the request allows duplication.
 * Pure: the relay calls it whenever requests, speakers or liveness change.
 */
import type { ActiveSpeakerInfo, StreamRequest } from './jmp';

export interface Candidate {
  participantId: string;
  /** The source's CSI for this media type (from the offer's `a=jmp-source`). */
  csi: number;
  /** Packets arriving now. */
  live: boolean;
}

/**
 * CSIs of one participant differ by media family in the lowest bit
 * (json-multistream `generateCsi`); the SDK compares them masked so.
 */
export const sameScene = (a: number, b: number) => (a & 0xfffffffe) === (b & 0xfffffffe);

/**
 * @param candidates the other participants' sources, in join order
 * @param speakers participant ids, most recent speaker first
 * @returns receiver SSRC → the candidate feeding it (null: no source)
 */
export function selectSources(
  requests: readonly StreamRequest[],
  candidates: readonly Candidate[],
  speakers: readonly string[],
): Map<number, Candidate | null> {
  const out = new Map<number, Candidate | null>();
  const byPolicy = { rs: new Set<Candidate>(), as: new Set<Candidate>() };
  for (const req of requests) {
    if (req.policy !== 'receiver-selected') continue;
    const csi = (req.policySpecificInfo as { csi?: number }).csi;
    const chosen =
      typeof csi === 'number' ? (candidates.find((c) => sameScene(c.csi, csi)) ?? null) : null;
    for (const [i, id] of req.ids.entries()) {
      out.set(id.ssrc, i === 0 ? chosen : null);
      if (i === 0 && chosen) byPolicy.rs.add(chosen);
    }
  }
  const rank = (c: Candidate) => {
    const i = speakers.indexOf(c.participantId);
    return i < 0 ? speakers.length + candidates.indexOf(c) : i;
  };
  const activeSpeaker = requests
    .filter((r) => r.policy === 'active-speaker')
    .map((r) => ({ r, info: r.policySpecificInfo as ActiveSpeakerInfo }))
    // A higher priority number is served first (the SDK's main pane group asks with 255).
    .sort((a, b) => (b.info.priority ?? 0) - (a.info.priority ?? 0));
  for (const { r, info } of activeSpeaker) {
    const order = [...candidates]
      .sort((a, b) => rank(a) - rank(b))
      .sort((a, b) => (info.preferLiveVideo ? Number(b.live) - Number(a.live) : 0))
      .filter(
        (c) =>
          (info.crossPolicyDuplication || !byPolicy.rs.has(c)) &&
          (info.crossPriorityDuplication || !byPolicy.as.has(c)),
      );
    const taken: Candidate[] = [];
    for (const [i, id] of r.ids.entries()) {
      const c = order[i] ?? null;
      out.set(id.ssrc, c);
      if (c) taken.push(c);
    }
    for (const c of taken) byPolicy.as.add(c);
  }
  return out;
}
