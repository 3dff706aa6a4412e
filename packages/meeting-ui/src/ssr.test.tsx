// Runs in Node, where there is no window: server rendering GuestJoin and the
// building blocks must neither touch browser globals nor load the SDK.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createMeetingClient } from '@g2g/meeting-hooks';
import { WebexMeeting } from '@g2g/meeting-hooks/react';
import { createFakeWebex } from '@g2g/meeting-hooks/testing';
import { GuestJoin, MediaToggle, ParticipantTile, fr } from './index';
import { VideoTiles } from './tiles';

describe('server rendering', () => {
  it('renders GuestJoin’s pre-join screen and the blocks without window or the SDK', () => {
    expect(typeof window).toBe('undefined');
    const fake = createFakeWebex();
    const client = createMeetingClient({ accessToken: 'a_b_c', sdk: fake.sdk });
    const html = renderToString(
      <>
        <GuestJoin client={client} destination="2516 666 1234" displayName="Ada" />
        <GuestJoin client={client} destination="2516 666 1234" messages={fr} />
        <WebexMeeting client={client} destination="2516 666 1234" join={false}>
          <ParticipantTile />
          <MediaToggle kind="camera" />
          <VideoTiles />
        </WebexMeeting>
      </>,
    );
    expect(html).toContain('Ready to join?');
    expect(html).toContain('Prêt');
    expect(html).toContain('data-g2g-camera-off="true"');
    expect(html).toContain('Turn camera on');
    expect(html).toContain('Nobody else is here yet');
    expect(fake.calls.init).toBe(0);
  });
});
