/*
 * The media relay's cost, measured on the simulator's own process.
 *
 * The simulator runs alone in a child process (relay-sim-process.ts); its CPU
 * time and RSS are read from /proc, so neither the browser nor this script's
 * bookkeeping is counted. The senders are real Chromium pages (Playwright)
 * with the fake camera (640×480) and microphone: each page is one
 * participant, joined over the SDK face's HTTP protocol (`joinOverHttp`) and
 * negotiating its media with the relay by ROAP, as webex@3 does (answer in
 * the HTTP response). No SDK is loaded: the relay, not the SDK, is measured.
 *
 * Parts:
 * - CPU % (of one core) and RSS of the simulator process while 2, 4 and 8
 *   participants send audio and video for BENCH_RELAY_SECONDS (default 30);
 *   then the same for 4 and 8 multistream participants (BENCH_RELAY_MS_GROUPS):
 *   pages whose offers and JMP requests are shaped as webex@3's (H264, a=jmp
 *   lines, receive slots demultiplexed by SSRC, one pane per other participant);
 * - join-to-first-frame: from creating the offer to the first decoded remote
 *   frame, through the relay and, as the baseline, between two pages directly
 *   (the difference is what the relay adds);
 * - a soak of joins and leaves for BENCH_SOAK_SECONDS (default 600): the
 *   simulator's RSS and collected heap as it goes. BENCH_SOAK_SECONDS=60 for
 *   a short run; 0 skips it.
 *
 * Linux only (/proc). `pnpm bench:relay` runs this part alone.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';
import { createSimClient, type SimClient } from '../src/client';
import { joinOverHttp, type HeadlessParticipant } from '../src/testing/participant';
import { fmt, median, type BenchPart } from './measure';

const SECONDS = Number(process.env.BENCH_RELAY_SECONDS ?? 30);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const TRIALS = Number(process.env.BENCH_LATENCY_TRIALS ?? 5);
const groups = (list: string) =>
  list
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
const GROUPS = groups(process.env.BENCH_RELAY_GROUPS ?? '2,4,8');
/** Multistream meetings (the simulator's `multistream` option on for them). */
const MS_GROUPS = groups(process.env.BENCH_RELAY_MS_GROUPS ?? '4,8');
/** Settling time after everyone connected, before the window is measured. */
const SETTLE_MS = 5_000;
/** Bounds on waiting, never speed targets. */
const FIRST_FRAME_TIMEOUT_MS = 60_000;

// The repo's headless flags (one list, scripts/chromium.mjs), plus: every page
// keeps rendering and decoding as a foreground tab would.
const RELAY_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the page

/**
 * Runs in each Chromium page: one participant's camera, microphone and peer
 * connection, and a remote <video> whose decoded frames are counted.
 */
