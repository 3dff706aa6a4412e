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
