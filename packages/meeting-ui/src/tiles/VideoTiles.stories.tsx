import { useEffect, useState, type ReactNode } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { JoinSessionProvider } from '@g2g/meeting-hooks/react';
import type { FakeParticipant, FakeWebex } from '@g2g/meeting-hooks/testing';
import { MessagesProvider } from '../i18n/context';
import { fr } from '../i18n/fr';
import { MeetingUiRoot } from '../theme/Root';
import { browserStreams, joinFakeMeeting, people, type FakeMeeting } from './fake-meeting';
import { VideoTiles } from './index';

// The video tiles on the hooks' fake multistream meeting, with canvas pictures.
function FakeTiles({
  participants,
  drive,
  width,
}: {
  participants: FakeParticipant[];
  drive?: (fake: FakeWebex) => void;
  width?: number;
}) {
  const [meeting, setMeeting] = useState<FakeMeeting>();
  useEffect(() => {
    let gone = false;
    let joined: FakeMeeting | undefined;
    void joinFakeMeeting({ participants, remoteStream: browserStreams() }).then((m) => {
      joined = m;
      if (gone) return void m.client.dispose();
      drive?.(m.fake);
      setMeeting(m);
    });
    return () => {
      gone = true;
      void joined?.client.dispose();
    };
    // One meeting per story render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const box: ReactNode = meeting ? (
    <JoinSessionProvider session={meeting.session}>
      <VideoTiles />
    </JoinSessionProvider>
  ) : null;
  return (
    <MeetingUiRoot label="Story" style={width ? { maxWidth: width } : undefined}>
      {box}
    </MeetingUiRoot>
  );
}

const varied = () => {
  const list = people(7);
  list[2]!.audioMuted = true;
  list[3]!.videoMuted = true;
  return list;
};

const meta = {
  title: 'meeting-ui/Video tiles',
  parameters: { layout: 'padded' },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const Grid: Story = {
  render: () => <FakeTiles participants={varied()} drive={(f) => f.speak(['p2'])} />,
};

export const Stage: Story = {
  render: () => (
    <FakeTiles
      participants={varied()}
      drive={(f) => {
        f.speak(['p2']);
        void f.meeting?.remoteMediaManager?.setLayout?.('OnePlusFive');
      }}
    />
  ),
};

export const Share: Story = {
  render: () => <FakeTiles participants={varied()} drive={(f) => f.remoteShare('p1')} />,
};

export const Paging: Story = {
  render: () => <FakeTiles participants={people(14)} />,
};

export const Phone: Story = {
  render: () => <FakeTiles participants={varied()} width={375} />,
};

export const French: Story = {
  render: () => (
    <MessagesProvider messages={fr}>
      <FakeTiles participants={people(10)} />
    </MessagesProvider>
  ),
};