const PAGE_SCRIPT = String.raw`
window.bench = (() => {
  let pc, local, t0 = 0, firstFrame = null, frames = 0, video, ms = {};
  const gathered = () => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
  });
  const watch = () => {
    video = document.createElement('video');
    video.muted = true; video.autoplay = true; video.playsInline = true;
    document.body.append(video);
    const tick = () => {
      frames++;
      if (firstFrame === null) firstFrame = performance.now() - t0;
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
    pc.ontrack = (e) => {
      if (e.track.kind !== 'video') return;
      video.srcObject = new MediaStream([e.track]);
    };
  };
  const capture = async () => {
    local ??= await navigator.mediaDevices.getUserMedia({
      audio: true,
      video: { width: 640, height: 480 },
    });
  };
  return {
    capture,
    /** Starts a connection and returns its complete offer (no trickle: ROAP carries one SDP). */
    async offer() {
      await capture();
      t0 = performance.now();
      pc = new RTCPeerConnection();
      for (const track of local.getTracks()) pc.addTransceiver(track, { direction: 'sendrecv', streams: [local] });
      watch();
      await pc.setLocalDescription(await pc.createOffer());
      await gathered();
      return pc.localDescription.sdp;
    },
    async accept(sdp) { await pc.setRemoteDescription({ type: 'answer', sdp }); },
    /** The other side of a direct connection (the baseline): answers an offer. */
    async answer(sdp) {
      await capture();
      pc = new RTCPeerConnection();
      for (const track of local.getTracks()) pc.addTrack(track, local);
      watch();
      await pc.setRemoteDescription({ type: 'offer', sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered();
      return pc.localDescription.sdp;
    },
    status() {
      return { frames, firstFrame, width: video?.videoWidth ?? 0, height: video?.videoHeight ?? 0 };
    },
    async inbound() {
      let audioBytes = 0, decoded = 0, keyFrames = 0;
      (await pc.getStats()).forEach((r) => {
        if (r.type !== 'inbound-rtp') return;
        if (r.kind === 'audio') audioBytes += r.bytesReceived ?? 0;
        if (r.kind === 'video') { decoded += r.framesDecoded ?? 0; keyFrames += r.keyFramesDecoded ?? 0; }
      });
      return { audioBytes, decoded, keyFrames };
    },
    async sent() {
      let width = 0, height = 0, fps = 0;
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'outbound-rtp' && r.kind === 'video') {
          width = r.frameWidth ?? 0; height = r.frameHeight ?? 0; fps = r.framesPerSecond ?? 0;
        }
      });
      return { width, height, fps };
    },
    /**
     * A multistream offer as webex@3 words it (README "Multistream"): send
     * m-lines for the camera (H264 only) and microphone with a=jmp lines and
     * their CSIs, the data channel, and receive slots (recvonly) kept out of
     * the offer. Returns the SDP the server sees.
     */
    async msOffer(videoSlots, audioSlots) {
      await capture();
      t0 = performance.now();
      pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
      const h264 = RTCRtpReceiver.getCapabilities('video').codecs.filter((c) => /h264|rtx/i.test(c.mimeType));
      const send = local.getTracks().map((track) => {
        const t = pc.addTransceiver(track, { direction: 'sendrecv', streams: [local] });
        if (track.kind === 'video') t.setCodecPreferences(h264);
        return t;
      });
      ms.slots = [];
      for (const [kind, n] of [['video', videoSlots], ['audio', audioSlots]])
        for (let i = 0; i < n; i++) {
          const t = pc.addTransceiver(kind, { direction: 'recvonly' });
          if (kind === 'video') t.setCodecPreferences(h264);
          ms.slots.push({ t, kind, ssrc: 0x10000 + Math.floor(Math.random() * 0x7fff0000) });
        }
      ms.frames = new Map();
      pc.ontrack = (e) => {
        if (e.track.kind !== 'video') return;
        const v = document.createElement('video');
        v.muted = true; v.autoplay = true; v.playsInline = true;
        document.body.append(v);
        v.srcObject = new MediaStream([e.track]);
        ms.frames.set(v, 0);
        const tick = () => {
          ms.frames.set(v, ms.frames.get(v) + 1);
          if (firstFrame === null) firstFrame = performance.now() - t0;
          v.requestVideoFrameCallback(tick);
        };
        v.requestVideoFrameCallback(tick);
      };
      ms.dc = pc.createDataChannel('datachannel', { ordered: false, maxRetransmits: 0 });
      await pc.setLocalDescription(await pc.createOffer());
      await gathered();
      ms.local = pc.localDescription.sdp;
      const [head, ...sections] = ms.local.split(/\r\n(?=m=)/);
      const sendMids = new Set(send.map((t) => t.mid));
      let csi = 1000 + Math.floor(Math.random() * 1e6) * 4;
      const kept = sections.filter((b) => {
        const mid = /^a=mid:(\S+)/m.exec(b)[1];
        return b.startsWith('m=application') || sendMids.has(mid);
      }).map((b) => {
        if (b.startsWith('m=application')) return b;
        const mid = /^a=mid:(\S+)/m.exec(b)[1];
        // No mid/rid header extensions: streams are told apart by SSRC.
        const lines = b.replace(/\r\n$/, '').split('\r\n').filter((l) => !/^a=extmap:\d+ urn:ietf:params:rtp-hdrext:sdes:/.test(l));
        return [...lines, 'a=jmp:v1', 'a=jmp-source:' + mid + ' csi=' + (csi++), 'a=jmp-stream-id-mode:SSRC', ''].join('\r\n');
      });
      const mids = kept.map((b) => /^a=mid:(\S+)/m.exec(b)[1]);
      return [head.replace(/^a=group:BUNDLE .*$/m, 'a=group:BUNDLE ' + mids.join(' ')), ...kept]
        .map((b) => b.replace(/(\r\n)+$/, '')).join('\r\n') + '\r\n';
    },
    /** Takes Homer's answer, synthesising one for each receive slot (SSRC-demultiplexed), then asks for panes over JMP. */
    async msAccept(sdp) {
      const [head, ...sections] = sdp.split(/\r\n(?=m=)/);
      const byMid = new Map(sections.map((b) => [/^a=mid:(\S+)/m.exec(b)[1], b]));
      const template = (kind) => sections.find((b) => b.startsWith('m=' + kind));
      const out = [];
      for (const b of ms.local.split(/\r\n(?=m=)/).slice(1)) {
        const mid = /^a=mid:(\S+)/m.exec(b)[1];
        const slot = ms.slots.find((s) => s.t.mid === mid);
        if (!slot) { out.push(byMid.get(mid)); continue; }
        const base = template(slot.kind).replace(/\r\n$/, '').split('\r\n')
          .filter((l) => !/^a=(ssrc|msid|jmp)/.test(l))
          .map((l) => l.startsWith('a=mid:') ? 'a=mid:' + mid : l === 'a=recvonly' ? 'a=sendonly' : l);
        out.push([...base, 'a=ssrc:' + slot.ssrc + ' cname:homer', 'a=ssrc:' + slot.ssrc + ' msid:homer' + slot.ssrc + ' t' + slot.ssrc, ''].join('\r\n'));
      }
      const mids = out.map((b) => /^a=mid:(\S+)/m.exec(b)[1]);
      const answer = [head.replace(/^a=group:BUNDLE .*$/m, 'a=group:BUNDLE ' + mids.join(' ')), ...out]
        .map((b) => b.replace(/(\r\n)+$/, '')).join('\r\n') + '\r\n';
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
      const request = (kind) => ({
        seqNum: 1,
        requests: [{
          policy: 'active-speaker',
          policySpecificInfo: { priority: 255, crossPriorityDuplication: false, crossPolicyDuplication: false, preferLiveVideo: true },
          ids: ms.slots.filter((s) => s.kind === kind).map((s) => ({ ssrc: s.ssrc })),
          maxPayloadBitsPerSecond: 10000000,
          codecInfos: [],
        }],
      });
      const frame = (family, msgType, payload) => JSON.stringify({
        msgType: 'multistream',
        payload: { mediaFamily: family, mediaContent: 'MAIN', payload: { msgType, payload } },
      });
      // The channel is unordered without retransmits: repeat until the server acks.
      const acked = new Set();
      ms.dc.onmessage = (e) => {
        const m = JSON.parse(e.data).payload;
        if (m.payload.msgType === 'mediaRequestAck') acked.add(m.mediaFamily);
        const seqNum = m.payload.payload.seqNum;
        const ack = { mediaRequest: ['mediaRequestAck', 'mediaRequestSeqNum'], sourceAdvertisement: ['sourceAdvertisementAck', 'sourceAdvertisementSeqNum'], mediaRequestStatus: ['mediaRequestStatusAck', 'mediaRequestStatusSeqNum'] }[m.payload.msgType];
        if (ack) ms.dc.send(frame(m.mediaFamily, ack[0], { [ack[1]]: seqNum }));
      };
      ms.timer = setInterval(() => {
        if (ms.dc.readyState !== 'open') return;
        for (const family of ['VIDEO', 'AUDIO'])
          if (!acked.has(family)) ms.dc.send(frame(family, 'mediaRequest', request(family.toLowerCase())));
        if (acked.size === 2) clearInterval(ms.timer);
      }, 500);
    },
    msStatus() {
      const counts = [...(ms.frames?.values() ?? [])];
      const widths = [...(ms.frames?.keys() ?? [])].map((v) => v.videoWidth);
      return {
        frames: counts.length ? Math.min(...counts) : 0,
        firstFrame,
        width: widths.length ? Math.min(...widths) : 0,
        height: 0,
        panes: counts.filter((n) => n > 0).length,
      };
    },
    close() {
      clearInterval(ms.timer);
      for (const v of ms.frames?.keys() ?? []) v.remove();
      ms = {};
      pc?.close();
      video?.remove();
      pc = undefined;
      firstFrame = null;
      frames = 0;
    },
  };
})();
`;

