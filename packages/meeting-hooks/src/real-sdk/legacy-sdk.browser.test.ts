// The password and join path on webex@2.60.4 (the stock widget's SDK), injected.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { setUp } from './kit';

let env: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  env = await setUp('hooks-legacy');
});
afterAll(async () => {
  await env?.sim.close();
});

it('webex@2.60.4: wrong password, right password, join, leave', async () => {
  const meeting = await env.meeting({
    unlockedMeetingJoinSecurity: 'allowJoin',
    enabledJoinBeforeHost: true,
  });
  const client = env.client({
    accessToken: await env.guestToken('legacy', 'Lee'),
    sdk: () => import('webex-legacy'),
  });
  const session = client.join(meeting.meetingNumber, { displayName: 'Lee' });
  await vi.waitFor(() => expect(session.getSnapshot().status).toBe('password-required'), {
    timeout: 100_000,
  });
  expect((client.webex as { version?: string } | undefined)?.version).toMatch(/^2\.60\./);

  await session.submitPassword('wrong');
  expect(session.getSnapshot()).toMatchObject({
    status: 'password-required',
    lastAttemptFailed: true,
    failureReason: 'wrong-password',
  });

  await session.submitPassword(meeting.password);
  await vi.waitFor(
    () =>
      expect(session.getSnapshot()).toMatchObject({
        status: 'joined',
        meetingNumber: meeting.meetingNumber,
      }),
    { timeout: 100_000 },
  );
  expect((await env.sim.meeting(meeting.id)).participants).toEqual([
    expect.objectContaining({ name: 'Lee', inLobby: false }),
  ]);

  await session.leave();
  expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'self' });
  await client.dispose();
});
