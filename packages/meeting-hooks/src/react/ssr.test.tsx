// Runs in Node, where there is no window: importing the entries and rendering
// on a server must neither touch browser globals nor load the SDK.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createMeetingClient } from '../core';
import { createFakeWebex } from '../testing';
import {
  useJoinState,
  useLocalMedia,
  usePasswordForm,
  useRemoteMedia,
  useRoster,
  useSelf,
} from './hooks';
import { WebexMeeting } from './WebexMeeting';

function Page() {
  const { state } = useJoinState();
  const { getPasswordFieldProps } = usePasswordForm();
  const roster = useRoster();
  const self = useSelf();
  const media = useLocalMedia();
  const remote = useRemoteMedia();
  return (
    <main>
      <p>{state.status}</p>
      <p>{roster.state.participants.length}</p>
      <p>{String(self.state)}</p>
      <p>{media.state.microphone.status}</p>
      <p>{String(remote.state.video)}</p>
      <input aria-label="password" {...getPasswordFieldProps()} />
    </main>
  );
}

describe('server rendering', () => {
  it('renders the idle state without window and without loading the SDK', () => {
    expect(typeof window).toBe('undefined');
    const fake = createFakeWebex();
    const client = createMeetingClient({ accessToken: 'a_b_c', sdk: fake.sdk });
    const html = renderToString(
      <WebexMeeting client={client} destination="2516 666 1234" displayName="Ada">
        <Page />
      </WebexMeeting>,
    );
    expect(html).toContain('<p>idle</p>');
    expect(html).toContain('<p>off</p>');
    expect(html).toContain('disabled');
    expect(fake.calls.init).toBe(0);
    expect(client.getSnapshot().status).toBe('idle');
  });
});
