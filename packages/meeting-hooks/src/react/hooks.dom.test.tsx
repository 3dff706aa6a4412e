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
import {
  JoinSessionProvider,
  MeetingClientProvider,
  useMaybeMeetingClient,
  useMaybeSession,
  useMeetingClient,
  useSession,
} from './context';
import {
  useJoinSession,
  useJoinState,
  useLocalMedia,
  useMediaToggle,
  useParticipant,
  useRemoteMedia,
  useRoster,
  useSelf,
} from './hooks';
import { mergeProps } from './merge-props';
import { WebexMeeting, type WebexMeetingProps } from './WebexMeeting';

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

function meetingWrapper(client: MeetingClient, props: Partial<WebexMeetingProps> = {}) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <StrictMode>
        <WebexMeeting client={client} destination={MEETING_NUMBER} {...OPTIONS} {...props}>
          {children}
        </WebexMeeting>
      </StrictMode>
    );
  };
}

/** Joins through <WebexMeeting> in StrictMode and renders `hook` inside it. */
function renderJoined<T>(hook: () => T, scenario: FakeScenario = {}) {
  const { fake, client } = setup(scenario);
  const result = renderHook(() => ({ joined: useJoinState(), value: hook() }), {
    wrapper: meetingWrapper(client),
  });
  return { fake, client, result: result.result, unmount: result.unmount };
}

function expectOneRegisterOneJoin(fake: FakeWebex) {
  expect(fake.calls.init).toBe(1);
  expect(fake.calls.register).toBe(1);
  expect(fake.calls.join).toBe(1);
  expect(fake.calls.leave).toBe(0);
}

describe('every hook inside <WebexMeeting> under StrictMode registers once and joins once', () => {
  it('useJoinState', async () => {
    const { fake, result } = renderJoined(() => null);
    await waitFor(() => expect(result.current.joined.state.status).toBe('joined'));
    expectOneRegisterOneJoin(fake);
  });

  it('useMeetingClient and useSession', async () => {
    const { fake, client, result } = renderJoined(() => ({
      client: useMeetingClient(),
      session: useSession(),
    }));
    expect(result.current.value.client).toBe(client);
    await waitFor(() => expect(result.current.joined.state.status).toBe('joined'));
    expect(result.current.value.session.getSnapshot()).toBe(result.current.joined.state);
    expectOneRegisterOneJoin(fake);
  });

  it('useRoster, useSelf and useParticipant', async () => {
    const { fake, result } = renderJoined(
      () => ({ roster: useRoster(), self: useSelf(), host: useParticipant('h') }),
      { meeting: { participants: [{ id: 'h', name: 'Dr Host', isHost: true }] } },
    );
    await waitFor(() => expect(result.current.value.self.state?.id).toBe(FAKE_SELF_ID));
    const names = () => result.current.value.roster.state.participants.map((p) => p.name);
    expect(names()).toEqual(['Dr Host', 'Ada']);
    expect(result.current.value.host.state?.name).toBe('Dr Host');
    act(() => fake.addParticipant({ id: 'p', name: 'Pat', inLobby: true }));
    expect(names()).toEqual(['Dr Host', 'Ada', 'Pat']);
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
    expect(result.current.value.state).toEqual({ audio: null, video: null, share: null });
    act(() => fake.remoteMedia('remoteVideo'));
    expect(result.current.value.state.video).toBeTruthy();
    expectOneRegisterOneJoin(fake);
  });
});

