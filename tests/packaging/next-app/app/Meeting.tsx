'use client';
import { useEffect, useState } from 'react';
import { GuestJoin, ParticipantTile, fr } from '@g2g/meeting-ui';
import { WebexMeeting, useJoinState } from '@g2g/meeting-hooks/react';

function Status() {
  return <p data-testid="status">{useJoinState().state.status}</p>;
}

export function Meeting() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <div data-hydrated={hydrated}>
      {/* warm={false}: server rendering and hydration only; nothing connects. */}
      <GuestJoin destination="2516 666 1234" accessToken="a_b_c" askName warm={false} />
      <WebexMeeting destination="2516 666 1234" accessToken="a_b_c" join={false} warm={false}>
        <Status />
        <ParticipantTile />
      </WebexMeeting>
      <GuestJoin
        destination="2516 666 1234"
        accessToken="a_b_c"
        askName
        messages={fr}
        warm={false}
      />
    </div>
  );
}
