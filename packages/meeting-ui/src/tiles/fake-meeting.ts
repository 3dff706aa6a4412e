/*
 * A multistream meeting on the hooks' scripted fake, joined and with media
 * connected: what the tiles' tests, stories and screenshots drive (not part
 * of any entry).
 */
import { createMeetingClient, type JoinSession, type MeetingClient } from '@g2g/meeting-hooks';
import { createFakeWebex, type FakeParticipant, type FakeWebex } from '@g2g/meeting-hooks/testing';

export interface FakeMeeting {
  fake: FakeWebex;
  client: MeetingClient;
  session: JoinSession;
}

/** `count` people with varied names (a long one, to show truncation). */
export function people(count: number): FakeParticipant[] {
  const names = [
    'Ada Lovelace',
    'Bob Marley',
    'Chiamaka Nnamdi-Oyelaran-Whitfield',
    'Dr Jones',
    'Émile Zola',
    'Fatima Al-Fihri',
    'Grace Hopper',
    'Hiro Tanaka',
    'Ines Duarte',
    'Jonas Berg',
    'Kofi Mensah',
    'Lena Novak',
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: `p${i + 1}`,
    name:
      names[i % names.length]! + (i >= names.length ? ` ${Math.floor(i / names.length) + 1}` : ''),
  }));
}

/** Resolves once `check` holds for the session (now or after a later change). */
function when(session: JoinSession, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const stores = [session, session.localMedia, session.multistream];
    const offs: (() => void)[] = [];
    const test = () => {
      if (!check()) return;
      offs.forEach((off) => off());
      resolve();
    };
    for (const s of stores) offs.push(s.subscribe(test));
    test();
  });
}

/** Joins a fake multistream meeting as `Dee` with `participants`, media connected. */
export async function joinFakeMeeting(options: {
  participants: FakeParticipant[];
  remoteStream?: (kind: 'audio' | 'video', id: string) => MediaStream;
}): Promise<FakeMeeting> {
  const fake = createFakeWebex({
    meeting: { participants: options.participants },
    ...(options.remoteStream ? { media: { remoteStream: options.remoteStream } } : {}),
  });
  const client = createMeetingClient({
    accessToken: 'fake_token_org',
    sdk: fake.sdk,
    timeouts: { connecting: 0, resolving: 0 },
  });
  const session = client.join('2516 666 1234', { displayName: 'Dee', media: true });
  await when(
    session,
    () =>
      session.getSnapshot().status === 'joined' &&
      session.multistream.getSnapshot().mode === 'multistream',
  );
  return { fake, client, session };
}

/**
 * Real streams for a browser (canvas pictures, silent audio), so the tiles
 * show video: a figure per member, a slide for a share. Browser only.
 */
export function browserStreams(): (kind: 'audio' | 'video', id: string) => MediaStream {
  let ctx: AudioContext | undefined;
  return (kind, id) => {
    if (kind === 'audio') return (ctx ??= new AudioContext()).createMediaStreamDestination().stream;
    const share = id.startsWith('remote-share-');
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 360;
    const g = canvas.getContext('2d')!;
    let hue = 0;
    for (const c of id) hue = (hue * 31 + c.charCodeAt(0)) % 360;
    let frame = 0;
    const draw = () => {
      g.fillStyle = share ? '#f4f6f8' : `hsl(${hue} 35% 38%)`;
      g.fillRect(0, 0, 640, 360);
      if (share) {
        g.fillStyle = '#0b5cad';
        g.fillRect(40, 40, 360, 36);
        g.fillStyle = '#8a94a3';
        for (let i = 0; i < 5; i++) g.fillRect(40, 110 + i * 40, 520 - i * 50, 18);
      } else {
        g.fillStyle = `hsl(${hue} 30% 78%)`;
        g.beginPath();
        g.arc(320 + 6 * Math.sin(frame / 8), 150, 62, 0, 2 * Math.PI);
        g.fill();
        g.beginPath();
        g.ellipse(320, 360, 150, 120, 0, Math.PI, 2 * Math.PI);
        g.fill();
      }
      frame++;
    };
    draw();
    const timer = setInterval(draw, 100);
    const stream = canvas.captureStream(10);
    stream.getTracks()[0]?.addEventListener('ended', () => clearInterval(timer));
    return stream;
  };
}