describe('<WebexMeeting>', () => {
  it('reports state changes, joined and left through its callbacks', async () => {
    const { fake, client } = setup({ meeting: { lobby: true } });
    const calls: string[] = [];
    const { unmount } = render(
      <StrictMode>
        <WebexMeeting
          client={client}
          destination={MEETING_NUMBER}
          displayName="Ada"
          onStateChange={(s) => calls.push(s.status)}
          onJoined={(s) => calls.push(`joined:${s.isHost}`)}
          onLeft={(reason) => calls.push(`left:${reason}`)}
          onError={(e) => calls.push(`error:${e.code}`)}
        >
          <p>inside</p>
        </WebexMeeting>
      </StrictMode>,
    );
    expect(screen.getByText('inside')).toBeTruthy();
    await waitFor(() => expect(calls).toContain('lobby'));
    act(() => fake.admitSelf());
    await waitFor(() => expect(calls).toContain('joined:false'));
    act(() => fake.endMeeting());
    await waitFor(() => expect(calls).toContain('left:ended'));
    expect(calls.filter((c) => c.startsWith('joined:'))).toHaveLength(1);
    unmount();
  });

  it('reports a failure through onError with the typed error', async () => {
    const { client } = setup();
    const onError = vi.fn();
    render(
      <WebexMeeting client={client} destination="not a meeting" {...OPTIONS} onError={onError} />,
    );
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(onError.mock.calls[0]![0].code).toBe('invalid-destination');
  });

  it('join={false} warms the client and looks the meeting up; joining then waits for nothing else', async () => {
    const { fake, client } = setup({ meeting: { password: 'secret' } });
    const { rerender } = render(
      <WebexMeeting client={client} destination={MEETING_NUMBER} {...OPTIONS} join={false}>
        <Status />
      </WebexMeeting>,
    );
    await waitFor(() => expect(fake.calls.create).toBe(1));
    expect(fake.calls.register).toBe(1);
    expect(screen.getByText('idle')).toBeTruthy();
    rerender(
      <WebexMeeting client={client} destination={MEETING_NUMBER} {...OPTIONS} join>
        <Status />
      </WebexMeeting>,
    );
    await waitFor(() => expect(screen.getByText('password-required')).toBeTruthy());
    // The meeting looked up while warming was the one joined: no second lookup.
    expect(fake.calls.create).toBe(1);
  });

  it('an owned client made from a token is disposed on unmount (device unregistered)', async () => {
    const { fake } = setup();
    const { unmount } = render(
      <WebexMeeting
        accessToken="guest_token_org-1"
        clientOptions={{ sdk: fake.sdk }}
        destination={MEETING_NUMBER}
        {...OPTIONS}
        join={false}
      />,
    );
    await waitFor(() => expect(fake.calls.register).toBe(1));
    unmount();
    await waitFor(() => expect(fake.calls.unregister).toBe(1));
  });
});

function Status() {
  return <p>{useJoinState().state.status}</p>;
}

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

  it('unmounting <WebexMeeting> when joined leaves', async () => {
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
    const { client } = setup();
    const { result } = renderHook(() => useJoinSession(MEETING_NUMBER, OPTIONS), {
      wrapper: strictWrapper(client),
    });
    const actions = result.current.actions;
    await waitFor(() => expect(result.current.state.status).toBe('joined'));
    expect(result.current.actions).toBe(actions);
  });
});

describe('hooks take an explicit client or session, then context, and nothing else', () => {
  it('an explicit session wins over the provider', async () => {
    const a = setup();
    const b = setup({ meeting: { lobby: true } });
    const other = b.client.join(MEETING_NUMBER, OPTIONS);
    await until(other, 'lobby');
    const mine = a.client.createSession();
    const { result } = renderHook(() => useJoinState({ session: other }), {
      wrapper: ({ children }) => (
        <JoinSessionProvider session={mine}>{children}</JoinSessionProvider>
      ),
    });
    expect(result.current.state.status).toBe('lobby');
  });

  it('an explicit session is used without a provider', async () => {
    const { client } = setup();
    const session = client.createSession();
    const { result } = renderHook(() => useJoinState({ session }));
    expect(result.current.state.status).toBe('idle');
    await act(async () => {
      await session.join(MEETING_NUMBER, OPTIONS);
    });
    expect(result.current.state.status).toBe('joined');
  });

  it('JoinSessionProvider sets the session for hooks below it', async () => {
    const { client } = setup();
    const session = client.createSession();
    const { result } = renderHook(() => useJoinState(), {
      wrapper: ({ children }) => (
        <JoinSessionProvider session={session}>{children}</JoinSessionProvider>
      ),
    });
    expect(result.current.state.status).toBe('idle');
    await act(async () => {
      await session.join(MEETING_NUMBER, OPTIONS);
    });
    expect(result.current.state.status).toBe('joined');
  });

  it('a client with sessions is no fallback: outside a session provider hooks throw', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { client } = setup();
    await until(client.join(MEETING_NUMBER, OPTIONS), 'joined');
    for (const hook of [useJoinState, useRoster, useSelf, useLocalMedia, useRemoteMedia]) {
      expect(() => renderHook(() => hook(), { wrapper: strictWrapper(client) })).toThrow(
        /No meeting session here.*<WebexMeeting>/,
      );
    }
    expect(() => renderHook(() => useMeetingClient())).toThrow(/No meeting client here/);
  });

  it('the useMaybe… hooks return null instead', () => {
    const { result } = renderHook(() => ({
      client: useMaybeMeetingClient(),
      session: useMaybeSession(),
    }));
    expect(result.current).toEqual({ client: null, session: null });
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
      return <p>{useJoinState().state.status}</p>;
    }
    function RosterView() {
      renders.roster++;
      return <p>{useRoster().state.participants.length} people</p>;
    }
    // No StrictMode here: it renders twice on purpose, which would blur the count.
    render(
      <WebexMeeting client={client} destination={MEETING_NUMBER} {...OPTIONS}>
        <StateView />
        <RosterView />
      </WebexMeeting>,
    );
    await waitFor(() => expect(screen.getByText('joined')).toBeTruthy());
    const before = { ...renders };
    for (let i = 0; i < 100; i++) act(() => fake.churn(1));
    expect(renders.state - before.state).toBe(0);
    expect(renders.roster - before.roster).toBeGreaterThan(0);
    expect(renders.roster - before.roster).toBeLessThanOrEqual(100);
  });

  it('a selector re-renders only when its slice changes; useParticipant only for its person', async () => {
    const { fake, client } = setup({
      meeting: { participants: [{ id: 'h', name: 'Dr Host', isHost: true }] },
    });
    const renders = { lobby: 0, host: 0 };
    const inLobby = (r: { participants: readonly { inLobby: boolean }[] }) =>
      r.participants.filter((p) => p.inLobby);
    function LobbyCount() {
      renders.lobby++;
      return <p>{useRoster({ select: inLobby }).state.length} waiting</p>;
    }
    function HostTile() {
      renders.host++;
      return <p>{useParticipant('h').state?.name}</p>;
    }
    render(
      <WebexMeeting client={client} destination={MEETING_NUMBER} {...OPTIONS}>
        <LobbyCount />
        <HostTile />
      </WebexMeeting>,
    );
    await waitFor(() => expect(screen.getByText('Dr Host')).toBeTruthy());
    await waitFor(() => expect(screen.getByText('0 waiting')).toBeTruthy());
    const before = { ...renders };
    // Someone else, who is not in the lobby, mutes and unmutes 50 times.
    act(() => fake.addParticipant({ id: 'o', name: 'Olga' }));
    const mid = { ...renders };
    for (let i = 0; i < 50; i++)
      act(() => fake.updateParticipant('o', { audioMuted: i % 2 === 0 }));
    expect(renders.lobby - mid.lobby).toBe(0);
    expect(renders.host - mid.host).toBe(0);
    expect(renders.lobby - before.lobby).toBe(0);
    expect(renders.host - before.host).toBe(0);
    act(() => fake.addParticipant({ id: 'p', name: 'Pat', inLobby: true }));
    expect(screen.getByText('1 waiting')).toBeTruthy();
    expect(renders.host - before.host).toBe(0);
  });
});

