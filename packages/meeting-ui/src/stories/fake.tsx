// Story helpers: a GuestJoin on a scripted fake SDK, fresh for every render.
import { useState } from 'react';
import { createMeetingClient } from '@g2g/meeting-hooks';
import { createFakeWebex, type FakeScenario, type FakeWebex } from '@g2g/meeting-hooks/testing';
import { GuestJoin, type GuestJoinProps } from '../join/GuestJoin';

export interface FakeJoinProps extends Omit<GuestJoinProps, 'client' | 'destination'> {
  scenario?: FakeScenario;
  destination?: string;
  /** Called once with the fake, to drive it (admit, end, add people…). */
  onFake?: (fake: FakeWebex) => void;
}

export function FakeJoin({
  scenario,
  destination = '2516 666 1234',
  onFake,
  ...props
}: FakeJoinProps) {
  const [setup] = useState(() => {
    const fake = createFakeWebex(scenario);
    onFake?.(fake);
    return {
      fake,
      client: createMeetingClient({
        accessToken: 'fake_token_org',
        sdk: fake.sdk,
        timeouts: { connecting: 0, resolving: 0 },
      }),
    };
  });
  return <GuestJoin client={setup.client} destination={destination} {...props} />;
}

export const DR_JONES = { id: 'dr', name: 'Dr Jones', isHost: true };
