import { StrictMode, useState, type ReactNode } from 'react';
import {
  act,
  cleanup,
  fireEvent,
  render,
  renderHook,
  screen,
  waitFor,
} from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeetingClient } from '../core';
import { MEETING_NUMBER, setup, until } from '../test-support';
import { FAKE_SELF_ID, type FakeScenario, type FakeWebex } from '../testing';
import { JoinSessionProvider, MeetingClientProvider, useMeetingClient } from './context';
import {
  useJoinSession,
  useJoinState,
  useLocalMedia,
  useRemoteMedia,
  useRoster,
  useSelf,
} from './hooks';

afterEach(cleanup);

const OPTIONS = { displayName: 'Ada' };

function strictWrapper(client: MeetingClient) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <StrictMode>
        <MeetingClientProvider client={client}>{children}</MeetingClientProvider>
      </StrictMode>
    );
  };
}

/** Joins through useJoinSession in StrictMode and renders `hook` beside it. */
function renderJoined<T>(hook: () => T, scenario: FakeScenario = {}) {
  const { fake, client } = setup(scenario);
  const result = renderHook(
    () => {
      const joined = useJoinSession(MEETING_NUMBER, OPTIONS);
      return { joined, value: hook() };
    },
    { wrapper: strictWrapper(client) },
  );
  return { fake, client, result: result.result, unmount: result.unmount };
}

function expectOneRegisterOneJoin(fake: FakeWebex) {
  expect(fake.calls.init).toBe(1);
  expect(fake.calls.register).toBe(1);
  expect(fake.calls.join).toBe(1);
  expect(fake.calls.leave).toBe(0);
}

describe('every hook under StrictMode registers once and joins once', () => {
  it('useJoinSession', async () => {
    const { fake, result } = renderJoined(() => null);
    await waitFor(() => expect(result.current.joined.state.status).toBe('joined'));
    expectOneRegisterOneJoin(fake);
  });

  it('useMeetingClient', async () => {
    const { fake, client, result } = renderJoined(() => useMeetingClient());
    expect(result.current.value).toBe(client);
    await waitFor(() => expect(result.current.joined.state.status).toBe('joined'));
    expectOneRegisterOneJoin(fake);
  });

  it('useJoinState', async () => {
    const { fake, result } = renderJoined(() => useJoinState());
    await waitFor(() => expect(result.current.value.status).toBe('joined'));
    expect(result.current.value).toBe(result.current.joined.state);
    expectOneRegisterOneJoin(fake);
  });

  it('useRoster and useSelf', async () => {
    const { fake, result } = renderJoined(() => ({ roster: useRoster(), self: useSelf() }), {
      meeting: { participants: [{ id: 'h', name: 'Dr Host', isHost: true }] },
    });
    await waitFor(() => expect(result.current.value.self?.id).toBe(FAKE_SELF_ID));
    expect(result.current.value.roster.map((p) => p.name)).toEqual(['Dr Host', 'Ada']);
    act(() => fake.addParticipant({ id: 'p', name: 'Pat', inLobby: true }));
    expect(result.current.value.roster.map((p) => p.name)).toEqual(['Dr Host', 'Ada', 'Pat']);
    expectOneRegisterOneJoin(fake);
  });

  it('useLocalMedia', async () => {
    const { fake, result } = renderJoined(() => useLocalMedia());
    await waitFor(() => expect(result.current.joined.state.status).toBe('joined'));
    await act(async () => {
      await result.current.value.actions.start('microphone');
    });
    expect(result.current.value.state.microphone.status).toBe('on');
    await act(async () => {
      await result.current.value.actions.setMuted('microphone', true);
    });
    expect(result.current.value.state.microphone.muted).toBe(true);
    expectOneRegisterOneJoin(fake);
  });

  it('useRemoteMedia', async () => {
    const { fake, result } = renderJoined(() => useRemoteMedia());
    await waitFor(() => expect(result.current.joined.state.status).toBe('joined'));
    expect(result.current.value).toEqual({ audio: null, video: null, share: null });
    act(() => fake.remoteMedia('remoteVideo'));
    expect(result.current.value.video).toBeTruthy();
    expectOneRegisterOneJoin(fake);
  });
});