/** What PAGE_SCRIPT puts on `window.bench` (casts only: page.evaluate ships plain functions). */
interface BenchWindow {
  bench: {
    capture(): Promise<void>;
    offer(): Promise<string>;
    accept(sdp: string): Promise<void>;
    answer(sdp: string): Promise<string>;
    status(): PageStatus;
    inbound(): Promise<{ audioBytes: number; decoded: number; keyFrames: number }>;
    sent(): Promise<{ width: number; height: number; fps: number }>;
    msOffer(videoSlots: number, audioSlots: number): Promise<string>;
    msAccept(sdp: string): Promise<void>;
    msStatus(): PageStatus;
    close(): void;
  };
}

interface PageStatus {
  /** Multistream: the fewest frames of any pane. */
  frames: number;
  /** Multistream: panes with frames. */
  panes?: number;
  firstFrame: number | null;
  width: number;
  height: number;
}

/** Serves the blank page the participants run in (a secure context on 127.0.0.1). */
async function pageServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>relay bench</title><body></body>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

// ------------------------------------------------------- the sim's process

interface SimProcess {
  url: string;
  pid: number;
  /** CPU seconds (user + system) used so far. */
  cpuSeconds(): number;
  rss(): number;
  /** RSS and V8 heap right after a full collection in the simulator. */
  collected(): Promise<{ rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

async function startSimProcess(): Promise<SimProcess> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./relay-sim-process.ts', import.meta.url)),
    [],
    {
      execArgv: ['--import', 'tsx', '--conditions=@g2g/source', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`simulator process exited (${code})`)));
    child.on('message', (m: { type: string; url?: string }) => {
      if (m.type === 'ready') resolve(m.url!);
    });
  });
  const pid = child.pid!;
  const stat = () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return {
    url,
    pid,
    // Fields 14 and 15 (utime, stime), counted after the `(comm)` field.
    cpuSeconds: () => {
      const f = stat();
      return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
    },
    rss: () => {
      const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(line?.[1] ?? 0) * 1024;
    },
    collected: () =>
      new Promise((resolve) => {
        const onMessage = (m: { type: string; rss: number; heapUsed: number }) => {
          if (m.type !== 'memory') return;
          child.off('message', onMessage);
          resolve(m);
        };
        child.on('message', onMessage);
        child.send({ type: 'memory' });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

// ----------------------------------------------------------- participants

interface World {
  sim: SimClient;
  browser: Browser;
  pageUrl: string;
  appToken: string;
  n: number;
}

interface Meeting {
  id: string;
  meetingNumber: string;
  password: string;
}

async function createMeeting(w: World): Promise<Meeting> {
  const start = Date.now() + 60_000;
  const res = await w.sim.rest<Meeting>(w.appToken, 'POST', '/meetings', {
    title: 'Relay bench',
    start: new Date(start).toISOString(),
    end: new Date(start + 60 * 60_000).toISOString(),
    enabledJoinBeforeHost: true,
    joinBeforeHostMinutes: 15,
    unlockedMeetingJoinSecurity: 'allowJoin',
  });
  if (res.status !== 200) throw new Error(`POST /v1/meetings: ${res.status}`);
  return res.body;
}

/** One Chromium page in the meeting. */
interface Participant {
  page: Page;
  context: BrowserContext;
  headless: HeadlessParticipant;
  /** When the offer was created, by this script's clock. */
  status(): Promise<PageStatus>;
  leave(): Promise<void>;
}

async function openPage(w: World): Promise<{ page: Page; context: BrowserContext }> {
  const context = await w.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(PAGE_SCRIPT);
  await page.goto(w.pageUrl);
  await page.evaluate(() => (window as unknown as BenchWindow).bench.capture());
  return { page, context };
}

/**
 * Joins a page to the meeting and negotiates its media with the relay (ROAP,
 * as webex@3); with `panes`, as a webex@3 multistream client with that many
 * video receive slots (and three audio ones), asking for them over JMP.
 */
async function join(w: World, meeting: Meeting, panes?: number): Promise<Participant> {
  const { page, context } = await openPage(w);
  const i = w.n++;
  const guest = await w.sim.rest<{ accessToken: string }>(w.appToken, 'POST', '/guests/token', {
    subject: `relay-bench-${i}`,
    displayName: `Sender ${i}`,
  });
  const token = guest.body.accessToken;
  const headless = await joinOverHttp({
    url: w.sim.url,
    token,
    meetingNumber: meeting.meetingNumber,
    password: meeting.password,
    listen: false,
  });
  const offer: string =
    panes === undefined
      ? await page.evaluate(() => (window as unknown as BenchWindow).bench.offer())
      : await page.evaluate((n) => (window as unknown as BenchWindow).bench.msOffer(n, 3), panes);
  const { status, answer } = await headless.offerMedia(offer);
  if (status !== 200 || !answer) throw new Error(`ROAP offer: ${status}`);
  if (panes !== undefined && !answer.includes('o=homer'))
    throw new Error('the relay did not answer as Homer: is the multistream option on?');
  await page.evaluate(
    ([sdp, ms]) =>
      ms
        ? (window as unknown as BenchWindow).bench.msAccept(sdp)
        : (window as unknown as BenchWindow).bench.accept(sdp),
    [answer, panes !== undefined] as const,
  );
  return {
    page,
    context,
    headless,
    status: () =>
      panes === undefined
        ? page.evaluate(() => (window as unknown as BenchWindow).bench.status())
        : page.evaluate(() => (window as unknown as BenchWindow).bench.msStatus()),
    async leave() {
      await page.evaluate(() => (window as unknown as BenchWindow).bench.close());
      await headless.leave();
      await headless.close();
      await context.close();
    },
  };
}

/** Multistream: every participant shows frames on each of its `panes` panes. */
async function allPanes(people: Participant[], panes: number): Promise<void> {
  const deadline = Date.now() + FIRST_FRAME_TIMEOUT_MS;
  for (;;) {
    const s = await Promise.all(people.map((p) => p.status()));
    if (s.every((x) => (x.panes ?? 0) >= panes && x.width > 0)) return;
    if (Date.now() > deadline)
      throw new Error(`not every pane decoded within 60 s: ${JSON.stringify(s)}`);
    await sleep(200);
  }
}

async function firstFrame(status: () => Promise<PageStatus>): Promise<number> {
  const deadline = Date.now() + FIRST_FRAME_TIMEOUT_MS;
  for (;;) {
    const s = await status();
    if (s.firstFrame !== null && s.width > 0) return s.firstFrame;
    if (Date.now() > deadline) throw new Error('no remote frame within 60 s');
    await sleep(20);
  }
}

// ------------------------------------------------------------------ parts

/** Packets the relay received from and sent to the meeting's participants, so far. */
async function relayPackets(w: World, meetingId: string): Promise<{ in: number; out: number }> {
  const state = await w.sim.meeting(meetingId);
  let pin = 0;
  let pout = 0;
  for (const p of state.participants) {
    for (const n of Object.values(p.media?.sent ?? {})) pin += n;
    for (const r of Object.values(p.media?.received ?? {})) pout += r.packets;
  }
  return { in: pin, out: pout };
}

async function load(
  w: World,
  proc: SimProcess,
  count: number,
  mode: 'transcoded' | 'multistream' = 'transcoded',
): Promise<string> {
  const meeting = await createMeeting(w);
  const people: Participant[] = [];
  const multistream = mode === 'multistream';
  try {
    // Multistream: a pane for every other participant (as webex@3's grid gives them).
    for (let i = 0; i < count; i++)
      people.push(await join(w, meeting, multistream ? count - 1 : undefined));
    await Promise.all(people.map((p) => firstFrame(p.status)));
    if (multistream) await allPanes(people, count - 1);
    await sleep(SETTLE_MS);
    const inbound = () =>
      Promise.all(
        people.map((p) =>
          p.page.evaluate(() => (window as unknown as BenchWindow).bench.inbound()),
        ),
      );
    const frames0 = await Promise.all(people.map((p) => p.status()));
    const decoded0 = await inbound();
    const packets0 = await relayPackets(w, meeting.id);
    const cpu0 = proc.cpuSeconds();
    const t0 = performance.now();
    const rss: number[] = [];
    // Whose video each receiver gets, sampled each second: how often the speaker switches.
    let switches = 0;
    let feeding = new Map<string, string | null>();
    while (performance.now() - t0 < SECONDS * 1000) {
      rss.push(proc.rss());
      const now = new Map(
        (await w.sim.meeting(meeting.id)).participants.map((p) => [
          p.id,
          p.media?.received.video?.from ?? null,
        ]),
      );
      for (const [id, from] of now) if (feeding.has(id) && feeding.get(id) !== from) switches++;
      feeding = now;
      await sleep(1000);
    }
    const wall = (performance.now() - t0) / 1000;
    const cpu = ((proc.cpuSeconds() - cpu0) / wall) * 100;
    const packets1 = await relayPackets(w, meeting.id);
    const frames1 = await Promise.all(people.map((p) => p.status()));
    const sent = await Promise.all(
      people.map(
        (p) =>
          p.page.evaluate(() => (window as unknown as BenchWindow).bench.sent()) as Promise<{
            width: number;
            height: number;
            fps: number;
          }>,
      ),
    );
    const decoded1 = await inbound();
    const fps = frames1.map((f, i) => (f.frames - frames0[i]!.frames) / wall);
    const decodedFps = decoded1.map((d, i) => (d.decoded - decoded0[i]!.decoded) / wall);
    const keyFrames = decoded1.reduce((n, d, i) => n + d.keyFrames - decoded0[i]!.keyFrames, 0);
    const res = sent.map((s) => `${s.width}×${s.height}`);
    const common = [...new Set(res)].join(', ');
    return (
      `${multistream ? 'multistream, ' : ''}${count} participants, ${fmt(wall)} s: simulator CPU ${fmt(cpu, 1)} % of one core, ` +
      `RSS ${mb(median(rss))} median / ${mb(Math.max(...rss))} peak; ` +
      `relay ${fmt((packets1.in - packets0.in) / wall)} packets/s in, ${fmt((packets1.out - packets0.out) / wall)} out; ` +
      `sent ${common} at ${fmt(median(sent.map((s) => s.fps)))} fps; ` +
      `receivers decoded ${fmt(Math.min(...decodedFps), 1)}–${fmt(Math.max(...decodedFps), 1)} fps ` +
      (multistream
        ? `over their ${count - 1} panes (the slowest pane rendered ${fmt(Math.min(...fps), 1)}–${fmt(Math.max(...fps), 1)}), ${keyFrames} key frames; `
        : `(rendered ${fmt(Math.min(...fps), 1)}–${fmt(Math.max(...fps), 1)}), ${keyFrames} key frames, ` +
          `${switches} speaker switches seen; `) +
      `load average ${loadavg()[0]!.toFixed(1)}`
    );
  } finally {
    for (const p of people) await p.leave().catch(() => {});
  }
}

/** Join-to-first-frame through the relay, against two pages connected directly. */
async function latency(w: World): Promise<string[]> {
  const direct: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const a = await openPage(w);
    const b = await openPage(w);
    const offer: string = await b.page.evaluate(() =>
      (window as unknown as BenchWindow).bench.offer(),
    );
    const answer: string = await a.page.evaluate(
      (sdp) => (window as unknown as BenchWindow).bench.answer(sdp),
      offer,
    );
    await b.page.evaluate((sdp) => (window as unknown as BenchWindow).bench.accept(sdp), answer);
    direct.push(
      await firstFrame(() =>
        b.page.evaluate(() => (window as unknown as BenchWindow).bench.status()),
      ),
    );
    await a.context.close();
    await b.context.close();
  }
  const relayed: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const meeting = await createMeeting(w);
    const sender = await join(w, meeting);
    await firstFrame(sender.status).catch(() => 0); // alone: nothing to receive yet
    await sleep(1000);
    const joiner = await join(w, meeting);
    relayed.push(await firstFrame(joiner.status));
    await joiner.leave();
    await sender.leave();
  }
  const d = median(direct);
  const r = median(relayed);
  return [
    `join to first remote frame, direct page to page (baseline): ${fmt(d)} ms median of ${TRIALS} (${direct.map((x) => fmt(x)).join(', ')})`,
    `join to first remote frame, through the relay: ${fmt(r)} ms median of ${TRIALS} (${relayed.map((x) => fmt(x)).join(', ')})`,
    `added by the relay: ${fmt(r - d)} ms (offer created → first decoded frame; the relay path includes the ROAP round trip over HTTP)`,
  ];
}

/** Joins and leaves for SOAK_SECONDS next to one participant who stays. */
async function soak(w: World, proc: SimProcess): Promise<string[]> {
  const meeting = await createMeeting(w);
  const stays = await join(w, meeting);
  const samples: { at: number; cycle: number; rss: number; heap: number }[] = [];
  const t0 = performance.now();
  let cycles = 0;
  let failures = 0;
  try {
    const sample = async () => {
      const m = await proc.collected();
      samples.push({
        at: (performance.now() - t0) / 1000,
        cycle: cycles,
        rss: m.rss,
        heap: m.heapUsed,
      });
    };
    await sample();
    while (performance.now() - t0 < SOAK_SECONDS * 1000) {
      try {
        const p = await join(w, meeting);
        await firstFrame(p.status);
        await sleep(500);
        await p.leave();
        cycles++;
      } catch {
        failures++;
      }
      if (cycles % 5 === 0) await sample();
    }
    await sample();
  } finally {
    await stays.leave().catch(() => {});
  }
  const after = await proc.collected();
  const at = (s: number) =>
    samples.reduce((best, x) => (Math.abs(x.at - s) < Math.abs(best.at - s) ? x : best));
  const warm = at(Math.min(60, SOAK_SECONDS / 4));
  const mid = at(SOAK_SECONDS / 2);
  const end = samples.at(-1)!;
  const peak = Math.max(...samples.map((s) => s.rss));
  const perHundred = (a: typeof warm, b: typeof warm, key: 'rss' | 'heap') =>
    b.cycle > a.cycle ? ((b[key] - a[key]) / (b.cycle - a.cycle)) * 100 : 0;
  return [
    `soak: ${fmt(cycles)} joins and leaves in ${fmt((performance.now() - t0) / 1000)} s next to one participant who stays (${failures} failed), each waiting for its first remote frame`,
    `soak: simulator RSS ${mb(samples[0]!.rss)} at start, ${mb(warm.rss)} after ${fmt(warm.at)} s (cycle ${warm.cycle}), ${mb(mid.rss)} at ${fmt(mid.at)} s (cycle ${mid.cycle}), ${mb(end.rss)} at the end (cycle ${end.cycle}); peak ${mb(peak)}`,
    `soak: collected heap ${mb(samples[0]!.heap)} at start, ${mb(warm.heap)} after ${fmt(warm.at)} s, ${mb(mid.heap)} midway, ${mb(end.heap)} at the end; ${mb(after.heapUsed)} (RSS ${mb(after.rss)}) once everyone left`,
    `soak: growth per 100 joins after warm-up: RSS ${mb(perHundred(warm, end, 'rss'))} (first half ${mb(perHundred(warm, mid, 'rss'))}, second half ${mb(perHundred(mid, end, 'rss'))}); heap ${mb(perHundred(warm, end, 'heap'))} (second half ${mb(perHundred(mid, end, 'heap'))})`,
  ];
}

export const relayBench: BenchPart = async () => {
  const proc = await startSimProcess();
  const server = await pageServer();
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: RELAY_CHROMIUM_ARGS,
  });
  const sim = createSimClient(proc.url);
  const app = await sim.createServiceApp({ licenceLimit: 1000 });
  const w: World = { sim, browser, pageUrl: server.url, appToken: app.tokens.accessToken, n: 0 };
  const lines: string[] = [];
  try {
    const idle = proc.cpuSeconds();
    await sleep(3000);
    lines.push(
      `simulator process idle: CPU ${fmt(((proc.cpuSeconds() - idle) / 3) * 100, 1)} %, RSS ${mb(proc.rss())}`,
    );
    for (const n of GROUPS) lines.push(await load(w, proc, n));
    if (MS_GROUPS.length) {
      await sim.configure({ multistream: true });
      try {
        for (const n of MS_GROUPS) lines.push(await load(w, proc, n, 'multistream'));
      } finally {
        await sim.configure({ multistream: false });
      }
    }
    if (TRIALS > 0) lines.push(...(await latency(w)));
    if (SOAK_SECONDS > 0) lines.push(...(await soak(w, proc)));
  } finally {
    await browser.close();
    await server.close();
    await proc.stop();
  }
  return lines;
};

// `tsx bench/relay.bench.ts` (pnpm bench:relay): this part alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log('# Media relay');
  for (const line of await relayBench()) console.log(line);
}