describe('useMediaToggle', () => {
  it('mutes the microphone and stops the camera, with pending and ARIA on the button', async () => {
    const { result } = renderJoined(() => ({
      mic: useMediaToggle({ kind: 'microphone', props: { className: 'mine' } }),
      cam: useMediaToggle({ kind: 'camera' }),
    }));
    await waitFor(() => expect(result.current.joined.state.status).toBe('joined'));
    const mic = () => result.current.value.mic;
    expect(mic().enabled).toBe(false);
    expect(mic().buttonProps['aria-pressed']).toBe(false);
    expect(mic().buttonProps.className).toBe('mine');
    await act(async () => {
      await mic().actions.toggle();
    });
    expect(mic().enabled).toBe(true);
    expect(mic().state.status).toBe('on');
    await act(async () => {
      await mic().actions.toggle();
    });
    expect(mic().state).toMatchObject({ status: 'on', muted: true });
    expect(mic().enabled).toBe(false);
    await act(async () => {
      await result.current.value.cam.actions.toggle();
    });
    expect(result.current.value.cam.enabled).toBe(true);
    await act(async () => {
      await result.current.value.cam.actions.toggle();
    });
    expect(result.current.value.cam.state.status).toBe('off');
    expect(mic().pending).toBe(false);
  });
});

describe('mergeProps', () => {
  it('chains handlers, joins classes, merges styles; the rest is last-wins', () => {
    const calls: string[] = [];
    const merged = mergeProps<Record<string, unknown>>(
      { onClick: () => calls.push('ours'), className: 'a', style: { color: 'red' }, id: 'x' },
      { onClick: () => calls.push('yours'), className: 'b', style: { margin: 0 }, id: 'y' },
      { id: undefined },
    );
    (merged.onClick as () => void)();
    expect(calls).toEqual(['ours', 'yours']);
    expect(merged).toMatchObject({ className: 'a b', style: { color: 'red', margin: 0 }, id: 'y' });
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

  it('merge with the caller: handlers chained, classes joined', async () => {
    const { client } = setup({ meeting: { password: 'secret' } });
    const onChange = vi.fn();
    const { result } = renderHook(() => useJoinSession(MEETING_NUMBER, OPTIONS), {
      wrapper: strictWrapper(client),
    });
    await waitFor(() => expect(result.current.state.status).toBe('password-required'));
    const props = result.current.getPasswordFieldProps({ className: 'field', onChange });
    expect(props).toMatchObject({ className: 'field', type: 'password', readOnly: false });
    const submit = result.current.getSubmitProps({ className: 'primary' });
    expect(submit).toMatchObject({ className: 'primary', disabled: false, type: 'submit' });
  });
});