describe('useJoinSession lifecycle', () => {
  it('unmounting during joining leaves cleanly, once the SDK join lands', async () => {
    const { fake, client } = setup({ fail: { join: 'hang' } });
    const { result, unmount } = renderHook(() => useJoinSession(MEETING_NUMBER, OPTIONS), {
      wrapper: strictWrapper(client),
    });
    await waitFor(() => expect(result.current.state.status).toBe('joining'));
    const session = result.current.session;
    unmount();
    await waitFor(() => expect(session.getSnapshot()).toEqual({ status: 'left', reason: 'self' }));
    fake.release('join');
    await waitFor(() => expect(fake.calls.leave).toBe(1));
    expect(fake.calls.join).toBe(1);
  });

  it('unmounting when joined leaves', async () => {
    const { fake, result, unmount } = renderJoined(() => null);
    await waitFor(() => expect(result.current.joined.state.status).toBe('joined'));
    unmount();
    await waitFor(() => expect(fake.calls.leave).toBe(1));
  });

  it('a null destination waits; autoJoin: false waits for actions.join()', async () => {
    const { fake, client } = setup();
    const { result, rerender } = renderHook(
      ({ destination, autoJoin }: { destination: string | null; autoJoin: boolean }) =>
        useJoinSession(destination, { ...OPTIONS, autoJoin }),
      {
        wrapper: strictWrapper(client),
        initialProps: { destination: null as string | null, autoJoin: true },
      },
    );
    expect(result.current.state.status).toBe('idle');
    rerender({ destination: MEETING_NUMBER, autoJoin: false });
    await act(async () => {});
    expect(fake.calls.init).toBe(0);
    await act(async () => {
      await result.current.actions.join();
    });
    expect(result.current.state.status).toBe('joined');
    expect(fake.calls.join).toBe(1);
  });

  it('a new destination leaves the old session and joins a new one', async () => {
    const { fake, client } = setup();
    const { result, rerender } = renderHook(
      ({ destination }: { destination: string }) => useJoinSession(destination, OPTIONS),
      { wrapper: strictWrapper(client), initialProps: { destination: MEETING_NUMBER } },
    );
    await waitFor(() => expect(result.current.state.status).toBe('joined'));
    const first = result.current.session;
    rerender({ destination: '25166661234@acme.webex.com' });
    await waitFor(() => expect(result.current.state.status).toBe('joined'));
    expect(result.current.session).not.toBe(first);
    await waitFor(() => expect(first.getSnapshot().status).toBe('left'));
    expect(fake.calls.register).toBe(1);
  });

  it('actions are stable across renders', async () => {
    const { result } = renderJoined(() => null);
    const actions = result.current.joined.actions;
    await waitFor(() => expect(result.current.joined.state.status).toBe('joined'));
    expect(result.current.joined.actions).toBe(actions);
  });
});

describe('hooks take an explicit client or session before context', () => {
  it('an explicit session wins over the provider', async () => {
    const a = setup();
    const b = setup({ meeting: { lobby: true } });
    const other = b.client.join(MEETING_NUMBER, OPTIONS);
    await until(other, 'lobby');
    const { result } = renderHook(() => useJoinState(other), { wrapper: strictWrapper(a.client) });
    expect(result.current.status).toBe('lobby');
  });

  it('an explicit client is used without a provider, and its active session followed', async () => {
    const { client } = setup();
    const { result } = renderHook(() => useJoinState(client));
    expect(result.current.status).toBe('idle');
    const session = client.join(MEETING_NUMBER, OPTIONS);
    await act(async () => {
      await until(session, 'joined');
    });
    expect(result.current.status).toBe('joined');
  });

  it('JoinSessionProvider sets the session for hooks below it', async () => {
    const { client } = setup();
    const session = client.createSession();
    const { result } = renderHook(() => useJoinState(), {
      wrapper: ({ children }) => (
        <JoinSessionProvider session={session}>{children}</JoinSessionProvider>
      ),
    });
    expect(result.current.status).toBe('idle');
    await act(async () => {
      await session.join(MEETING_NUMBER, OPTIONS);
    });
    expect(result.current.status).toBe('joined');
  });

  it('useMeetingClient without a client explains what is missing', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useMeetingClient())).toThrow(/MeetingClientProvider/);
  });

  it('without any session, hooks report idle and empty', async () => {
    const { result } = renderHook(() => ({
      state: useJoinState(),
      roster: useRoster(),
      self: useSelf(),
      media: useLocalMedia(),
      remote: useRemoteMedia(),
    }));
    expect(result.current.state).toEqual({ status: 'idle' });
    expect(result.current.roster).toEqual([]);
    expect(result.current.self).toBeNull();
    expect(result.current.remote).toEqual({ audio: null, video: null, share: null });
    expect((await result.current.media.actions.start('camera'))?.code).toBe('not-joined');
  });
});

