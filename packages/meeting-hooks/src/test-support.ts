/* Helpers shared by this package's own tests (not part of any entry). */
import { createMeetingClient, type MeetingClientOptions } from './core/client';
import type { JoinSession } from './core/session';
import type { JoinState, JoinStatus } from './core/state';
import { createFakeWebex, type FakeScenario } from './testing/fake-webex';

/** Passes the SDK's token format check: three `_`-separated fields. */
export const TOKEN = 'guest_token_org-1';
export const MEETING_NUMBER = '2516 666 1234';

/** A fake SDK and a client using it through `init`. */
export function setup(scenario: FakeScenario = {}, options: Partial<MeetingClientOptions> = {}) {
  const fake = createFakeWebex(scenario);
  const client = createMeetingClient({ accessToken: TOKEN, sdk: fake.sdk, ...options });
  return { fake, client };
}

/** Resolves with the state once the session reaches `status` (now or later). */
export function until<S extends JoinStatus>(
  session: JoinSession,
  status: S,
): Promise<Extract<JoinState, { status: S }>> {
  return new Promise((resolve) => {
    const check = () => {
      const state = session.getSnapshot();
      if (state.status !== status) return false;
      off();
      resolve(state as Extract<JoinState, { status: S }>);
      return true;
    };
    const off = session.subscribe(check);
    check();
  });
}

/** Every status the session publishes from now on, in order (repeats collapsed). */
export function statuses(session: JoinSession): JoinStatus[] {
  const seen: JoinStatus[] = [session.getSnapshot().status];
  session.subscribe(() => {
    const status = session.getSnapshot().status;
    if (seen.at(-1) !== status) seen.push(status);
  });
  return seen;
}