describe('render budget', () => {
  it('100 roster updates: 0 re-renders of a useJoinState consumer, ≤ 100 of a useRoster consumer', async () => {
    const { fake, client } = setup({
      meeting: { participants: [{ id: 'h', name: 'Dr Host', isHost: true }] },
    });
    const renders = { state: 0, roster: 0 };
    function StateView() {
      renders.state++;
      return <p>{useJoinState().status}</p>;
    }
    function RosterView() {
      renders.roster++;
      return <p>{useRoster().length} people</p>;
    }
    function App() {
      useJoinSession(MEETING_NUMBER, OPTIONS);
      return (
        <>
          <StateView />
          <RosterView />
        </>
      );
    }
    // No StrictMode here: it renders twice on purpose, which would blur the count.
    render(
      <MeetingClientProvider client={client}>
        <App />
      </MeetingClientProvider>,
    );
    await waitFor(() => expect(screen.getByText('joined')).toBeTruthy());
    const before = { ...renders };
    for (let i = 0; i < 100; i++) act(() => fake.churn(1));
    expect(renders.state - before.state).toBe(0);
    expect(renders.roster - before.roster).toBeGreaterThan(0);
    expect(renders.roster - before.roster).toBeLessThanOrEqual(100);
  });
});

describe('prop-getters', () => {
  function PasswordForm() {
    const { state, actions, getPasswordFieldProps, getCaptchaFieldProps, getSubmitProps } =
      useJoinSession(MEETING_NUMBER, OPTIONS);
    const [password, setPassword] = useState('');
    const [code, setCode] = useState('');
    return (
      <form
        aria-label="password"
        onSubmit={(e) => {
          e.preventDefault();
          void actions.submitPassword(password, code || undefined);
        }}
      >
        <p>{state.status}</p>
        <label>
          Password
          <input
            {...getPasswordFieldProps({
              value: password,
              onChange: (e) => setPassword(e.target.value),
            })}
          />
        </label>
        <label>
          Code
          <input
            {...getCaptchaFieldProps({ value: code, onChange: (e) => setCode(e.target.value) })}
          />
        </label>
        <button {...getSubmitProps()}>Join</button>
      </form>
    );
  }

  it('give ARIA, disabled states and aria-invalid after a failed attempt', async () => {
    const { client } = setup({
      meeting: { password: 'secret', captchaAfterFailures: 1, captchaCode: 'QQ' },
    });
    render(
      <StrictMode>
        <MeetingClientProvider client={client}>
          <PasswordForm />
        </MeetingClientProvider>
      </StrictMode>,
    );
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    const code = screen.getByLabelText('Code', { selector: 'input' }) as HTMLInputElement;
    const submit = screen.getByRole('button', { name: 'Join' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await waitFor(() => expect(screen.getByText('password-required')).toBeTruthy());
    expect(password.type).toBe('password');
    expect(password.required).toBe(true);
    expect(password.getAttribute('aria-invalid')).toBe('false');
    expect(code.hidden).toBe(true);
    expect(submit.disabled).toBe(false);

    fireEvent.change(password, { target: { value: 'wrong' } });
    fireEvent.submit(screen.getByRole('form', { name: 'password' }));
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    expect(code.hidden).toBe(false);
    expect(code.required).toBe(true);
    expect(code.getAttribute('aria-invalid')).toBe('false');

    fireEvent.change(password, { target: { value: 'secret' } });
    fireEvent.change(code, { target: { value: 'nope' } });
    fireEvent.submit(screen.getByRole('form', { name: 'password' }));
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
    expect(password.getAttribute('aria-invalid')).toBe('false');

    fireEvent.change(code, { target: { value: 'QQ' } });
    fireEvent.submit(screen.getByRole('form', { name: 'password' }));
    await waitFor(() => expect(screen.getByText('joined')).toBeTruthy());
    expect(password.disabled).toBe(true);
    expect(submit.disabled).toBe(true);
  });
});
